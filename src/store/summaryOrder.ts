import type { CaseQuery, CaseSummary } from './caseIndex.js';

/**
 * Whether a case matches a query, as the SQL stores' WHERE clause decides it.
 *
 * @internal
 */
export function matchesQuery(summary: CaseSummary, query: Omit<CaseQuery, 'limit'>): boolean {
  if (query.pathId !== undefined && summary.pathId !== query.pathId) return false;
  if (query.state !== undefined && summary.state !== query.state) return false;
  if (query.status !== undefined && summary.status !== query.status) return false;
  if (query.assignee !== undefined && summary.assignee !== query.assignee) return false;
  if (query.dueBefore !== undefined) {
    if (summary.status !== 'open' || summary.nextDueAt === undefined) return false;
    if (!(Date.parse(summary.nextDueAt) < Date.parse(query.dueBefore))) return false;
  }
  return true;
}

// Case ids order as the "C" collation does; the function lives with the case id's domain.
export { compareCaseIds } from '../case/caseId.js';
import { compareCaseIds } from '../case/caseId.js';

/**
 * The order of `listCases`: next deadline first (none last), then case id by code point, as the
 * SQL stores' `ORDER BY next_due_at, case_id` with the "C" collation gives it.
 *
 * @internal
 */
export function compareSummaries(a: CaseSummary, b: CaseSummary): number {
  const dueA = a.nextDueAt === undefined ? Infinity : Date.parse(a.nextDueAt);
  const dueB = b.nextDueAt === undefined ? Infinity : Date.parse(b.nextDueAt);
  if (dueA !== dueB) return dueA - dueB;
  return compareCaseIds(a.caseId, b.caseId);
}
