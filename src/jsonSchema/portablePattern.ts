/**
 * Thrown when a pattern uses a construct that means different things to ECMAScript and to the
 * regex engines of other hosts, and that has no portable spelling here.
 *
 * @internal
 */
export class UnportablePatternError extends Error {
  override readonly name = 'UnportablePatternError';
}

// A JSON Schema `pattern` is ECMAScript, but hosts run it with their own engine: Python's `re`,
// .NET and Java let `$` match before a final "\n" and `\d` match any Unicode digit. Spelled as
// below, a pattern means the same to all of them as it means to ECMAScript without flags.
const endOfInput = '(?![\\s\\S])';

/**
 * The same pattern, spelled so that ECMAScript, Python, .NET and Java agree on it: `\d` as `[0-9]`,
 * and `$` (the end of the input, to ECMAScript without the `m` flag) as a look-ahead for no more
 * characters. Throws {@link UnportablePatternError} for `\w`, `\b` and their negations, whose
 * meaning differs with Unicode.
 *
 * @example
 * ```ts
 * portablePattern('^\\d{4}$'); // '^[0-9]{4}(?![\\s\\S])'
 * ```
 * @internal
 */
export function portablePattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const character = source[index]!;
    if (character === '\\') {
      const next = source[index + 1];
      index++;
      if (next === 'd') out += inClass ? '0-9' : '[0-9]';
      else if (next === 'D' && !inClass) out += '[^0-9]';
      else if (next === undefined || 'DwWbB'.includes(next))
        throw new UnportablePatternError(
          `'\\${next ?? ''}' in /${source}/ has no portable spelling; write the class out, e.g. [A-Za-z0-9_]`,
        );
      else out += `\\${next}`;
    } else if (inClass) {
      if (character === ']') inClass = false;
      out += character;
    } else if (character === '[') {
      inClass = true;
      out += character;
      // A ']' right after '[' or '[^' is a literal member in ECMAScript only; keep it escaped.
      if (source[index + 1] === '^') out += source[++index];
      if (source[index + 1] === ']')
        throw new UnportablePatternError(`a class opening with ']' in /${source}/ reads differently in Python; escape it`);
    } else if (character === '$') {
      out += endOfInput;
    } else {
      out += character;
    }
  }
  return out;
}
