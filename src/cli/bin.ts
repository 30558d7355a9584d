#!/usr/bin/env node
import { main } from './main.js';

// Interrupted (Ctrl+C) or stopped: exit through process.exit, so the lock on a --data-dir is let
// go at exit instead of being left for the next run to recover.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kykypolku: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
