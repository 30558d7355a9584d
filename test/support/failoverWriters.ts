/**
 * Writer processes for the failover test (postgresFailoverWriter.mjs): separate node processes
 * appending through the built package, whose every answer the test reads, with the moment it read it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One answer a writer printed. */
export type FailoverLine =
  | { readonly event: 'ready' }
  | {
      readonly event: 'acknowledged';
      readonly caseId: string;
      readonly eventIds: readonly string[];
      readonly alreadyRecorded: boolean;
      readonly attempts: number;
      readonly generation: number;
    }
  | { readonly event: 'unavailable'; readonly caseId: string; readonly generation: number }
  | { readonly event: 'failed'; readonly caseId: string; readonly code: string; readonly generation: number }
  | { readonly event: 'stopped'; readonly batches: number };

/** A line and when the test read it (performance.now()). */
export type TimedLine = FailoverLine & { readonly readAt: number };

export interface FailoverWriter {
  readonly prefix: string;
  /** Every line so far. */
  readonly lines: readonly TimedLine[];
  /** Resolves when a line so far or to come satisfies `test`; rejects when the process ends first or after `seconds`. */
  until(what: string, test: (lines: readonly TimedLine[]) => boolean, seconds?: number): Promise<void>;
  /** Writes a command (`switch <url>`, `stop`) to its standard input. */
  send(command: string): void;
  readonly exited: Promise<number | null>;
  kill(): void;
  stderr(): string;
}

const script = fileURLToPath(new URL('./postgresFailoverWriter.mjs', import.meta.url));
const built = fileURLToPath(new URL('../../dist/postgres.js', import.meta.url));

/** Starts a writer appending cases `<prefix>-00000`, `-00001`, … to the database at `url`. */
export function startFailoverWriter(url: string, prefix: string): FailoverWriter {
  if (!existsSync(built)) throw new Error('the failover writers run the built package: `npm run build` first (CI does)');
  const child: ChildProcess = spawn(process.execPath, [script, url, prefix], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: TimedLine[] = [];
  const waiting = new Set<() => void>();
  let errors = '';
  let ended = false;
  child.stdin!.on('error', () => undefined);
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const settle = () => {
    for (const check of [...waiting]) check();
  };
  createInterface({ input: child.stdout! }).on('line', (text) => {
    lines.push({ ...(JSON.parse(text) as FailoverLine), readAt: performance.now() });
    settle();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      ended = true;
      settle();
      resolve(code);
    }),
  );
  return {
    prefix,
    lines,
    until(what, test, seconds = 30) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`writer ${prefix}: ${what} not within ${seconds} s\n${errors}`)), seconds * 1000);
        const finish = (error?: Error) => {
          clearTimeout(timer);
          waiting.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (test(lines)) finish();
          else if (ended) finish(new Error(`writer ${prefix} ended before ${what}: ${JSON.stringify(lines.slice(-5))}\n${errors}`));
        };
        waiting.add(check);
        check();
      });
    },
    send(command) {
      if (!ended && child.stdin!.writable) child.stdin!.write(`${command}\n`);
    },
    exited,
    kill: () => {
      if (!ended) child.kill('SIGKILL');
    },
    stderr: () => errors,
  };
}
