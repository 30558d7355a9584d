import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One line a writer process printed (see pgliteWriter.mjs). */
export interface WriterLine {
  readonly event: 'opened' | 'acknowledged' | 'notStored' | 'holding' | 'closed' | 'refused';
  readonly pid?: number;
  readonly found?: number;
  readonly caseId?: string;
  readonly failure?: { readonly code?: string; readonly message: string; readonly [key: string]: unknown };
}

/** A separate node process holding (or failing to open) a PGlite directory through the built package. */
export interface WriterProcess {
  readonly pid: number;
  /**
   * The next line with one of these events (lines already printed count, those already returned do
   * not), or a failure if the process ends first.
   */
  next(...events: WriterLine['event'][]): Promise<WriterLine>;
  /** The case ids of every append the store acknowledged so far. */
  acknowledged(): string[];
  /** Writes a command (`append <n>`, `close`) to the process's standard input. */
  send(command: string): void;
  /** Resolves when the process has exited (and been reaped, so its pid is gone). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** What it wrote to standard error, for failure messages. */
  stderr(): string;
}

const script = fileURLToPath(new URL('./pgliteWriter.mjs', import.meta.url));

/** Starts `node pgliteWriter.mjs <dataDir> <cases> <prefix>`: opens the directory and appends `cases` cases. */
export function startWriter(dataDir: string, cases: number, prefix: string): WriterProcess {
  const child = spawn(process.execPath, [script, dataDir, String(cases), prefix], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: WriterLine[] = [];
  const waiting: { events: WriterLine['event'][]; from: number; resolve: (line: WriterLine) => void; reject: (error: Error) => void }[] =
    [];
  let errors = '';
  let ended = false;
  // A command sent as the process ends must not crash the test run with EPIPE.
  child.stdin.on('error', () => undefined);
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const settle = () => {
    for (const waiter of [...waiting]) {
      const line = lines.slice(waiter.from).find((candidate) => waiter.events.includes(candidate.event));
      if (line) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(line);
      } else if (ended) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.reject(new Error(`writer ${child.pid} ended before '${waiter.events.join("' or '")}': ${JSON.stringify(lines)}\n${errors}`));
      }
    }
  };
  createInterface({ input: child.stdout }).on('line', (text) => {
    lines.push(JSON.parse(text) as WriterLine);
    settle();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close' comes after the exit (the pid reaped) and after the last line of standard output.
    child.on('close', (code, signal) => {
      ended = true;
      settle();
      resolve({ code, signal });
    });
  });
  let seen = 0;
  return {
    pid: child.pid!,
    next(...events) {
      return new Promise((resolve, reject) => {
        waiting.push({
          events,
          from: seen,
          resolve: (line) => {
            seen = lines.indexOf(line) + 1;
            resolve(line);
          },
          reject,
        });
        settle();
      });
    },
    acknowledged: () => lines.filter((line) => line.event === 'acknowledged').map((line) => line.caseId!),
    send: (command) => {
      if (!ended && child.stdin.writable) child.stdin.write(`${command}\n`);
    },
    exited,
    kill: (signal) => child.kill(signal),
    stderr: () => errors,
  };
}
