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
import { createDomainPayloadReader, createPayloadParser, jsonbKeyOrder } from '../../src/case/payloadParser.js';
import { checkDomain } from '../../src/schema/valueDomain.js';
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

/** Strings near a bounded code: its sample, cut and grown past its bounds, and characters no pattern or store takes. */
function stringLike(sample: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(sample) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 70 }).map((length) => sample.repeat(70).slice(0, length)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.constantFrom('', `${sample}\u0000`, `${sample}\ud800`, `${sample} `, `${sample}é`, '-', '.') },
  );
}

/** Numbers near a bounded field: its edges, fractions, -0 and what zod's number refuses. */
const numberLike: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 30 }) },
  { weight: 1, arbitrary: fc.double({ min: -2, max: 30 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(-0, 0.5, 9.999, 10, 10.0001, 24, 25, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3', null),
  },
);

/** Unwraps optional and nullable, as the parser does, to the field's own schema. */
function innerSchema(schema: z.ZodType): z.ZodType {
  const definition = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
  return (definition.type === 'optional' || definition.type === 'nullable') && definition.innerType
    ? innerSchema(definition.innerType)
    : schema;
}

function payloadArbitrary(schema: z.ZodObject, depth = 0): fc.Arbitrary<unknown> {
  const domain = describePayloadDomain(schema);
  const fieldValue = (field: string): fc.Arbitrary<unknown> => {
    const known = domain[field]!;
    const stranger = { weight: 1, arbitrary: fc.constantFrom(...strangers) };
    if (known.kind === 'open' && known.format === 'date') return fc.oneof({ weight: 6, arbitrary: dateLike }, stranger);
    if (known.kind === 'open' && known.format === 'string' && typeof known.sample === 'string')
      return fc.oneof({ weight: 6, arbitrary: stringLike(known.sample) }, stranger);
    if (known.kind === 'open' && known.format === 'number') return fc.oneof({ weight: 6, arbitrary: numberLike }, stranger);
    if (known.kind === 'open' && known.format === 'object' && depth < 2) {
      const nested = innerSchema(schema.shape[field] as z.ZodType) as z.ZodObject;
      return fc.oneof({ weight: 6, arbitrary: payloadArbitrary(nested, depth + 1) }, stranger);
    }
    const values = known.kind === 'finite' ? known.values : [known.sample];
    return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...values) }, stranger);
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
      ['an email', z.strictObject({ a: z.email() }), { a: 'a@b.fi' }],
      ['an ISO date of zod', z.strictObject({ a: z.iso.date() }), { a: '2023-02-29' }],
      ['a lower-cased string', z.strictObject({ a: z.string().toLowerCase() }), { a: 'ABC' }],
      ['a multiple of', z.strictObject({ a: z.number().multipleOf(2) }), { a: 3 }],
      ['a 32-bit integer', z.strictObject({ a: z.int32() }), { a: 2 ** 40 }],
      ['a coerced number', z.strictObject({ a: z.coerce.number() }), { a: '3' }],
      ['an array', z.strictObject({ a: z.array(z.boolean()) }), { a: [true] }],
      ['a loose nested object', z.strictObject({ a: z.looseObject({ b: z.boolean() }) }), { a: { b: true, c: 1 } }],
      ['a global pattern', z.strictObject({ a: z.string().regex(/x/g) }), { a: 'x' }],
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
  it('answers bounded codes, bounded numbers and nested strict objects without asking zod', () => {
    const schema = z.strictObject({
      code: z
        .string()
        .min(1)
        .max(8)
        .regex(/^[a-z-]+$/),
      months: z.number().int().min(0).max(24).optional(),
      score: z.number().gt(0).lt(10).nullable(),
      nested: z.strictObject({ on: isoDate, flag: z.boolean().optional() }).optional(),
    });
    const zod = vi.spyOn(schema, 'safeParse');
    const parse = createPayloadParser(schema);
    const parsed = parse({ nested: { flag: true, on: '2025-01-02' }, score: 9.5, code: 'a-b', months: 0 });
    expect(parsed).toEqual({ success: true, data: { code: 'a-b', months: 0, score: 9.5, nested: { on: '2025-01-02', flag: true } } });
    expect(Object.keys(parsed.success ? parsed.data : {})).toEqual(['code', 'months', 'score', 'nested']);
    expect(Object.keys(parsed.success ? (parsed.data.nested as object) : {})).toEqual(['on', 'flag']);
    expect(zod).not.toHaveBeenCalled();
    for (const refused of [
      { code: 'A', score: null },
      { code: 'a', score: 10 },
      { code: 'a', score: null, months: 1.5 },
    ]) {
      expect(parse(refused).success).toBe(false);
    }
    expect(zod).toHaveBeenCalledTimes(3);
  });
});

