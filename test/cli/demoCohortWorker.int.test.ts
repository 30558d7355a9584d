import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { builtInPathVersions } from '../../machines/index.js';
import { demoCaseBatch, simulateDemoCohort } from '../../src/cli/demoCohort.js';
import { type DemoCohortMessage, type DemoCohortWork, demoBatchesAhead } from '../../src/cli/demoCohortMessages.js';

// The built worker, as `kykypolku demo` starts it (the demo test runs the built CLI too).
const workerFile = fileURLToPath(new URL('../../dist/demoCohortWorker.js', import.meta.url));

function startWorker(paths: readonly { id: string; version: number }[], clients: number, seed: number) {
  const taken = new SharedArrayBuffer(4);
  const work: DemoCohortWork = { paths, clients, seed, taken };
  const worker = new Worker(workerFile, { workerData: work });
  const messages: DemoCohortMessage[] = [];
  worker.on('message', (message: DemoCohortMessage) => messages.push(message));
  const exited = new Promise<number>((resolve) => worker.on('exit', resolve));
  return { worker, messages, exited, taken: new Int32Array(taken) };
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe("the demo's cohort worker", () => {
  it('hands on the same cases, batches and totals as the simulation in this thread, path by path', async () => {
    // Two paths, one at an earlier version, and a cohort past one batch with a partial last batch.
    const paths = [builtInPathVersions[0], builtInPathVersions.find((path) => path.version === 1)!];
    const clients = demoCaseBatch * 2 + 7;
    const run = startWorker(
      paths.map((path) => ({ id: path.id, version: path.version })),
      clients,
      4,
    );
    // Taken as fast as they come: the test is not about the worker waiting.
    run.taken[0] = 1_000_000;
    expect(await run.exited).toBe(0);

    const expected: DemoCohortMessage[] = [];
    for (const [pathIndex, definition] of paths.entries()) {
      const totals = simulateDemoCohort(definition, clients, 4, (cases) => expected.push({ kind: 'cases', pathIndex, cases }));
      expected.push({ kind: 'done', pathIndex, totals });
    }
    expect(run.messages.map((message) => message.kind)).toEqual(['cases', 'cases', 'cases', 'done', 'cases', 'cases', 'cases', 'done']);
    expect(JSON.stringify(run.messages)).toBe(JSON.stringify(expected));
  });

  it('runs at most a bounded number of batches ahead of what the demo has taken, then goes on when it takes more', async () => {
    const clients = demoCaseBatch * (demoBatchesAhead + 3);
    const run = startWorker([{ id: builtInPathVersions[0].id, version: builtInPathVersions[0].version }], clients, 2);
    await until(() => run.messages.length >= demoBatchesAhead);
    // Nothing taken yet: the worker waits, however long it is given.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(run.messages.length).toBe(demoBatchesAhead);
    Atomics.add(run.taken, 0, 3);
    Atomics.notify(run.taken, 0);
    expect(await run.exited).toBe(0);
    expect(run.messages.length).toBe(demoBatchesAhead + 3 + 1);
    expect(run.messages.at(-1)?.kind).toBe('done');
  });
});
