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
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(start.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      start.getUTCHours(),
      start.getUTCMinutes(),
      start.getUTCSeconds(),
      start.getUTCMilliseconds(),
    ),
  ).toISOString();
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
