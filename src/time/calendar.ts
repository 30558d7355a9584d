/**
 * Calendar arithmetic on instants, in UTC. Deadlines such as "within one month" (S0,
 * `000_a7d8ebcb45cc7bbc.txt`) are counted in calendar months; a month that lacks the day
 * (31 January + 1 month) ends on its last day, as people count it.
 *
 * @example
 * ```ts
 * addMonths('2025-01-31T10:00:00Z', 1); // '2025-02-28T10:00:00.000Z'
 * ```
 */
export function addMonths(instant: string, months: number): string {
  const start = new Date(instant);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = utcDate(year, month + 1, 0).getUTCDate();
  const day = Math.min(start.getUTCDate(), lastDay);
  return utcDate(year, month, day, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds()).toISOString();
}

/**
 * `new Date(Date.UTC(...))` for any year: Date.UTC reads years 0 to 99 as 1900 to 1999, so the year
 * is set on its own, after the rest.
 */
function utcDate(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0, millis = 0): Date {
  const date = new Date(Date.UTC(2000, 0, 1, hours, minutes, seconds, millis));
  date.setUTCFullYear(year, month, day);
  return date;
}

/**
 * Adds whole days (24 hours each) to an instant.
 *
 * @example
 * ```ts
 * addDays('2025-03-04T09:30:00Z', 1); // '2025-03-05T09:30:00.000Z'
 * ```
 */
export function addDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * 86_400_000).toISOString();
}
