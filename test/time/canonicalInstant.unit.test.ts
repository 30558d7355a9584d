// Unit: the canonical UTC instant recogniser says yes only where isoInstant's own pattern says yes,
// and says yes to every canonical instant that pattern takes, so the envelope check gives zod's answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalUtcInstant } from '../../src/time/canonicalInstant.js';
import { isoInstant } from '../../src/time/instant.js';
import { propertyRun } from '../support/property.js';

const pattern = (isoInstant.def as { pattern?: RegExp }).pattern!;
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Text of the canonical shape with every field a little past its range, and characters swapped. */
const nearCanonical = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1896, max: 2104 }), fc.integer({ min: 9980, max: 9999 })),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    fc.constantFrom('', '.000', '.999', '.12', '.1234', '.x00'),
    fc.option(fc.tuple(fc.nat({ max: 23 }), fc.constantFrom('x', '9', ' ', '-', ':', 'T', 'Z', 'z', '\u0000', '０')), { freq: 4 }),
  )
  .map(([year, month, day, hour, minute, second, fraction, swap]) => {
    const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}Z`;
    return swap ? text.slice(0, swap[0]) + swap[1] + text.slice(swap[0] + 1) : text;
  });

describe('unit: isCanonicalUtcInstant', () => {
  it("agrees with isoInstant's pattern on every text of the two canonical shapes, and leaves any other to it", () => {
    fc.assert(
      fc.property(nearCanonical, (text) => {
        // Of the two canonical lengths it answers as the pattern does; of any other it leaves the answer to it.
        const canonicalShape = /^.{19}(\..{3})?Z$/su.test(text) && (text.length === 20 || text.length === 24);
        expect(isCanonicalUtcInstant(text)).toBe(canonicalShape && pattern.test(text));
      }),
      propertyRun('canonical UTC instant against the isoInstant pattern', 20_000),
    );
  });

  it('knows the leap days of leap years, centuries and four-hundred-year centuries', () => {
    expect(isCanonicalUtcInstant('2024-02-29T00:00:00Z')).toBe(true);
    expect(isCanonicalUtcInstant('2023-02-29T00:00:00Z')).toBe(false);
    expect(isCanonicalUtcInstant('1900-02-29T00:00:00Z')).toBe(false);
    expect(isCanonicalUtcInstant('2000-02-29T00:00:00Z')).toBe(true);
    expect(isCanonicalUtcInstant('2025-04-31T00:00:00Z')).toBe(false);
  });

  it('leaves every other form to the pattern: offsets, fractions, other lengths', () => {
    expect(isCanonicalUtcInstant('2025-03-04T09:30:00.123Z')).toBe(true);
    for (const text of ['2025-03-04T09:30:00+02:00', '2025-03-04T09:30:00.1234Z', '2025-03-04T09:30Z', '2025-03-04T09:30:00z']) {
      expect(isCanonicalUtcInstant(text)).toBe(false);
    }
  });
});
