// The demo's cohort simulation in a worker thread, so that it runs beside the storing on a
// second core; the same code and seed give the same cases as in the demo's own thread.
import { parentPort, workerData } from 'node:worker_threads';
import { builtInPathVersions } from '../../machines/index.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { simulateDemoCohort } from './demoCohort.js';
import { type DemoCohortMessage, type DemoCohortWork, demoBatchesAhead } from './demoCohortMessages.js';

const work = workerData as DemoCohortWork;
const taken = new Int32Array(work.taken);
let posted = 0;
const post = (message: DemoCohortMessage) => parentPort!.postMessage(message);
const catalogue: readonly AnyPathDefinition[] = builtInPathVersions;

for (const [pathIndex, wanted] of work.paths.entries()) {
  const definition = catalogue.find((path) => path.id === wanted.id && path.version === wanted.version)!;
  const totals = simulateDemoCohort(definition, work.clients, work.seed, (cases) => {
    // Wait (this thread only) while the storing is far behind: the queued batches are memory.
    for (let seen = Atomics.load(taken, 0); posted - seen >= demoBatchesAhead; seen = Atomics.load(taken, 0)) {
      Atomics.wait(taken, 0, seen);
    }
    post({ kind: 'cases', pathIndex, cases });
    posted++;
  });
  post({ kind: 'done', pathIndex, totals });
}
