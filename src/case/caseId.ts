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
