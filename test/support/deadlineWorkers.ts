import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** One JSON line a deadline worker printed (see deadlineWorker.ts). */
export interface WorkerLine {
  readonly event: 'started' | 'holding' | 'completed' | 'failed' | 'stopped';
  readonly now?: number;
  readonly claims?: readonly { readonly key: string; readonly dueAt: string; readonly attempt: number; readonly leaseUntil: string }[];
  readonly notHeld?: readonly string[];
  readonly failure?: unknown;
}

/** A running worker: its lines so far, a way to wait for one, its exit. */
export interface RunningWorker {
  readonly pid: number;
  readonly lines: WorkerLine[];
  until(event: WorkerLine['event']): Promise<WorkerLine>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Bundles the worker from the sources once. The drivers stay outside the bundle: an ES module finds
 * bare names only from its own directory up, so the bundle is written inside the project.
 */
export async function bundleDeadlineWorker(): Promise<{ script: string; dispose(): void }> {
  return bundleEntry('test/support/deadlineWorker.ts');
}

/** Bundles one entry of the project (such as the CLI, src/cli/bin.ts) into a script node can run. */
export async function bundleEntry(entry: string): Promise<{ script: string; dispose(): void }> {
  const directory = mkdtempSync(join(root, '.deadline-worker-'));
  const script = join(directory, 'entry.mjs');
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    external: ['pg', '@electric-sql/pglite', 'fast-check'],
    logLevel: 'error',
  });
  return { script, dispose: () => rmSync(directory, { recursive: true, force: true }) };
}

/** Starts one worker process with its options. */
export function startDeadlineWorker(script: string, options: object): RunningWorker {
  const child = spawn(process.execPath, [script, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: WorkerLine[] = [];
  const waiting: { event: WorkerLine['event']; resolve: (line: WorkerLine) => void }[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as WorkerLine;
    lines.push(line);
    for (const waiter of waiting.filter((candidate) => candidate.event === line.event)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    pid: child.pid!,
    lines,
    until(event) {
      const seen = lines.find((line) => line.event === event);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiting.push({ event, resolve }));
    },
    exited,
    kill: (signal) => child.kill(signal),
  };
}
