import type { DemoCase, DemoCohortTotals } from './demoCohort.js';

/** What the demo's simulation hands on, path by path in the order asked: batches of cases, then the path's totals. @internal */
export type DemoCohortMessage =
  | { readonly kind: 'cases'; readonly pathIndex: number; readonly cases: readonly DemoCase[] }
  | { readonly kind: 'done'; readonly pathIndex: number; readonly totals: DemoCohortTotals };

/** What the worker thread is started with (`workerData`). @internal */
export interface DemoCohortWork {
  readonly paths: readonly { readonly id: string; readonly version: number }[];
  readonly clients: number;
  readonly seed: number;
  /** One Int32: the batches the demo has taken so far, so the worker runs at most a few batches ahead. */
  readonly taken: SharedArrayBuffer;
}

/** How many batches the worker may run ahead of the storing: bounds the memory the queue holds. @internal */
export const demoBatchesAhead = 4;
