import type { AnyPathDefinition } from '../definition.js';
import type { RecordedEvent } from '../case/recordedEvent.js';
import { replayCase } from '../case/replayCase.js';
import type { EventStore } from '../store/eventStore.js';
import { projectCase } from '../store/projectCase.js';
import { validateEventLog, type LogCaseVerdict, type LogValidation, type ValidateEventLogOptions } from './validateEventLog.js';

/** What happened to each case of an imported log. */
export type ImportVerdict =
  | LogCaseVerdict
  | {
      readonly caseId: string;
      /** The log was good but the store refused it: the case already has events there, or the store failed. */
      readonly status: 'notStored';
      readonly events: number;
      readonly code: string;
      readonly message: string;
    };

/** The outcome of {@link importEventLog}. */
export interface LogImport extends Omit<LogValidation, 'verdicts'> {
  readonly verdicts: readonly ImportVerdict[];
  /** Cases stored, and their events. */
  readonly storedCases: number;
  readonly storedEvents: number;
}

/**
 * Imports a host's NDJSON event log into a store: the log is validated as `validateEventLog` does,
 * and each case whose every line is accepted is appended whole, in one batch, with its current-state
 * row. A case with a rejected line is not stored at all, so a store never holds half a case from a
 * log. The accepted events are held in memory until the end, so split very large logs by case.
 *
 * @example
 * ```ts
 * const result = await importEventLog(workabilityPath, lines, store);
 * console.log(result.storedCases, result.summary.rejectedCases);
 * ```
 */
export async function importEventLog(
  definition: AnyPathDefinition,
  lines: AsyncIterable<string> | Iterable<string>,
  store: EventStore,
  options: Omit<ValidateEventLogOptions, 'onAccepted'> = {},
): Promise<LogImport> {
  const accepted = new Map<string, RecordedEvent[]>();
  const validation = await validateEventLog(definition, lines, {
    ...options,
    onAccepted: (event) => {
      const events = accepted.get(event.caseId) ?? [];
      events.push(event);
      accepted.set(event.caseId, events);
    },
  });
  const verdicts: ImportVerdict[] = [];
  let storedCases = 0;
  let storedEvents = 0;
  for (const verdict of validation.verdicts) {
    const events = accepted.get(verdict.caseId) ?? [];
    if (verdict.status !== 'accepted' || events.length === 0) {
      verdicts.push(verdict);
      continue;
    }
    const replayed = replayCase(definition, events);
    if (!replayed.ok) throw new Error(`importEventLog: a validated case would not replay: ${replayed.failure.message}`);
    const saved = await store.append(verdict.caseId, events, { expectedSeq: 0, projection: projectCase(replayed.case) });
    if (!saved.ok) {
      verdicts.push({ caseId: verdict.caseId, status: 'notStored', events: events.length, code: saved.failure.code, message: saved.failure.message });
      continue;
    }
    storedCases++;
    storedEvents += events.length;
    verdicts.push(verdict);
  }
  return { ...validation, verdicts, storedCases, storedEvents };
}
