import { maxCaseIdLength } from '../schema/codeStrings.js';
import { stringProblem } from '../schema/valueDomain.js';

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
