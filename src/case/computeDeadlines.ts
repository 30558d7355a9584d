import { excerptOf } from '../clientExcerpt.js';
import type { Deadline } from '../path/deadline.js';
import { isoInstant } from '../time/instant.js';
import type { CaseCore } from './caseCore.js';
import { deadlineDueAt } from './typeErasure.js';

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
  for (const rule of core.plan.definition.deadlines) {
    const dueAt = deadlineDueAt(rule, core.history, core.snapshot);
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
