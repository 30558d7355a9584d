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

/**
 * Two case ids in the order of the SQL stores' "C" collation: by their UTF-8 bytes, which is the
 * order of their code points. JavaScript's `<` compares UTF-16 code units, which puts a character
 * past U+FFFF (a surrogate pair, such as an emoji) before U+E000–U+FFFF; this does not.
 *
 * @internal
 */
export function compareCaseIds(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const unitA = a.charCodeAt(index);
    const unitB = b.charCodeAt(index);
    if (unitA === unitB) continue;
    // Only where the strings first differ: a surrogate (0xD800–0xDFFF) stands for a code point
    // above every unit from 0xE000, and below none under 0xD800.
    const rank = (unit: number) => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit);
    return rank(unitA) - rank(unitB);
  }
  return a.length - b.length;
}

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
