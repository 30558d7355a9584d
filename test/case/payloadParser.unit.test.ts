// Unit: the payload fast path gives zod's own answer. For every event type of every built-in and
// fixture path, and for payloads drawn near each schema's domain (its values, wrong values, extra
// and missing keys, undefined, null, arrays, prototypes), the parser and zod agree on the verdict,
// on the parsed payload key for key and in key order, and on the issues when they refuse.
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it, vi } from 'vitest';
import { isoDate } from 'kykypolku';
import type { AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from '../../machines/index.js';
import { createPayloadParser } from '../../src/case/payloadParser.js';
import { describePayloadDomain } from '../../src/schema/payloadDomain.js';
import { gatePath, pausePath, sessionPath, shapePath } from '../support/checkerFixtures.js';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';

const definitions: readonly AnyPathDefinition[] = [
  ...(builtInPaths as readonly AnyPathDefinition[]),
  reviewPath,
  pausePath,
  sessionPath,
  shapePath,
  gatePath,
];

const strangers: readonly unknown[] = ['', 'x', 0, -0, 1, true, false, null, [], {}, 'clinic', 'phone', 3, '2025-01-01'];

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * Strings near a calendar date: every year at and past the ends of the years taken (0999, 1000,
 * 8999, 9000, 10000), leap days of leap and common years and centuries, month and day 0 and past
 * the month's end, and a few that are not dates at all.
 */
const dateLike: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.oneof(fc.integer({ min: 990, max: 1010 }), fc.integer({ min: 1896, max: 2104 }), fc.integer({ min: 8990, max: 10001 })),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2024-02-29',
      '2023-02-29',
      '2000-02-29',
      '1900-02-29',
      '2025-1-01',
      '2025-01-01T00:00:00Z',
      ' 2025-01-01',
      '2025-01-01\n',
      '+02025-01-01',
      '２０２５-01-01',
    ),
  },
);

function payloadArbitrary(schema: z.ZodObject): fc.Arbitrary<unknown> {
  const domain = describePayloadDomain(schema);
  const fieldValue = (field: string): fc.Arbitrary<unknown> => {
    const known = domain[field]!;
    if (known.kind === 'open' && known.format === 'date') {
      return fc.oneof({ weight: 6, arbitrary: dateLike }, { weight: 1, arbitrary: fc.constantFrom(...strangers) });
    }
    const values = known.kind === 'finite' ? known.values : [known.sample];
    return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom(...strangers) });
  };
  const fields = Object.keys(domain);
  const record =
    fields.length === 0
      ? fc.constant({})
      : fc.record(Object.fromEntries(fields.map((field) => [field, fieldValue(field)])), { requiredKeys: [] });
  // The host's key order is its own: the parsed payload has the schema's.
  const reversed = record.map((payload) => Object.fromEntries(Object.entries(payload as object).reverse()));
  return fc.oneof(
    { weight: 4, arbitrary: record },
    { weight: 4, arbitrary: reversed },
    {
      weight: 2,
      arbitrary: fc
        .tuple(record, fc.constantFrom('extra', 'unexpectedField', '__proto__x'), fc.constantFrom(...strangers))
        .map(([payload, key, value]) => ({ ...(payload as object), [key]: value })),
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, [], 'payload', 7, Object.create({ inherited: true })) },
    { weight: 1, arbitrary: record.map((payload) => Object.assign(Object.create(null), payload)) },
  );
}

/** What a parse is compared by: the verdict, the data with its key order, and zod's issues. */
function outcomeOf(result: { success: boolean; data?: unknown; error?: { issues: unknown[] } }) {
  return result.success
    ? { ok: true, data: result.data, keys: Object.keys(result.data as object) }
    : { ok: false, issues: result.error!.issues };
}

describe('unit: the payload parser gives the verdict and the payload zod gives', () => {
  for (const definition of definitions) {
    it(`${definition.id}: every event type`, () => {
      for (const [type, schema] of Object.entries(definition.events) as [string, z.ZodObject][]) {
        const parse = createPayloadParser(schema);
        fc.assert(
          fc.property(payloadArbitrary(schema), (payload) => {
            expect(outcomeOf(parse(payload))).toEqual(outcomeOf(schema.safeParse(payload)));
          }),
          propertyRun(`payload parser, ${definition.id} ${type}`, 150),
        );
      }
    });
  }

  it('keeps to zod where the fast path does not apply: refinements, defaults, loose objects, transforms', () => {
    const cases: readonly [string, z.ZodObject, unknown][] = [
      ['a refined object', z.strictObject({ a: z.boolean() }).refine((value) => value.a, { message: 'a must hold' }), { a: false }],
      ['a refined field', z.strictObject({ a: z.boolean().refine((value) => value) }), { a: false }],
      ['a default', z.strictObject({ a: z.enum(['x', 'y']).default('x') }), {}],
      ['a loose object', z.looseObject({ a: z.boolean() }), { a: true, extra: 1 }],
      ['a stripping object', z.object({ a: z.boolean() }), { a: true, extra: 1 }],
      ['a transform', z.strictObject({ a: z.enum(['x']).transform(() => 'y') }), { a: 'x' }],
      ['a nullable optional enum', z.strictObject({ a: z.enum(['x']).nullable().optional() }), { a: null }],
      ['an explicit undefined', z.strictObject({ a: z.boolean().optional() }), { a: undefined }],
    ];
    for (const [name, schema, payload] of cases) {
      expect(outcomeOf(createPayloadParser(schema)(payload)), name).toEqual(outcomeOf(schema.safeParse(payload)));
    }
  });

  it('gives a new object, never the one it was handed', () => {
    const schema = z.strictObject({ mode: z.enum(['clinic', 'eVisit']) });
    const payload = { mode: 'clinic' };
    const parsed = createPayloadParser(schema)(payload);
    expect(parsed).toEqual({ success: true, data: { mode: 'clinic' } });
    expect(parsed.success && parsed.data).not.toBe(payload);
  });

  it("answers a payload of the library's isoDate days without asking zod, and leaves any other date schema to zod", () => {
    const days = z.strictObject({ meetingOn: isoDate, nextOn: isoDate.optional() });
    const ownDate = z.strictObject({ meetingOn: z.iso.date() });
    const daysZod = vi.spyOn(days, 'safeParse');
    const ownZod = vi.spyOn(ownDate, 'safeParse');
    expect(createPayloadParser(days)({ nextOn: '2024-02-29', meetingOn: '2025-03-04' })).toEqual({
      success: true,
      data: { meetingOn: '2025-03-04', nextOn: '2024-02-29' },
    });
    expect(daysZod).not.toHaveBeenCalled();
    expect(createPayloadParser(days)({ meetingOn: '2023-02-29' }).success).toBe(false);
    expect(daysZod).toHaveBeenCalledTimes(1);
    expect(createPayloadParser(ownDate)({ meetingOn: '2025-03-04' }).success).toBe(true);
    expect(ownZod).toHaveBeenCalledTimes(1);
  });
});