describe('unit: the domain reader takes only payloads inside the value domain that zod accepts, as zod gives them', () => {
  for (const definition of definitions) {
    it(`${definition.id}: every event type`, () => {
      for (const [type, schema] of Object.entries(definition.events) as [string, z.ZodObject][]) {
        const read = createDomainPayloadReader(schema);
        if (!read) continue;
        fc.assert(
          fc.property(payloadArbitrary(schema), (payload) => {
            const taken = read(payload);
            if (taken === undefined) return;
            expect(checkDomain(payload).ok).toBe(true);
            const parsed = schema.safeParse(payload);
            expect(outcomeOf({ success: true, data: taken })).toEqual(outcomeOf(parsed));
            expect(taken).not.toBe(payload);
          }),
          propertyRun(`domain payload reader, ${definition.id} ${type}`, 150),
        );
      }
    });
  }

  it('exists for every event type of every built-in path, so replay reads each stored payload once', () => {
    for (const definition of builtInPaths as readonly AnyPathDefinition[]) {
      for (const [type, schema] of Object.entries(definition.events) as [string, z.ZodObject][]) {
        expect(createDomainPayloadReader(schema), `${definition.id} ${type}`).toBeDefined();
      }
    }
  });

  it('leaves -0, NUL, lone surrogates, throwing getters and Proxies to the full check, and never throws', () => {
    const schema = z.strictObject({ n: z.number().min(-1).max(1).optional(), s: z.string().max(9).optional(), z: z.literal(0).optional() });
    const read = createDomainPayloadReader(schema)!;
    expect(read({ n: 0, s: 'ok', z: 0 })).toEqual({ n: 0, s: 'ok', z: 0 });
    for (const payload of [{ n: -0 }, { z: -0 }, { s: 'a\u0000' }, { s: '\ud800' }]) {
      expect(read(payload)).toBeUndefined();
      expect(createPayloadParser(schema)(payload).success).toBe(schema.safeParse(payload).success);
    }
    const getter = Object.defineProperty({}, 's', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(read(getter)).toBeUndefined();
    const revocable = Proxy.revocable({ s: 'x' }, {});
    revocable.revoke();
    expect(read(revocable.proxy)).toBeUndefined();
    expect(createDomainPayloadReader(z.strictObject({ s: z.string() }))).toBeUndefined();
    expect(createDomainPayloadReader(z.strictObject({ s: z.enum(['a\u0000']) }))).toBeUndefined();
  });
});

describe('unit: the fast path takes a payload in any key order and gives the schema order, as zod does', () => {
  // Optional and nullable fields, a nested strict object, a date: a schema whose jsonb order is not its own.
  const schema = z.strictObject({
    unemploymentMonths: z.number().int().min(0).max(600),
    targetGroup: z.enum(['partiallyWorkAble', 'longTermUnemployed']),
    referredFrom: z.strictObject({ pathId: z.string().max(20), caseId: z.string().max(20) }).optional(),
    on: isoDate.nullable(),
    flag: z.boolean().optional(),
  });
  const full = {
    unemploymentMonths: 22,
    targetGroup: 'partiallyWorkAble',
    referredFrom: { pathId: 'x1', caseId: 'c-1' },
    on: null,
    flag: true,
  };
  const inOrder = (keys: readonly string[], source: Record<string, unknown> = full) =>
    Object.fromEntries(keys.filter((key) => key in source).map((key) => [key, source[key]]));
  const jsonbOrder = (payload: Record<string, unknown>) => inOrder(Object.keys(payload).sort(jsonbKeyOrder), payload);
  const readers = [
    ['parser', (payload: unknown) => outcomeOf(createPayloadParser(schema)(payload) as never)],
    [
      'domain reader',
      (payload: unknown) => {
        const taken = createDomainPayloadReader(schema)!(payload);
        return taken === undefined ? outcomeOf(schema.safeParse(payload)) : outcomeOf({ success: true, data: taken });
      },
    ],
  ] as const;

  it("orders keys as PostgreSQL's jsonb does: fewer UTF-8 bytes first, then byte by byte", () => {
    expect(['instrumentVersion', 'phase', 'administeredOn', 'areaScores'].sort(jsonbKeyOrder)).toEqual([
      'phase',
      'areaScores',
      'administeredOn',
      'instrumentVersion',
    ]);
    // 'é' is two bytes (C3 A9): after 'ab', before any three-byte key; 'Z' (5A) before 'a' (61).
    expect(['abc', 'é', 'ab', 'Za', 'b'].sort(jsonbKeyOrder)).toEqual(['b', 'Za', 'ab', 'é', 'abc']);
  });

  it('gives the schema order for a payload in jsonb order, in the schema order and reversed, nested objects too', () => {
    const nestedJsonb = { ...jsonbOrder(full), referredFrom: { caseId: 'c-1', pathId: 'x1' } };
    const payloads = [
      full,
      jsonbOrder(full),
      nestedJsonb,
      inOrder(Object.keys(full).reverse()),
      inOrder(['targetGroup', 'unemploymentMonths', 'on']),
    ];
    for (const [name, read] of readers) {
      for (const payload of payloads) {
        const outcome = read(payload);
        expect(outcome, name).toEqual(outcomeOf(schema.safeParse(payload)));
        expect(outcome.ok, name).toBe(true);
        expect(outcome.keys, name).toEqual(Object.keys(full).filter((key) => key in payload));
        expect(Object.keys((outcome.data as { referredFrom?: object }).referredFrom ?? {})).toEqual(
          'referredFrom' in payload ? ['pathId', 'caseId'] : [],
        );
      }
    }
  });

  it('refuses, as zod does, an extra key, a missing required key or a wrong value wherever it stands in the order', () => {
    const broken = [
      { ...jsonbOrder(full), extra: 1 },
      { extra: 1, ...jsonbOrder(full) },
      inOrder(['on', 'flag', 'targetGroup']),
      inOrder(['flag', 'unemploymentMonths']),
      { ...jsonbOrder(full), targetGroup: 'other' },
      { on: '2025-02-30', ...inOrder(['targetGroup', 'unemploymentMonths']) },
      { ...jsonbOrder(full), referredFrom: { caseId: 'c-1', pathId: 'x1', more: 'x' } },
      { ...jsonbOrder(full), referredFrom: { caseId: 'c-1' } },
    ];
    for (const [name, read] of readers) {
      for (const payload of broken) {
        const outcome = read(payload);
        expect(outcome.ok, `${name} ${JSON.stringify(payload)}`).toBe(false);
        expect(outcome, name).toEqual(outcomeOf(schema.safeParse(payload)));
      }
    }
  });

  it('agrees with zod on every built-in event type for payloads in any key order, extra and missing keys included', () => {
    for (const definition of builtInPaths as readonly AnyPathDefinition[]) {
      for (const [type, schema] of Object.entries(definition.events) as [string, z.ZodObject][]) {
        const parse = createPayloadParser(schema);
        const read = createDomainPayloadReader(schema)!;
        const shuffled = fc.tuple(payloadArbitrary(schema), fc.infiniteStream(fc.nat())).map(([payload, order]) => {
          if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
          if (Object.getPrototypeOf(payload) !== Object.prototype) return payload;
          const entries = Object.entries(payload);
          const ranks = new Map(entries.map(([key]) => [key, order.next().value as number]));
          return Object.fromEntries(entries.sort(([a], [b]) => ranks.get(a)! - ranks.get(b)!));
        });
        fc.assert(
          fc.property(shuffled, (payload) => {
            const expected = outcomeOf(schema.safeParse(payload));
            expect(outcomeOf(parse(payload))).toEqual(expected);
            const taken = read(payload);
            if (taken !== undefined) expect(outcomeOf({ success: true, data: taken })).toEqual(expected);
          }),
          propertyRun(`payload key order, ${definition.id} ${type}`, 100),
        );
      }
    }
  });
});
