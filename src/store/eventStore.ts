import type { ConsentChange } from './consent.js';
import { excerptOf } from '../clientExcerpt.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { CaseIndex, CaseProjection } from './caseIndex.js';
import type { DeadlineClaims } from '../deadlines/deadlineClaims.js';
import { caseIdProblem } from '../case/caseId.js';
import { describeIssue, projectionIssue, storedEventIssue } from '../case/storedEventDomain.js';
import type { ScanOptions } from './scanOptions.js';
import type { RetentionStore } from '../retention/retentionStore.js';

/** Options of {@link EventStore.append}. */
export interface AppendOptions {
  /**
   * The seq of the case's last event as the writer last saw it: 0 for a new case. The append
   * succeeds only if the store is still at that seq.
   */
  readonly expectedSeq: number;
  /**
   * The case's current-state row after these events, written in the same transaction
   * (`projectCase(caseRef)`; `openCaseStore` gives it). Without it the case's row is marked
   * unprojected, never left stale, until `rebuildProjections()`.
   */
  readonly projection?: CaseProjection;
  /**
   * The consents these events give or withdraw, written in the same transaction (`openCaseStore`
   * derives them from the path's `consent` and its `sharing` map). A store without consent rows
   * ignores them.
   */
  readonly consents?: readonly ConsentChange[];
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
      /** The events do not continue the case: wrong case id, or seqs not expectedSeq + 1, + 2, …. */
      readonly code: 'INVALID_APPEND';
      readonly message: string;
      readonly caseId: string;
      /** The position in the batch of the first event at fault. */
      readonly index: number;
    }
  | {
      /**
       * An event of the batch carries an event id the case already holds for a different event
       * (the whole stored event is compared): the same code `record` gives. `seq` is the stored
       * event the id names; the message names it, never the id.
       */
      readonly code: 'EVENT_ID_TAKEN';
      readonly message: string;
      readonly caseId: string;
      /** The position in the batch of the first event at fault. */
      readonly index: number;
      readonly seq: number;
    }
  | {
      /**
       * The case belongs to another organisation than the one the store was opened for (or, for a
       * store opened for an organisation, to none): the store cannot see it, so it cannot append
       * to it. A new case needs a case id no organisation uses. The message names no organisation.
       */
      readonly code: 'ACCESS_DENIED';
      readonly message: string;
      readonly caseId: string;
    }
  | {
      /**
       * The store could not be reached, or the connection was lost during the append. Whether the
       * batch was written is unknown: append it again with the same event ids (a retry of stored
       * events is answered as already stored) or reload the case.
       */
      readonly code: 'STORE_UNAVAILABLE';
      readonly message: string;
      readonly caseId: string;
    }
  | {
      /**
       * The database refused the batch for a reason the store does not expect, such as a value it
       * cannot hold (SQLSTATE 54000, a key too large for its index; 22021, a NUL in text). Nothing
       * was written; appending the same batch again fails the same way. `sqlState` is
       * PostgreSQL's error code.
       */
      readonly code: 'STORE_FAILED';
      readonly message: string;
      readonly caseId: string;
      readonly sqlState: string | undefined;
    };

/** The failure codes of an append. */
export type AppendFailureCode = AppendFailure['code'];

/** The result of an append: the case's new seq, or why nothing was written. */
export type AppendResult =
  | {
      readonly ok: true;
      readonly seq: number;
      /**
       * True when every event of the batch carries an event id and the store already held exactly
       * these events (a retry after a lost answer): nothing was written. `seq` is the batch's last.
       */
      readonly alreadyRecorded: boolean;
      readonly failure?: never;
    }
  | { readonly ok: false; readonly failure: AppendFailure; readonly seq?: never; readonly alreadyRecorded?: never };

/** One new case for {@link NewCasesAppender.appendNewCases}: its whole history so far, from seq 1. */
export interface NewCase {
  readonly caseId: string;
  /** The case's events, seq 1, 2, …: at least one. */
  readonly events: readonly RecordedEvent[];
  /**
   * The case's current-state row after these events (`projectCase(caseRef)`); without it the case
   * has no row until `rebuildProjections()`.
   */
  readonly projection?: CaseProjection;
}

/**
 * The result of {@link NewCasesAppender.appendNewCases}: every case written, or none. A failure
 * names the first case at fault, by `entry` (its position in the call) and `failure.caseId`.
 */
