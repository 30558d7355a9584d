import { stringProblem } from '../schema/valueDomain.js';

/**
 * The longest case id, in UTF-16 code units. At most 3 bytes of UTF-8 each, so 600 bytes: with an
 * event id of the same bound, the widest index entry (`case_id, event_id`) stays well under the
 * 2 704 bytes a PostgreSQL btree entry may take (a 3 000-character id failed with 54000).
 *
 * @example
 * ```ts
 * openCase(workabilityPath, { caseId: 'c'.repeat(maxCaseIdLength) }); // the longest id there is
 * ```
 */
export const maxCaseIdLength = 200;

/**
 * Why a value cannot be a case id (the value domain's strings, 1 to {@link maxCaseIdLength} code
 * units), or `undefined` when it can. The reason never repeats the value.
 *
 * @internal
 */
export function caseIdProblem(caseId: unknown): string | undefined {
  if (typeof caseId !== 'string') return `must be a string, got ${caseId === null ? 'null' : typeof caseId}`;
  if (caseId.length === 0) return 'must not be empty';
  if (caseId.length > maxCaseIdLength) return `must be at most ${maxCaseIdLength} characters, got ${caseId.length}`;
  return stringProblem(caseId);
}

/**
 * Throws a `TypeError` when `caseId` cannot be a case id: a programming error of the host's, not
 * an event to reject.
 *
 * @internal
 */
export function assertCaseId(caseId: unknown): asserts caseId is string {
  const problem = caseIdProblem(caseId);
  if (problem !== undefined) throw new TypeError(`caseId ${problem}`);
}
