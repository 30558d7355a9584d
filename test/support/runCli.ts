/**
 * The CLI run in-process, as `kykypolku <args>` would run it: its exit code and what it wrote to
 * standard output and standard error.
 */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** What one run of the CLI gave. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `kykypolku ...args` in this process (src/cli/main.ts) and collects its output. */
export async function runCli(...args: string[]): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (chunk: Buffer) => (chunks.out += chunk.toString()));
  err.on('data', (chunk: Buffer) => (chunks.err += chunk.toString()));
  const code = await main(args, { out: out as never, err: err as never });
  return { code, ...chunks };
}
