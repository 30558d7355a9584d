import type { RecordedEvent } from '../case/recordedEvent.js';

/** Options of {@link EventStore.append}. */
export interface AppendOptions {
  /**
   * The seq of the case's last event as the writer last saw it: 0 for a new case. The append
   * succeeds only if the store is still at that seq.
   */
  readonly expectedSeq: number;
}

/**
 * Why an append was refused. Nothing was written.
 */
export type AppendFailure =
  | {
      /** Another writer appended first: reload the case, record again, append again. */
      readonly code: 'CONCURRENCY_CONFLICT';
      readonly message: string;
      readonly caseId: string;
      readonly expectedSeq: number;
      /** The case's seq in the store now. */
      readonly actualSeq: number;
    }
  | {
      /** The events do not continue the case: wrong case id, or seqs not expectedSeq + 1, + 2, … */
      readonly code: 'INVALID_APPEND';
      readonly message: string;
      readonly caseId: string;
      /** The position in the batch of the first event at fault. */
      readonly index: number;
    };

/** The failure codes of an append. */
export type AppendFailureCode = AppendFailure['code'];

/** The result of an append: the case's new seq, or why nothing was written. */
export type AppendResult =
  | { readonly ok: true; readonly seq: number; readonly failure?: never }
  | { readonly ok: false; readonly failure: AppendFailure; readonly seq?: never };

/**
 * The port every event store implements: append with optimistic concurrency, read one case, read
 * everything in append order. A batch is appended whole or not at all.
 *
 * @example
 * ```ts
 * const outcome = caseRef.record(input);
 * if (outcome.ok) {
 *   const saved = await store.append(caseRef.caseId, [outcome.event], { expectedSeq: outcome.event.seq - 1 });
 *   if (!saved.ok && saved.failure.code === 'CONCURRENCY_CONFLICT') reloadAndRetry(saved.failure.actualSeq);
 * }
 * ```
 */
export interface EventStore {
  append(caseId: string, events: readonly RecordedEvent[], options: AppendOptions): Promise<AppendResult>;
  /** The case's events in seq order; empty for an unknown case. */
  read(caseId: string): Promise<readonly RecordedEvent[]>;
  /** Every event of every case, in the order they were appended. */
  readAll(): AsyncIterable<RecordedEvent>;
}

/**
 * Checks that a batch continues a case: same case id, seqs expectedSeq + 1, + 2, …. Shared by every
 * adapter so they refuse the same batches with the same failure.
 *
 * @internal
 */
export function checkBatch(
  caseId: string,
  events: readonly RecordedEvent[],
  expectedSeq: number,
): AppendFailure | undefined {
  if (!Number.isInteger(expectedSeq) || expectedSeq < 0) {
    return { code: 'INVALID_APPEND', message: `expectedSeq must be a non-negative integer, got ${String(expectedSeq)}`, caseId, index: 0 };
  }
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    if (event.caseId !== caseId) {
      return { code: 'INVALID_APPEND', message: `event ${index} belongs to case '${event.caseId}', not '${caseId}'`, caseId, index };
    }
    if (event.seq !== expectedSeq + index + 1) {
      return { code: 'INVALID_APPEND', message: `event ${index} has seq ${event.seq}; expected ${expectedSeq + index + 1}`, caseId, index };
    }
  }
  return undefined;
}
