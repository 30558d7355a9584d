import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { builtInPathVersions } from '../../machines/index.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { simulateDemoCohort } from './demoCohort.js';
import type { DemoCohortMessage, DemoCohortWork } from './demoCohortMessages.js';

/**
 * The demo's simulated cohorts, path by path in order: batches of cases, then each path's totals.
 * `where` says whether a worker thread simulates them beside the storing or this thread does. @internal
 */
export interface DemoCohortSource {
  readonly where: 'worker thread' | 'this thread';
  /** The next message; a failure of the simulation rejects. */
  next(): Promise<DemoCohortMessage>;
  /** Stops the simulation (a worker is terminated); the source cannot be used afterwards. */
  close(): Promise<void>;
}

/** The worker's heap limits: its live data is one case and the path's plans, whatever the cohort's size. */
const workerHeap = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } as const;

// Beside the built module (dist/); from the TypeScript sources (tests) there is no built worker.
const workerFile = new URL('./demoCohortWorker.js', import.meta.url);

/**
 * Starts simulating the demo's cohorts: in a worker thread when every path is a built-in path
 * version (the worker finds it by id and version) and the built worker is there, else in this
 * thread, one path at a time as the demo asks for it. Either gives the same cases in the same order.
 *
 * @internal
 */
export function startDemoCohorts(
  paths: readonly AnyPathDefinition[],
  clients: number,
  seed: number,
  options: { readonly worker?: boolean } = {},
): DemoCohortSource {
  const catalogue: readonly AnyPathDefinition[] = builtInPathVersions;
  const builtIn = paths.every((path) => catalogue.includes(path));
  if (options.worker !== false && builtIn && existsSync(fileURLToPath(workerFile))) return workerSource(paths, clients, seed);
  return threadSource(paths, clients, seed);
}

function threadSource(paths: readonly AnyPathDefinition[], clients: number, seed: number): DemoCohortSource {
  const queue: DemoCohortMessage[] = [];
  let nextPath = 0;
  return {
    where: 'this thread',
    async next() {
      if (queue.length === 0 && nextPath < paths.length) {
        const pathIndex = nextPath++;
        const totals = simulateDemoCohort(paths[pathIndex]!, clients, seed, (cases) => queue.push({ kind: 'cases', pathIndex, cases }));
        queue.push({ kind: 'done', pathIndex, totals });
      }
      const message = queue.shift();
      if (!message) throw new Error('demo: every cohort has been handed on already');
      return message;
    },
    async close() {
      queue.length = 0;
      nextPath = paths.length;
    },
  };
}

function workerSource(paths: readonly AnyPathDefinition[], clients: number, seed: number): DemoCohortSource {
  const taken = new SharedArrayBuffer(4);
  const takenCount = new Int32Array(taken);
  const work: DemoCohortWork = { paths: paths.map((path) => ({ id: path.id, version: path.version })), clients, seed, taken };
  // The worker keeps nothing but the case it walks (plain data goes out in batches): small heaps
  // keep its memory (~130 MB with V8's defaults, ~55 MB so) off the demo's peak, at no measured cost in time.
  const worker = new Worker(workerFile, { workerData: work, resourceLimits: workerHeap });
  const queue: DemoCohortMessage[] = [];
  const waiting: { resolve: (message: DemoCohortMessage) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | undefined;
  let finished = false;
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiter of waiting.splice(0)) waiter.reject(failure);
  };
  worker.on('message', (message: DemoCohortMessage) => {
    if (message.kind === 'done' && message.pathIndex === paths.length - 1) {
      finished = true;
      // Every case is here now: the worker's heap (~60 MB) goes before the last cases are stored,
      // near the demo's peak of memory, rather than after them.
      void worker.terminate();
    }
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(message);
    else queue.push(message);
  });
  worker.on('error', (error) => fail(new Error(`demo: the cohort simulation failed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => {
    if (!finished) fail(new Error(`demo: the cohort simulation stopped (exit code ${code}) before every cohort was done`));
  });
  return {
    where: 'worker thread',
    next() {
      const message = queue.shift();
      const handedOn = message ? Promise.resolve(message) : failure ? Promise.reject(failure) : undefined;
      const answer = handedOn ?? new Promise<DemoCohortMessage>((resolve, reject) => waiting.push({ resolve, reject }));
      return answer.then((taken) => {
        // One more batch taken: the worker may run one further ahead.
        if (taken.kind === 'cases') {
          Atomics.add(takenCount, 0, 1);
          Atomics.notify(takenCount, 0);
        }
        return taken;
      });
    },
    async close() {
      finished = true;
      await worker.terminate();
    },
  };
}
