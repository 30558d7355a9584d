// Unit: record's copy of its input (copyInputIntoDomain, built as one literal for the usual shape)
// gives what the general copy into the value domain gives: the same verdict, the same copy field
// for field, the same issue, for inputs of the usual shape and of any other, hostile ones included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyInputIntoDomain, copyIntoDomain, valueLimits } from '../../src/schema/valueDomain.js';
import { propertyRun } from '../support/property.js';

const hostileString = fc.constantFrom('', 'a\u0000', '\ud800', 'x\udc00y', '😀', 'ok', '2025-01-01T09:00:00Z', '__proto__');
const leaf = fc.oneof(
  fc.string({ maxLength: 12 }),
  hostileString,
  fc.constantFrom(-0, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, true, false, null, undefined),
  fc.integer(),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), hostileString), tie('value'), { maxKeys: 4 }),
})).value;
const envelopeKey = fc.constantFrom('type', 'at', 'actor', 'payload', 'eventId');
const input = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(envelopeKey, value, { maxKeys: 5 }) },
  { weight: 2, arbitrary: fc.dictionary(fc.oneof(envelopeKey, fc.constantFrom('other', '__proto__')), value, { maxKeys: 6 }) },
  { weight: 1, arbitrary: value },
);

function same(candidate: unknown) {
  const general = copyIntoDomain(candidate);
  const fast = copyInputIntoDomain(candidate);
  expect(fast.ok).toBe(general.ok);
  if (general.ok) {
    expect(fast.value).toEqual(general.value);
    if (typeof general.value === 'object' && general.value !== null)
      expect(Object.keys(fast.value as object).sort()).toEqual(Object.keys(general.value).sort());
    if (typeof candidate === 'object' && candidate !== null) expect(fast.value).not.toBe(candidate);
  } else expect(fast.issue).toEqual(general.issue);
}

describe("unit: record's input copy is the general copy into the value domain", () => {
  it('for random inputs of the usual shape and others', () => {
    fc.assert(fc.property(input, same), propertyRun('input copy', 2000));
  });

  it('at the bounds: string units and values just inside and just past the limits', () => {
    const units = valueLimits.maxStringUnits;
    for (const extra of [-1, 0, 1]) {
      same({
        type: 'T',
        at: 'x',
        payload: { note: 'a'.repeat(units - 'type'.length - 'at'.length - 'payload'.length - 'note'.length - 2 + extra) },
      });
    }
    for (const extra of [-1, 0, 1])
      same({ type: 'T', payload: { list: Array.from({ length: valueLimits.maxValues - 4 + extra }, () => 1) } });
    let deep: unknown = 1;
    for (let depth = 0; depth < valueLimits.maxDepth + 1; depth++) deep = { d: deep };
    same({ type: 'T', payload: deep });
  });

  it('for getters, throwing getters, Proxies and null prototypes, without throwing', () => {
    const throwing = Object.defineProperty({ type: 'T' }, 'at', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    let reads = 0;
    const changing = Object.defineProperty({ type: 'T' }, 'at', { enumerable: true, get: () => (reads++ === 0 ? 'a' : 'a\u0000') });
    const revocable = Proxy.revocable({ type: 'T' }, {});
    revocable.revoke();
    const lying = new Proxy(
      { type: 'T' },
      { ownKeys: () => ['type', 'at'], getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true, value: 1 }) },
    );
    for (const candidate of [throwing, revocable.proxy, lying, Object.assign(Object.create(null), { type: 'T' }), [1], 'x'])
      same(candidate);
    expect(copyInputIntoDomain(changing).ok).toBe(true);
    expect(() => copyInputIntoDomain(revocable.proxy)).not.toThrow();
  });
});
