import { excerptOf } from '../clientExcerpt.js';
import type { Deadline } from '../path/deadline.js';
import { isoInstant } from '../time/instant.js';
import type { CaseCore } from './caseCore.js';
import { dueDatesOf } from './migratedDueDates.js';

/**
 * The deadlines of a case at `now`, soonest first (declaration order among equals).
 *
 * @internal
 */
export function computeDeadlines(core: CaseCore, now: string): Deadline[] {
  if (!isoInstant.safeParse(now).success) {
    throw new RangeError(`deadlines(now): '${excerptOf(now)}' is not an ISO 8601 instant with an offset, e.g. 2025-05-01T00:00:00Z`);
  }
  const nowMillis = Date.parse(now);
  const due: Deadline[] = [];
  const definition = core.plan.definition;
  // A case migrated to this version has its due dates moved as each deadline's onMigration says.
  const dueDates = dueDatesOf(definition, core.history, core.snapshot, core.replayPrefix);
  for (const rule of definition.deadlines) {
    const dueAt = dueDates.get(rule.id);
    if (dueAt === undefined) continue;
    due.push({
      id: rule.id,
      label: rule.label,
      source: rule.source,
      kind: rule.kind,
      dueAt,
      overdue: nowMillis > Date.parse(dueAt),
    });
  }
  return due.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}
