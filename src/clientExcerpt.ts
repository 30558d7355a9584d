import { hostIdMaxLength } from './schema/codeStrings.js';

/** The most characters of a client's value a message quotes. */
export const excerptLength = 32;

// C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional overrides and
// isolates: each could forge a new log line or reorder what a reader sees ("Trojan source").
const unsafeCharacter = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * A short, safe excerpt of a value a client gave, for a message: at most `length` (by default
 * {@link excerptLength}) characters of a string, control characters, bidirectional controls and lone surrogates replaced by
 * U+FFFD, and, when cut, marked with `…` and the full length. Anything else is named by its kind, never
 * converted (a client's object may have a `toString` of its own). Messages name fields and codes;
 * this is all they ever quote of what a client sent.
 *
 * @example
 * ```ts
 * excerptOf('case-1'); // 'case-1'
 * excerptOf('x'.repeat(1000)); // 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1000 characters)'
 * excerptOf('a\nb'); // 'a\uFFFDb'
 * ```
 */
export function excerptOf(value: unknown, length: number = excerptLength): string {
  if (typeof value !== 'string') return kindOf(value);
  let excerpt = '';
  let taken = 0;
  let index = 0;
  while (index < value.length && taken < length) {
    const unit = value.charCodeAt(index);
    if (isHighSurrogate(unit) && index + 1 < value.length && isLowSurrogate(value.charCodeAt(index + 1))) {
      excerpt += value.slice(index, index + 2);
      index += 2;
    } else {
      const character = value[index]!;
      excerpt += isHighSurrogate(unit) || isLowSurrogate(unit) || unsafeCharacter.test(character) ? '\uFFFD' : character;
      index += 1;
    }
    taken++;
  }
  return index < value.length ? `${excerpt}… (${value.length} characters)` : excerpt;
}

function kindOf(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return String(value);
    case 'object':
      if (value === null) return 'null';
      try {
        return Array.isArray(value) ? '(an array)' : '(an object)';
      } catch {
        // Array.isArray throws on a revoked Proxy; an excerpt never throws.
        return '(an object)';
      }
    default:
      return `(a ${typeof value})`;
  }
}

/**
 * A host's id (a caseId) for a line a person reads: whole up to its bound (200 characters), so the host can
 * find the case, with the same characters replaced as in {@link excerptOf}.
 *
 * @example
 * ```ts
 * caseIdForDisplay('case-1\u001b[2J'); // 'case-1\uFFFD[2J'
 * ```
 */
export function caseIdForDisplay(caseId: unknown): string {
  return excerptOf(caseId, hostIdMaxLength);
}
