#!/usr/bin/env node
import { main } from './main.js';
import { requestStop } from './stopRequest.js';

// Interrupted (Ctrl+C) or stopped: exit through process.exit, so the lock on a --data-dir is let
// go at exit instead of being left for the next run to recover; a command that holds something
// (the deadline worker's claims) gives it back first, then ends.
process.once('SIGINT', () => requestStop(130));
process.once('SIGTERM', () => requestStop(143));

// A reader that stopped early (`| head -1`) closed the pipe: there is no one left to write to, so
// end quietly as Unix tools do, rather than with an unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kykypolku: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