export type AppendNewCasesResult =
  | {
      readonly ok: true;
      /** How many cases the call wrote (0 when it was a retry of cases stored already). */
      readonly cases: number;
      /** How many events the call wrote. */
      readonly events: number;
      /**
       * True when every event of every case carries an event id and the store already held exactly
       * these cases (a retry after a lost answer): nothing was written.
       */
      readonly alreadyRecorded: boolean;
      readonly failure?: never;
      readonly entry?: never;
    }
  | {
      readonly ok: false;
      /**
       * Why nothing was written, as `append` says it for that case: `CONCURRENCY_CONFLICT` (the
       * store holds the case already; `actualSeq` is its seq), `EVENT_ID_TAKEN`, `INVALID_APPEND`
       * (also for a case id twice in the call, or a case without events), `ACCESS_DENIED`,
       * `STORE_UNAVAILABLE` (whether the cases were written is unknown: call again with the same
       * event ids), `STORE_FAILED`.
       */
      readonly failure: AppendFailure;
      /** The position in the call of the case at fault; 0 for a failure of the whole call (`STORE_UNAVAILABLE`, `STORE_FAILED`). */
      readonly entry: number;
      readonly cases?: never;
      readonly events?: never;
      readonly alreadyRecorded?: never;
    };

/**
 * Appends several new cases in one transaction: what loading a cohort or an import needs, where
 * one transaction per case costs most of the time. Every case must be new (the store holds no
 * event of it); consents are not written (append a case whose events give or withdraw consents
 * with `append` and its `consents`).
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'kykypolku';
 *
 * const store = createMemoryStore();
 * // caseRef: a case recorded through its path, not stored yet; each new case with its whole history.
 * const saved = await store.appendNewCases([{ caseId: caseRef.caseId, events: caseRef.history }]);
 * if (!saved.ok) console.error(`case ${saved.entry}: ${saved.failure.code}`);
 * ```
 */
export interface NewCasesAppender {
  appendNewCases(cases: readonly NewCase[]): Promise<AppendNewCasesResult>;
}

/**
 * The port every event store implements: append with optimistic concurrency, read one case, read
 * everything in append order. A batch is appended whole or not at all. `read` and `readAll` throw
 * an {@link EventStoreError} when the store is unreachable or a stored event was tampered with.
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
export interface EventStore extends NewCasesAppender {
  append(caseId: string, events: readonly RecordedEvent[], options: AppendOptions): Promise<AppendResult>;
  /** The case's events in seq order; empty for an unknown case. */
  read(caseId: string): Promise<readonly RecordedEvent[]>;
  /** Every event of every case, in the order they were appended; see {@link ScanOptions} for unreadable cases. */
  readAll(options?: ScanOptions): AsyncIterable<RecordedEvent>;
}

/**
 * Checks that a batch continues a case: a case id and events inside the value domain
 * (docs/developers.md), the same case id, seqs expectedSeq + 1, + 2, …. Shared by every adapter so
 * they refuse the same batches with the same failure, and none ever hands its driver a value it
 * cannot store.
 *
 * @internal
 */
export function checkBatch(
  caseId: string,
  events: readonly RecordedEvent[],
  expectedSeq: number,
  projection?: CaseProjection,
): AppendFailure | undefined {
  const badCaseId = caseIdProblem(caseId);
  if (badCaseId !== undefined) {
    return {
      code: 'INVALID_APPEND',
      message: `the case id ${badCaseId}`,
      caseId: typeof caseId === 'string' ? caseId.slice(0, 40) : '',
      index: 0,
    };
  }
  if (!Number.isInteger(expectedSeq) || expectedSeq < 0) {
    return {
      code: 'INVALID_APPEND',
      message: `expectedSeq must be a non-negative integer, got ${excerptOf(expectedSeq)}`,
      caseId,
      index: 0,
    };
  }
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    // The event before it passed: the strings this one repeats need no second walk.
    const issue = storedEventIssue(event, index > 0 ? events[index - 1] : undefined);
    if (issue) return { code: 'INVALID_APPEND', message: `event ${index} is not a recorded event: ${describeIssue(issue)}`, caseId, index };
    if (event.caseId !== caseId) {
      return {
        code: 'INVALID_APPEND',
        message: `event ${index} belongs to case '${excerptOf(event.caseId)}', not '${excerptOf(caseId)}'`,
        caseId,
        index,
      };
    }
    if (event.seq !== expectedSeq + index + 1) {
      return {
        code: 'INVALID_APPEND',
        message: `event ${index} has seq ${excerptOf(event.seq)}; expected ${expectedSeq + index + 1}`,
        caseId,
        index,
      };
    }
  }
  const badProjection = projection === undefined ? undefined : projectionIssue(projection);
  if (badProjection)
    return { code: 'INVALID_APPEND', message: `the projection cannot be stored: ${describeIssue(badProjection)}`, caseId, index: 0 };
  return undefined;
}

/**
 * An event store with its case index: what `openCaseStore` needs and what the memory, PostgreSQL
 * and PGlite stores are.
 *
 * @example
 * ```ts
 * const store: IndexedEventStore = createMemoryStore();
 * ```
 */
export interface IndexedEventStore extends EventStore, CaseIndex, DeadlineClaims, RetentionStore {}

/**
 * The refusal of an append to a case the store cannot see: the same words from every store.
 *
 * @internal
 */
export function accessDenied(caseId: string): AppendFailure {
  return {
    code: 'ACCESS_DENIED',
    message: `case '${excerptOf(caseId)}' is not this store's organisation's to write: open a store for the case's organisation`,
    caseId,
  };
}
