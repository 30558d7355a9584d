import { Temporal } from 'temporal-polyfill';

/**
 * The time zone Finnish services count days and months in: a deadline "within one month" of a
 * contact at 01:00 on 1 March, Finnish time, falls on 1 April at 01:00 Finnish time, whatever UTC
 * says, and a visit "the next day" at 12:00 is at 12:00 across a change of daylight saving time.
 */
export const serviceTimeZone = 'Europe/Helsinki';

// Deadlines are recomputed from the same few instants on every event of a case; Temporal's
// time-zone arithmetic costs microseconds, a lookup nanoseconds. Bounded, and a pure function's.
const memoLimit = 4_096;
const monthMemo = new Map<string, string>();
const dayMemo = new Map<string, string>();
const dateMemo = new Map<string, string>();

function remembered(memo: Map<string, string>, key: string, compute: () => string): string {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (memo.size >= memoLimit) memo.clear();
  memo.set(key, value);
  return value;
}

function inServiceTime(instant: string): Temporal.ZonedDateTime {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(serviceTimeZone);
}

function toInstantText(zoned: Temporal.ZonedDateTime): string {
  // The library's one instant format, as `record` and the stores give it back.
  return new Date(zoned.epochMilliseconds).toISOString();
}

/**
 * Adds calendar months to an instant in Finnish civil time (Europe/Helsinki). Deadlines such as
 * "within one month" (S0, `000_a7d8ebcb45cc7bbc.txt`) are counted in calendar months; a month that
 * lacks the day (31 January + 1 month) ends on its last day, as people count it. The time of day
 * stays the same on the local clock; a time that the clock skips (03:30 on the morning summer time
 * begins) moves forward by the hour skipped.
 *
 * @example
 * ```ts
 * addMonths('2025-01-31T10:00:00Z', 1); // '2025-02-28T10:00:00.000Z'
 * addMonths('2025-03-01T01:00:00+02:00', 1); // '2025-03-31T22:00:00.000Z': 1 April, 01:00 in Helsinki
 * ```
 */
export function addMonths(instant: string, months: number): string {
  return remembered(monthMemo, `${instant}|${months}`, () => toInstantText(inServiceTime(instant).add({ months })));
}

/**
 * Adds calendar days to an instant in Finnish civil time (Europe/Helsinki): the same time on the
 * local clock, so a day across a change of daylight saving time is 23 or 25 hours long.
 *
 * @example
 * ```ts
 * addDays('2025-03-04T09:30:00Z', 1); // '2025-03-05T09:30:00.000Z'
 * addDays('2025-03-29T10:00:00Z', 1); // '2025-03-30T09:00:00.000Z': 12:00 in Helsinki both days
 * ```
 */
export function addDays(instant: string, days: number): string {
  return remembered(dayMemo, `${instant}|${days}`, () => toInstantText(inServiceTime(instant).add({ days })));
}

/**
 * The instant a calendar date (`YYYY-MM-DD`) begins in Finnish civil time.
 *
 * @example
 * ```ts
 * startOfDay('2025-06-01'); // '2025-05-31T21:00:00.000Z'
 * ```
 */
export function startOfDay(date: string): string {
  return toInstantText(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: serviceTimeZone }));
}

/**
 * Adds calendar months to a calendar date (`YYYY-MM-DD`); a month that lacks the day ends on its
 * last day.
 *
 * @example
 * ```ts
 * addMonthsToDate('2024-01-31', 1); // '2024-02-29'
 * ```
 */
export function addMonthsToDate(date: string, months: number): string {
  return Temporal.PlainDate.from(date).add({ months }).toString();
}

/**
 * The calendar date (`YYYY-MM-DD`) an instant falls on in Finnish civil time.
 *
 * @example
 * ```ts
 * dateOf('2025-05-31T21:30:00Z'); // '2025-06-01'
 * ```
 */
export function dateOf(instant: string): string {
  return remembered(dateMemo, instant, () => inServiceTime(instant).toPlainDate().toString());
}
