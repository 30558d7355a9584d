import { z } from 'zod';
import { freeTextReason } from './boundedString.js';

/**
 * The values one payload field can take, as the engine sees them. `finite` fields (enums,
 * literals, booleans, small integer ranges, and `undefined` when optional) are enumerated in full;
 * `open` fields (dates, identifiers, large numbers) are represented by one valid sample. A string
 * field is always a bounded code (see `freeTextReason`), never free text. Guards
 * and rules should branch on finite fields only; the model checker relies on it.
 */
export type FieldDomain =
  | { readonly kind: 'finite'; readonly values: readonly unknown[] }
  | { readonly kind: 'open'; readonly sample: unknown; readonly format: OpenFormat };

/** What an open field holds, for samples and for the checker's abstraction of it. */
export type OpenFormat = 'date' | 'instant' | 'string' | 'number' | 'object';

/** Integer ranges up to this size count as finite. */
const largestFiniteRange = 32;

/** Candidate samples tried, in order, for an open string without an example. */
const candidateStrings = ['2025-01-01', '2025-01-01T00:00:00Z', 'x1', 'A1', 'x'];

/**
 * Thrown when a payload field uses a zod type the engine cannot enumerate or sample. Path
 * definitions catch it and name the path and the field.
 *
 * @internal
 */
export class UnsupportedFieldError extends Error {
  override readonly name = 'UnsupportedFieldError';
}

function exampleOf(schema: z.ZodType): unknown[] {
  const meta = z.globalRegistry.get(schema);
  const examples = meta?.examples;
  return Array.isArray(examples) ? examples : [];
}

function openString(schema: z.ZodString | z.ZodStringFormat): FieldDomain {
  const freeText = freeTextReason(schema);
  if (freeText !== undefined) throw new UnsupportedFieldError(freeText);
  const format = (schema as { format?: string | null }).format ?? null;
  const kind: OpenFormat = format === 'date' ? 'date' : format === 'datetime' ? 'instant' : 'string';
  for (const candidate of [...exampleOf(schema), ...candidateStrings]) {
    if (schema.safeParse(candidate).success) return { kind: 'open', sample: candidate, format: kind };
  }
  throw new UnsupportedFieldError("no sample value passes this string schema; give one with .meta({ examples: ['…'] })");
}

function numberDomain(schema: z.ZodNumber): FieldDomain {
  const { minValue, maxValue, isInt } = schema;
  if (
    isInt &&
    minValue !== null &&
    maxValue !== null &&
    Number.isFinite(minValue) &&
    Number.isFinite(maxValue) &&
    maxValue - minValue < largestFiniteRange
  ) {
    const values: number[] = [];
    for (let value = minValue; value <= maxValue; value++) values.push(value);
    return { kind: 'finite', values };
  }
  for (const candidate of [...exampleOf(schema), minValue, 0, 1]) {
    if (candidate !== null && schema.safeParse(candidate).success) {
      return { kind: 'open', sample: candidate, format: 'number' };
    }
  }
  throw new UnsupportedFieldError('no sample value passes this number schema; give .meta({ examples })');
}

function withExtra(domain: FieldDomain, extra: unknown): FieldDomain {
  if (domain.kind === 'finite') return { kind: 'finite', values: [...domain.values, extra] };
  return domain;
}

/**
 * The domain of one payload field.
 *
 * @internal
 */
export function describeFieldDomain(schema: z.ZodType): FieldDomain {
  const type = schema.type;
  switch (type) {
    case 'boolean':
      return { kind: 'finite', values: [false, true] };
    case 'enum':
      return { kind: 'finite', values: (schema as z.ZodEnum).options };
    case 'literal':
      return { kind: 'finite', values: [...(schema as z.ZodLiteral).values] };
    case 'optional':
      return withExtra(describeFieldDomain((schema as z.ZodOptional).unwrap() as z.ZodType), undefined);
    case 'nullable':
      return withExtra(describeFieldDomain((schema as z.ZodNullable).unwrap() as z.ZodType), null);
    case 'default':
      return describeFieldDomain((schema as z.ZodDefault).unwrap() as z.ZodType);
    case 'string':
      return openString(schema as z.ZodString);
    case 'number':
      return numberDomain(schema as z.ZodNumber);
    case 'object':
      // A nested object (a Kykyviisari result, a referral reference) is one open value: guards and
      // rules do not branch on it, so one valid sample stands for all.
      return { kind: 'open', sample: sampleOf(schema as z.ZodObject), format: 'object' };
    default:
      throw new UnsupportedFieldError(
        `zod type '${type}' is not supported in payloads; use enums, literals, booleans, bounded integers, dates or identifiers`,
      );
  }
}

function sampleOf(schema: z.ZodObject): Record<string, unknown> {
  const sample: Record<string, unknown> = {};
  for (const [field, domain] of Object.entries(describePayloadDomain(schema))) {
    const value = domain.kind === 'finite' ? domain.values.find((candidate) => candidate !== undefined) : domain.sample;
    if (value !== undefined) sample[field] = value;
  }
  if (!schema.safeParse(sample).success) {
    throw new UnsupportedFieldError('no sample value passes this object schema; give one with .meta({ examples: [{ … }] })');
  }
  return sample;
}

/**
 * How many payloads {@link enumeratePayloads} yields for a schema, without building them.
 *
 * @example
 * ```ts
 * countPayloads(z.strictObject({ a: z.boolean(), b: z.enum(['x', 'y', 'z']) })); // 6
 * ```
 */
export function countPayloads(schema: z.ZodObject): number {
  let count = 1;
  for (const domain of Object.values(describePayloadDomain(schema))) count *= domain.kind === 'finite' ? domain.values.length : 1;
  return count;
}

/**
 * The domain of every field of a payload schema, in declaration order.
 *
 * @example
 * ```ts
 * describePayloadDomain(z.strictObject({ asCaseManager: z.boolean() }));
 * // { asCaseManager: { kind: 'finite', values: [false, true] } }
 * ```
 */
export function describePayloadDomain(schema: z.ZodObject): Readonly<Record<string, FieldDomain>> {
  const domain: Record<string, FieldDomain> = {};
  for (const [field, fieldSchema] of Object.entries(schema.shape)) {
    try {
      domain[field] = describeFieldDomain(fieldSchema as z.ZodType);
    } catch (error) {
      if (error instanceof UnsupportedFieldError) {
        throw new UnsupportedFieldError(`field '${field}': ${error.message}`);
      }
      throw error;
    }
  }
  return domain;
}

/**
 * Every payload a schema allows, up to the abstraction of {@link FieldDomain}: the cartesian
 * product of the finite fields, with each open field at its sample. A field that is `undefined`
 * is left out of the payload. Output order follows declaration order.
 *
 * @example
 * ```ts
 * enumeratePayloads(z.strictObject({ mode: z.enum(['clinic', 'eVisit']) }));
 * // [{ mode: 'clinic' }, { mode: 'eVisit' }]
 * ```
 */
export function enumeratePayloads(schema: z.ZodObject): Record<string, unknown>[] {
  let payloads: Record<string, unknown>[] = [{}];
  for (const [field, domain] of Object.entries(describePayloadDomain(schema))) {
    const values = domain.kind === 'finite' ? domain.values : [domain.sample];
    payloads = payloads.flatMap((payload) => values.map((value) => (value === undefined ? payload : { ...payload, [field]: value })));
  }
  return payloads;
}
