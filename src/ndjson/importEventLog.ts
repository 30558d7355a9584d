import type { AnyPathDefinition } from '../path/definition.js';
import { excerptOf } from '../clientExcerpt.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { replayCase } from '../case/replayCase.js';
import type { AppendFailureCode, EventStore } from '../store/eventStore.js';
import { EventStoreError, type StoreFailure } from '../store/eventStoreError.js';
import { projectCase } from '../store/projectCase.js';
import { consentChangesOf, sharingProblem, type SharingMap } from '../store/consent.js';
import { compareWithStored } from './storedPrefix.js';
import { validateEventLog, type LogCaseVerdict, type LogValidation, type ValidateEventLogOptions } from './validateEventLog.js';

/** A case of the log that is now wholly in the store. */
export type ImportedCaseVerdict = Extract<LogCaseVerdict, { status: 'accepted' }> & {
  /** Events of the case written by this import: the log's events after those already stored. */
  readonly appended: number;
  /** Events of the case the store held before (the log's first ones, or all of them and more). */
  readonly storedBefore: number;
};

/** Why an accepted case of the log was not stored. Nothing of it was written. */
export type ImportRefusal =
  | {
      readonly caseId: string;
      readonly status: 'notStored';
      /** The case's events in the log. */
      readonly events: number;
      /** The store holds the case with other events: the first that differs from the log is at `seq`. */
      readonly code: 'CASE_DIFFERS';
      readonly message: string;
      readonly seq: number;
    }
  | {
      readonly caseId: string;
      readonly status: 'notStored';
      readonly events: number;
      /**
       * `LOG_HAS_MALFORMED_LINES`: the log has a line that belongs to no case, so nothing was
       * stored; otherwise the store's failure on reading or appending the case.
       */
      readonly code: 'LOG_HAS_MALFORMED_LINES' | AppendFailureCode | StoreFailure['code'];
      readonly message: string;
    };

/** What happened to each case of an imported log. */
export type ImportVerdict = ImportedCaseVerdict | Extract<LogCaseVerdict, { status: 'rejected' }> | ImportRefusal;

/** The outcome of {@link importEventLog}. */
export interface LogImport extends Omit<LogValidation, 'verdicts'> {
  readonly verdicts: readonly ImportVerdict[];
  /** Cases this import wrote events to, and the events it wrote. */
  readonly storedCases: number;
  readonly storedEvents: number;
}

/** Options of {@link importEventLog}. */
export interface ImportEventLogOptions extends Omit<ValidateEventLogOptions, 'onAccepted'> {
  /**
   * What to do when a line of the log belongs to no case (`MALFORMED_LINE`: not JSON, no caseId).
   * `'storeNothing'` (the default): store no case, since the line may be any case's missing event.
   * `'storeCases'`: store the cases whole as the log has them, without the line; import the repaired
   * log later and it completes the case the line belonged to.
   */
  readonly malformedLines?: 'storeNothing' | 'storeCases';
  /**
   * The host's map from the path's consent scopes to partner organisations, as `openCaseStore`'s
   * `sharing`: each consent event of a stored case is written as a consent row with it, in the
   * append's transaction. Without it no row is written (`rebuildConsents` can write them later).
   * A map that is not one is a `TypeError` naming `sharing.<scope>`, before anything is read.
   */
  readonly sharing?: SharingMap;
}

/**
 * Imports a host's NDJSON event log into a store. The log is validated as `validateEventLog` does;
 * the unit of import is then the **case, whole**: each case whose every line is accepted is appended
 * in one batch with its current-state row, and a case with a rejected line is not stored at all.
 * A line that belongs to no case stores nothing (see {@link ImportEventLogOptions.malformedLines}).
 *
 * A case the store already holds is compared with the log event by event: when the stored events
 * are the log's first ones, only the rest is appended (so a repaired or longer log completes a case);
 * when one differs, the case is refused with `CASE_DIFFERS` naming the seq. Importing a log twice
 * writes nothing the second time. The accepted events are held in memory until the end, so split
 * very large logs by case.
 *
 * @example
 * ```ts
 * const result = await importEventLog(workabilityPath, lines, store);
 * console.log(result.storedCases, result.summary.rejectedCases, result.problems.length);
 * ```
 */
