import { z } from 'zod';

/**
 * An ISO 8601 instant with an explicit offset (`2025-03-04T09:30:00Z`, `2025-03-04T11:30:00+02:00`).
 * Time is data: every event carries one given by the host, and the library never reads a clock.
 *
 * @example
 * ```ts
 * isoInstant.parse('2025-03-04T09:30:00+02:00');
 * ```
 */
export const isoInstant = z.iso.datetime({ offset: true });

/**
 * A calendar date (`2025-03-04`), for dates that are not instants: a team meeting day, an
 * appointment day.
 *
 * @example
 * ```ts
 * isoDate.parse('2025-03-04');
 * ```
 */
export const isoDate = z.iso.date();

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
