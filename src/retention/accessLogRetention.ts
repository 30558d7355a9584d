import { Temporal } from 'temporal-polyfill';
import { dateOf, startOfDay } from '../time/calendar.js';
import { checkRetentionNow, checkRetentionPeriod, type InvalidRetentionRequest, type RetentionPeriod } from './retentionRule.js';

/**
 * What `purgeAccessLog` is asked: the instant to judge at, and how long the access log's rows are
 * kept, counted from each row's own `at` on the Finnish civil calendar (Europe/Helsinki). The period
 * is the host's: the library ships none (docs/developers.md, "Retention of the access log").
 *
 * @example
 * ```ts
 * const request: AccessLogRetentionRequest = { now: '2038-01-01T00:00:00+02:00', keepFor: { years: 12 } };
 * ```
 */
export interface AccessLogRetentionRequest {
  /** The instant of the purge (an ISO instant with an offset): the library reads no clock. */
  readonly now: string;
  /** How long a row is kept: whole years, months and days, as a retention rule's `keepFor`. */
  readonly keepFor: RetentionPeriod;
}

/**
 * Why a purge was refused before anything was read or deleted: a store opened for an organisation
 * (destroying records is the administrator's), or, for `purgeAccessLog`, a bad request.
 */
export interface PurgeNotPermitted {
  readonly code: 'PURGE_NOT_PERMITTED';
  readonly message: string;
}

/** What `purgeAccessLog` did: how many rows it removed, all read before `before`; or why it removed none. */
export type AccessLogPurgeReport =
  | {
      readonly ok: true;
      /** The rows removed, in one transaction. */
      readonly purged: number;
      /** Every row whose `at` lies before this instant was past its period at `now`, and is gone; every later row is kept. */
      readonly before: string;
      readonly failure?: never;
    }
  | { readonly ok: false; readonly failure: InvalidRetentionRequest | PurgeNotPermitted; readonly purged?: never; readonly before?: never };

/** What `planAccessLogRetention` found: how many rows a purge at `now` would remove, all read before `before`. */
export type AccessLogRetentionPlan =
  | { readonly ok: true; readonly expired: number; readonly before: string; readonly failure?: never }
  | { readonly ok: false; readonly failure: InvalidRetentionRequest; readonly expired?: never; readonly before?: never };

/** The store's side of the access log's retention: one statement, one transaction. */
export interface AccessLogRetentionStore {
  /**
   * How many access-log rows read before `before` the store's organisation may see (all of them, for
   * the administrator's store): what a purge would remove. Reads only.
   */
  countAccessLog(request: { readonly before: string }): Promise<number>;
  /**
   * Deletes every access-log row whose `at` lies before `before` (an ISO instant), in one
   * transaction, and says how many; a store opened for an organisation refuses with
   * `PURGE_NOT_PERMITTED` and deletes nothing.
   */
  purgeAccessLog(request: { readonly before: string }): Promise<AccessLogPurgeReport>;
}

/** Whether a store can purge its access log. @internal */
export function purgesAccessLog(store: object): store is AccessLogRetentionStore {
  return typeof (store as Partial<AccessLogRetentionStore>).purgeAccessLog === 'function';
}

/** The refusal of a purge by a store opened for an organisation. @internal */
export function purgeNotPermitted(what: string): PurgeNotPermitted {
  return {
    code: 'PURGE_NOT_PERMITTED',
    message: `${what} is the administrator's: open the store without an organisation (on a server, as the role that migrated it)`,
  };
}

/**
 * The first instant whose rows are still kept at `now` under `period`: a row read at `at` is kept
 * through the whole Helsinki day its period ends on, and may be destroyed from 00:00 on the day
 * after (as a closed case, {@link retentionExpiry}). Every row before the instant is past its period,
 * every row from it on is not. Since a month that lacks the day ends on its last, several reading
 * days can end their period on one day; the cut-off is after the last of them.
 *
 * @example
 * ```ts
 * accessLogCutoff('2026-03-01T00:00:00+02:00', { years: 10 }); // '2016-02-29T22:00:00.000Z': 29 February 2016 is past
 * ```
 */
export function accessLogCutoff(now: string, period: RetentionPeriod): string {
  const duration = { years: period.years ?? 0, months: period.months ?? 0, days: period.days ?? 0 };
  // A row's period ends on (its date + period); it is gone at `now` once that day is before today.
  const lastEnded = Temporal.PlainDate.from(dateOf(now)).subtract({ days: 1 });
  const endsInTime = (date: Temporal.PlainDate) => Temporal.PlainDate.compare(date.add(duration), lastEnded) <= 0;
  // Subtracting clamps a month's missing day, so the latest reading day past its period lies a few days on.
  let latest = lastEnded.subtract(duration);
  while (!endsInTime(latest)) latest = latest.subtract({ days: 1 });
  while (endsInTime(latest.add({ days: 1 }))) latest = latest.add({ days: 1 });
  return startOfDay(latest.add({ days: 1 }).toString());
}

/**
 * Checks a request and works out the cut-off, before any store is touched. @internal
 */
export function checkAccessLogRetention(
  request: AccessLogRetentionRequest,
): { ok: true; before: string } | { ok: false; failure: InvalidRetentionRequest } {
  const now = checkRetentionNow(request?.now);
  if (!now.ok) return now;
  const period = checkRetentionPeriod(request?.keepFor, 'keepFor');
  if (!period.ok) return period;
  return { ok: true, before: accessLogCutoff(now.now, period.period) };
}
