import type { z } from 'zod';
import { hostIdMaxLength } from './codeStrings.js';

/** The longest string a payload field may hold: the bound of a host's id. */
export const payloadStringMaxLength = hostIdMaxLength;

/** String formats whose shape alone fixes their length. */
const fixedLengthFormats = new Set(['date', 'uuid', 'guid']);

const fix =
  'a payload holds codes, dates and flags, never free text: use an enum, a pattern with a max length ' +
  `(z.string().regex(/^[A-Za-z0-9._:-]+$/).max(64)), isoDate, or isoInstant; at most ${payloadStringMaxLength} characters`;

/**
 * Why a payload string field is free text, or `undefined` when it is a bounded code. Bounded means
 * a stated shape and a stated length: an ISO date (or uuid), or a `.regex()` pattern or string format
 * together with a `.max()` of at most {@link payloadStringMaxLength}. A length alone still lets a name
 * or a diagnosis in; a pattern alone lets in a megabyte of it.
 *
 * @internal
 */
export function freeTextReason(schema: z.ZodString | z.ZodStringFormat): string | undefined {
  const format = (schema as { format?: string | null }).format ?? null;
  if (format !== null && fixedLengthFormats.has(format)) return undefined;
  const maxLength = (schema as { maxLength?: number | null }).maxLength ?? null;
  if (format === null) return `a string without a pattern or format is free text; ${fix}`;
  if (maxLength === null) return `a string without a max length is unbounded; ${fix}`;
  if (maxLength > payloadStringMaxLength)
    return `a string of up to ${maxLength} characters is longer than ${payloadStringMaxLength}; ${fix}`;
  return undefined;
}
