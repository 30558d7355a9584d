import { excerptOf } from '../clientExcerpt.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { CaseProjection } from './caseIndex.js';
import { checkBatch, type AppendFailure } from './eventStore.js';

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
 * Checks a call of `appendNewCases` before anything is written: each case as `append` checks a batch
 * at expectedSeq 0, at least one event each, no case id twice. Shared by every store so they refuse
 * the same calls the same way. @internal
 */
export function checkNewCases(cases: readonly NewCase[]): { readonly failure: AppendFailure; readonly entry: number } | undefined {
  if (!Array.isArray(cases)) {
    return { failure: { code: 'INVALID_APPEND', message: 'appendNewCases takes an array of new cases', caseId: '', index: 0 }, entry: 0 };
  }
  const seen = new Map<string, number>();
  for (let entry = 0; entry < cases.length; entry++) {
    const newCase = cases[entry] as NewCase | undefined;
    if (typeof newCase !== 'object' || newCase === null || !Array.isArray(newCase.events)) {
      const message = `new case ${entry} is not an object with a caseId and an array of events`;
      return { failure: { code: 'INVALID_APPEND', message, caseId: '', index: 0 }, entry };
    }
    const invalid = checkBatch(newCase.caseId, newCase.events, 0, newCase.projection);
    if (invalid) return { failure: invalid, entry };
    const { caseId } = newCase;
    if (newCase.events.length === 0) {
      const message = `new case ${entry} ('${excerptOf(caseId)}') has no events: a new case starts with its first event`;
      return { failure: { code: 'INVALID_APPEND', message, caseId, index: 0 }, entry };
    }
    const earlier = seen.get(caseId);
    if (earlier !== undefined) {
      const message = `new cases ${earlier} and ${entry} have the same case id '${excerptOf(caseId)}'`;
      return { failure: { code: 'INVALID_APPEND', message, caseId, index: 0 }, entry };
    }
    seen.set(caseId, entry);
  }
  return undefined;
}

/** The refusal of a new case the store holds already: the same words from every store. @internal */
export function caseTaken(caseId: string, actualSeq: number): AppendFailure {
  return {
    code: 'CONCURRENCY_CONFLICT',
    message: `case '${excerptOf(caseId)}' is at seq ${actualSeq}, not 0: the store holds it already`,
    caseId,
    expectedSeq: 0,
    actualSeq,
  };
}
