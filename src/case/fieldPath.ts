import { excerptOf } from '../clientExcerpt.js';

/** The most characters of one key a field path quotes. */
const keyExcerptLength = 40;

/**
 * A field path as a message names it (`payload.referredFrom.caseId`): each key cut to a short
 * excerpt with its control characters replaced (see `excerptOf`), since a key can be client text
 * and a message never repeats client text whole.
 *
 * @internal
 */
export function describeFieldPath(path: readonly PropertyKey[], whole = '(input)'): string {
  if (path.length === 0) return whole;
  return path.map((key) => (typeof key === 'string' ? excerptOf(key, keyExcerptLength) : String(key))).join('.');
}
