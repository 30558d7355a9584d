// When a closed case may be destroyed: the start of the day after its last day kept, on the
// Helsinki calendar. Checked against the platform's own clock for Helsinki (Intl, not the Temporal
// polyfill the library counts with), at random instants across DST switches, month ends and leap years.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { retentionExpiry } from 'kykypolku';
import { wallClock } from '../support/helsinkiClock.js';
import { propertyRun } from '../support/property.js';

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The last day kept, worked out from the wall clock's date with plain arithmetic: a month that lacks the day ends on its last. */
function lastDayKept(closedAt: string, years: number, months: number, days: number): string {
  const [year, month, day] = wallClock(closedAt).slice(0, 10).split('-').map(Number) as [number, number, number];
  const totalMonths = (year + years) * 12 + (month - 1) + months;
  const y = Math.floor(totalMonths / 12);
  const m = (totalMonths % 12) + 1;
  const clamped = new Date(Date.UTC(y, m - 1, Math.min(day, daysInMonth(y, m)) + days));
  return clamped.toISOString().slice(0, 10);
}

it('is 00:00 in Helsinki on the day after the last day kept, and a millisecond earlier is still that last day', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) }),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 24 }),
      fc.integer({ min: 0, max: 400 }),
      (millis, years, months, days) => {
        fc.pre(years + months + days > 0);
        const closedAt = new Date(millis).toISOString();
        const expiry = retentionExpiry(closedAt, { years, months, days });
        const last = lastDayKept(closedAt, years, months, days);
        expect(wallClock(expiry).slice(11)).toBe('00:00:00');
        expect(wallClock(new Date(Date.parse(expiry) - 1).toISOString()).slice(0, 10)).toBe(last);
      },
    ),
    propertyRun('retention expiry against the Helsinki wall clock', 2000),
  );
});

it('counts the edges by hand: local midnight, the millisecond before it, a leap day, both DST mornings', () => {
  expect(retentionExpiry('2015-12-31T22:00:00.000Z', { years: 10 })).toBe('2026-01-01T22:00:00.000Z');
  expect(retentionExpiry('2015-12-31T21:59:59.999Z', { years: 10 })).toBe('2025-12-31T22:00:00.000Z');
  expect(retentionExpiry('2016-02-29T10:00:00.000Z', { years: 10 })).toBe('2026-02-28T22:00:00.000Z');
  expect(retentionExpiry('2016-03-27T01:30:00.000Z', { years: 10 })).toBe('2026-03-27T22:00:00.000Z');
  expect(retentionExpiry('2016-10-30T00:30:00.000Z', { years: 10 })).toBe('2026-10-30T22:00:00.000Z');
  expect(retentionExpiry('2024-01-31T10:00:00.000Z', { months: 1 })).toBe('2024-02-29T22:00:00.000Z');
});
