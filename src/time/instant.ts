import { z } from 'zod';

/**
 * The years an instant or a date may lie in, in UTC: 1000 to 8999. Every deadline a path computes
 * from an accepted instant (months or a few years later or earlier) is then still a four-digit
 * year, which `toISOString` writes as `YYYY-…` and PostgreSQL's `timestamptz` stores; year 10000
 * (PostgreSQL refuses its ISO form, 22009) and year 0 (PostgreSQL has none) are out of reach.
 * A thousand years either side leave room for any deadline rule a host may write.
 *
 * @example
 * ```ts
 * isoInstant.safeParse('9999-12-31T23:59:59Z').success; // false: past instantYears.last
 * ```
 */
export const instantYears = { first: 1000, last: 8999 } as const;

const firstMillis = Date.UTC(instantYears.first, 0, 1);
const endMillis = Date.UTC(instantYears.last + 1, 0, 1);

/**
 * True when milliseconds since the epoch lie in {@link instantYears}.
 *
 * @internal
 */
export function isMillisInYears(millis: number): boolean {
  return millis >= firstMillis && millis < endMillis;
}

const yearsMessage = `must lie in the years ${instantYears.first} to ${instantYears.last} (UTC)`;

/**
 * The longest instant taken: to the nanosecond with an offset, `2025-03-04T11:30:00.123456789+02:00`.
 * zod's pattern allows any number of fraction digits; a bound keeps a 1 MB `at` out of the store.
 */
export const isoInstantMaxLength = 35;

/**
 * An ISO 8601 instant with an explicit offset (`2025-03-04T09:30:00Z`, `2025-03-04T11:30:00+02:00`),
 * at most {@link isoInstantMaxLength} characters (fractions to the nanosecond).
 * Time is data: every event carries one given by the host, and the library never reads a clock.
 * Only the years of {@link instantYears} are accepted.
 *
 * @example
 * ```ts
 * isoInstant.parse('2025-03-04T09:30:00+02:00');
 * ```
 */
export const isoInstant = z.iso
  .datetime({ offset: true })
  .max(isoInstantMaxLength)
  .refine((text) => isMillisInYears(Date.parse(text)), { message: yearsMessage });

/**
 * A calendar date (`2025-03-04`), for dates that are not instants: a team meeting day, an
 * appointment day. Only the years of {@link instantYears} are accepted.
 *
 * @example
 * ```ts
 * isoDate.parse('2025-03-04');
 * ```
 */
export const isoDate = z.iso.date().refine((text) => isMillisInYears(Date.parse(text)), { message: yearsMessage });

/**
 * Milliseconds since the epoch of a validated ISO instant or date, for ordering.
 *
 * @example
 * ```ts
 * instantMillis('2025-03-04T09:30:00Z') < instantMillis('2025-03-05T09:30:00Z'); // true
 * ```
 */
export function instantMillis(instant: string): number {
  return Date.parse(instant);
}

/**
 * True when one validated ISO instant lies before another, to the millisecond (as `Date.parse`
 * orders them). Two instants in UTC (`Z`) written alike — no fraction, or three digits of it —
 * order as their text does, with no parse; any other pair (offsets, other fractions) is parsed.
 *
 * @example
 * ```ts
 * isInstantBefore('2025-03-04T09:30:00Z', '2025-03-04T11:00:00+02:00'); // false: 09:00 UTC is before 09:30
 * ```
 *
 * @internal
 */
export function isInstantBefore(instant: string, other: string): boolean {
  const length = instant.length;
  if (length === other.length && (length === 20 || length === 24) && instant[length - 1] === 'Z' && other[length - 1] === 'Z') {
    return instant < other;
  }
  return Date.parse(instant) < Date.parse(other);
}