export async function importEventLog(
  definition: AnyPathDefinition,
  lines: AsyncIterable<string> | Iterable<string>,
  store: EventStore,
  options: ImportEventLogOptions = {},
): Promise<LogImport> {
  const { malformedLines = 'storeNothing', sharing, ...validateOptions } = options;
  const badSharing = sharing === undefined ? undefined : sharingProblem(sharing);
  if (badSharing !== undefined) throw new TypeError(`importEventLog: ${badSharing.field} must be ${badSharing.expected}`);
  const accepted = new Map<string, RecordedEvent[]>();
  const validation = await validateEventLog(definition, lines, {
    ...validateOptions,
    onAccepted: (event) => {
      const events = accepted.get(event.caseId) ?? [];
      events.push(event);
      accepted.set(event.caseId, events);
    },
  });
  const refuseLog = malformedLines === 'storeNothing' && validation.summary.malformedLines > 0;
  const verdicts: ImportVerdict[] = [];
  let storedCases = 0;
  let storedEvents = 0;
  for (const verdict of validation.verdicts) {
    const events = accepted.get(verdict.caseId) ?? [];
    if (verdict.status !== 'accepted') {
      verdicts.push(verdict);
      continue;
    }
    if (refuseLog) {
      const count = validation.summary.malformedLines;
      verdicts.push({
        caseId: verdict.caseId,
        status: 'notStored',
        events: events.length,
        code: 'LOG_HAS_MALFORMED_LINES',
        message:
          `${count === 1 ? '1 line' : `${count} lines`} of the log belong to no case ` +
          `(the first at line ${validation.problems[0]?.line ?? '?'}) and may be this case's; nothing was stored`,
      });
      continue;
    }
    const outcome = await storeCase(definition, store, verdict, events, sharing);
    if (outcome.status === 'accepted' && outcome.appended > 0) {
      storedCases++;
      storedEvents += outcome.appended;
    }
    verdicts.push(outcome);
  }
  return { ...validation, verdicts, storedCases, storedEvents };
}

/** Appends what the store lacks of one accepted case: all of it, the rest after a stored prefix, or nothing. */
async function storeCase(
  definition: AnyPathDefinition,
  store: EventStore,
  verdict: Extract<LogCaseVerdict, { status: 'accepted' }>,
  events: readonly RecordedEvent[],
  sharing: SharingMap | undefined,
): Promise<ImportVerdict> {
  const { caseId } = verdict;
  const refused = (code: Exclude<ImportRefusal['code'], 'CASE_DIFFERS'>, message: string): ImportRefusal => ({
    caseId,
    status: 'notStored',
    events: events.length,
    code,
    message,
  });
  let stored: readonly RecordedEvent[];
  try {
    stored = await store.read(caseId);
  } catch (error) {
    if (error instanceof EventStoreError) return refused(error.failure.code, error.failure.message);
    throw error;
  }
  const comparison = compareWithStored(stored, events);
  if (comparison.kind === 'differs') {
    return {
      caseId,
      status: 'notStored',
      events: events.length,
      code: 'CASE_DIFFERS',
      message:
        `the store holds case '${excerptOf(caseId)}' with ${comparison.stored} events, ` +
        `and its seq ${comparison.seq} is not the log's; nothing was appended`,
      seq: comparison.seq,
    };
  }
  if (comparison.kind === 'covered') return { ...verdict, appended: 0, storedBefore: comparison.stored };
  const replayed = replayCase(definition, events);
  if (!replayed.ok) throw new Error(`importEventLog: a validated case would not replay: ${replayed.failure.message}`);
  const rest = events.slice(comparison.stored);
  const consents = consentChangesOf(definition.consent, sharing, rest);
  const saved = await store.append(caseId, rest, {
    expectedSeq: comparison.stored,
    projection: projectCase(replayed.case),
    ...(consents.length > 0 ? { consents } : {}),
  });
  if (!saved.ok) return refused(saved.failure.code, saved.failure.message);
  return { ...verdict, appended: rest.length, storedBefore: comparison.stored };
}
