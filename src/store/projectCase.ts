import type { AnyPathCase } from '../case/pathCase.js';
import type { CaseProjection } from './caseIndex.js';
import type { ArmedDeadline } from '../deadlines/deadlineClaims.js';
import { assigneeOfCase } from '../case/typeErasure.js';
import { dueDatesOf } from '../case/migratedDueDates.js';
import { replayPrefix } from '../case/replayCase.js';

/**
 * A case's current-state row: its state, whether it is open, who is responsible (the definition's
 * `assigneeOf`) and its next deadline (the earliest `dueAt` of the definition's deadlines; none
 * once the case is closed), and every deadline due for an open case, to arm. Pure: the same case gives the same row.
 *
 * @example
 * ```ts
 * await store.append(caseRef.caseId, [event], { expectedSeq: event.seq - 1, projection: projectCase(caseRef) });
 * ```
 */
export function projectCase(caseRef: AnyPathCase): CaseProjection {
  const definition = caseRef.definition;
  const history = caseRef.history;
  const state = caseRef.state;
  const view = { value: state.value, context: state.context };
  let nextDueAt: string | undefined;
  let nextDueMillis = Infinity;
  const deadlines: ArmedDeadline[] = [];
  if (state.status === 'open') {
    // Moved by each deadline's onMigration once the case migrated: what the store arms is what `deadlines(now)` says.
    const dueDates = dueDatesOf(definition, history, view, replayPrefix);
    for (const deadline of definition.deadlines) {
      const dueAt = dueDates.get(deadline.id);
      if (dueAt === undefined) continue;
      deadlines.push({ id: deadline.id, dueAt });
      const millis = Date.parse(dueAt);
      if (millis < nextDueMillis) {
        nextDueMillis = millis;
        nextDueAt = dueAt;
      }
    }
  }
  return {
    state: caseRef.stateName,
    status: state.status,
    assignee: assigneeOfCase(definition, history, view),
    nextDueAt,
    deadlines,
  };
}
