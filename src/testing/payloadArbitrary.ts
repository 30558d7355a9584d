import fc from 'fast-check';
import type { z } from 'zod';
import { describePayloadDomain, type FieldDomain } from '../schema/payloadDomain.js';

function fieldArbitrary(domain: FieldDomain): fc.Arbitrary<unknown> {
  if (domain.kind === 'finite') return fc.constantFrom(...domain.values);
  switch (domain.format) {
    case 'date':
      return fc
        .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) })
        .map((millis) => new Date(millis).toISOString().slice(0, 10));
    case 'instant':
      return fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) }).map((millis) => new Date(millis).toISOString());
    default:
      return fc.constant(domain.sample);
  }
}

/**
 * Payloads a schema allows: each finite field over all its values, dates over 2020–2030, other
 * open fields at their sample. A field drawn as `undefined` is left out.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(payloadArbitrary(workabilityEvents.CLOSED), (payload) => workabilityEvents.CLOSED.safeParse(payload).success));
 * ```
 */
export function payloadArbitrary(schema: z.ZodObject): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(describePayloadDomain(schema));
  if (fields.length === 0) return fc.constant({});
  return fc.tuple(...fields.map(([, domain]) => fieldArbitrary(domain))).map((values) => {
    const payload: Record<string, unknown> = {};
    values.forEach((value, index) => {
      if (value !== undefined) payload[fields[index]![0]] = value;
    });
    return payload;
  });
}
