// Unit: isInstantBefore orders instants as Date.parse does, to the millisecond, whether it compares
// their text (both UTC, written alike) or parses them (offsets, other fractions, mixed forms).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInstantBefore, isoInstant } from '../../src/time/instant.js';
import { propertyRun } from '../support/property.js';

const millis = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 0, 1) });

/** One instant in one of the forms a host may send: Z with 0, 3 or 6 fraction digits, or an offset. */
const written = fc.tuple(millis, fc.constantFrom('Z0', 'Z3', 'Z6', '+02:00', '+03:00', '-05:00')).map(([at, form]) => {
  const iso = new Date(at).toISOString(); // 2025-03-04T09:30:00.123Z
  if (form === 'Z0') return `${iso.slice(0, 19)}Z`;
  if (form === 'Z3') return iso;
  if (form === 'Z6') return `${iso.slice(0, 23)}456Z`;
  const sign = form[0] === '+' ? 1 : -1;
  const hours = Number(form.slice(1, 3));
  const local = new Date(at + sign * hours * 3_600_000).toISOString();
  return `${local.slice(0, 23)}${form}`;
});

describe('unit: isInstantBefore', () => {
  it('orders every pair as Date.parse does', () => {
    fc.assert(
      fc.property(written, written, (a, b) => {
        expect(isoInstant.safeParse(a).success && isoInstant.safeParse(b).success).toBe(true);
        expect(isInstantBefore(a, b)).toBe(Date.parse(a) < Date.parse(b));
      }),
      propertyRun('isInstantBefore against Date.parse', 2_000),
    );
  });

  it('compares text only where the text orders as time: sub-millisecond digits are parsed', () => {
    // The same millisecond: neither is before the other, though the text differs.
    expect(isInstantBefore('2025-03-04T09:30:00.1230001Z', '2025-03-04T09:30:00.1230002Z')).toBe(false);
    expect(isInstantBefore('2025-03-04T09:30:00.123Z', '2025-03-04T09:30:00.124Z')).toBe(true);
    expect(isInstantBefore('2025-03-04T11:30:00+02:00', '2025-03-04T09:30:00Z')).toBe(false);
    expect(isInstantBefore('2025-03-04T11:29:59+02:00', '2025-03-04T09:30:00Z')).toBe(true);
    // Across the Finnish DST switch on 2025-03-30 (03:00 EET → 04:00 EEST).
    expect(isInstantBefore('2025-03-30T02:59:59+02:00', '2025-03-30T04:00:00+03:00')).toBe(true);
  });
});
