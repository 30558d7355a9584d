// Days and months count in Finnish civil time (Europe/Helsinki), as the services count them. The
// referee for "what the clock in Helsinki shows" is the platform's Intl (ICU), not the Temporal
// polyfill the calendar computes with.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addMonthsToDate, dateOf, startOfDay } from '../../src/time/calendar.js';
import { wallClock } from '../support/helsinkiClock.js';

describe('unit: calendar arithmetic in Finnish time', () => {
  it('adds a month at 01:00 on 1 March to 01:00 on 1 April, not to 29 March (UTC would)', () => {
    const due = addMonths('2025-03-01T01:00:00+02:00', 1);
    expect(wallClock(due)).toBe('2025-04-01 01:00:00');
    expect(due).toBe('2025-03-31T22:00:00.000Z');
  });

  it('ends a month that lacks the day on its last day, leap years included', () => {
    expect(wallClock(addMonths('2025-01-31T10:00:00+02:00', 1))).toBe('2025-02-28 10:00:00');
    expect(wallClock(addMonths('2024-01-31T10:00:00+02:00', 1))).toBe('2024-02-29 10:00:00');
    expect(wallClock(addMonths('2024-02-29T10:00:00+02:00', 12))).toBe('2025-02-28 10:00:00');
    expect(wallClock(addMonths('2025-03-31T10:00:00+03:00', -1))).toBe('2025-02-28 10:00:00');
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsToDate('2025-12-15', 3)).toBe('2026-03-15');
  });

  it('keeps local midnight at local midnight, on the day and month it belongs to in Helsinki', () => {
    // 00:00 on 1 January in Helsinki is still 31 December in UTC.
    const newYear = '2024-12-31T22:00:00Z';
    expect(dateOf(newYear)).toBe('2025-01-01');
    expect(wallClock(addMonths(newYear, 1))).toBe('2025-02-01 00:00:00');
    expect(wallClock(addDays(newYear, 31))).toBe('2025-02-01 00:00:00');
    expect(wallClock(addMonths('2025-01-30T22:00:00Z', 1))).toBe('2025-02-28 00:00:00');
    expect(startOfDay('2025-06-01')).toBe('2025-05-31T21:00:00.000Z');
    expect(startOfDay('2025-01-01')).toBe('2024-12-31T22:00:00.000Z');
  });

  it('keeps the time on the clock across both changes of daylight saving time', () => {
    // Summer time begins 30 March 2025 (03:00 → 04:00) and ends 26 October 2025 (04:00 → 03:00).
    expect(wallClock(addDays('2025-03-29T12:00:00+02:00', 1))).toBe('2025-03-30 12:00:00');
    expect(addDays('2025-03-29T12:00:00+02:00', 1)).toBe('2025-03-30T09:00:00.000Z');
    expect(wallClock(addDays('2025-10-25T12:00:00+03:00', 1))).toBe('2025-10-26 12:00:00');
    expect(addDays('2025-10-25T12:00:00+03:00', 1)).toBe('2025-10-26T10:00:00.000Z');
    expect(wallClock(addMonths('2025-02-28T09:00:00+02:00', 1))).toBe('2025-03-28 09:00:00');
    expect(wallClock(addMonths('2025-09-26T09:00:00+03:00', 1))).toBe('2025-10-26 09:00:00');
    // A time the clock skips (03:30 when summer time begins) moves on by the hour skipped.
    expect(wallClock(addDays('2025-03-29T03:30:00+02:00', 1))).toBe('2025-03-30 04:30:00');
    // A time the clock shows twice (03:30 when summer time ends) is the earlier one.
    expect(addDays('2025-10-25T03:30:00+03:00', 1)).toBe('2025-10-26T00:30:00.000Z');
  });

  it("gives instants in the library's one format, milliseconds and Z", () => {
    expect(addDays('2025-03-04T09:30:00Z', 1)).toBe('2025-03-05T09:30:00.000Z');
    expect(addMonths('2025-01-31T10:00:00Z', 1)).toBe('2025-02-28T10:00:00.000Z');
    expect(addDays('2025-03-04T09:30:00.123456+02:00', 0)).toBe('2025-03-04T07:30:00.123Z');
  });

  it('answers the same for the same question, however often it is asked (the memo is bounded)', () => {
    const first = Array.from({ length: 5_000 }, (_, day) => addDays('2025-01-01T10:00:00Z', day));
    const again = Array.from({ length: 5_000 }, (_, day) => addDays('2025-01-01T10:00:00Z', day));
    expect(again).toEqual(first);
    expect(wallClock(first[4_999]!)).toBe('2038-09-09 12:00:00');
  });
});
