import { Temporal } from 'temporal-polyfill';
import { isoInstant } from '../time/instant.js';
import { dateOf, startOfDay } from '../time/calendar.js';
import { serviceTaskProblem, type ServiceTaskCoding } from '../path/serviceTask.js';

/**
 * How long the records of one service task are kept, and from which instant: the host's
 * configuration, taken from the law and the National Archives' definitions (docs/developers.md,
 * "Retention"). The library ships no rule: a closed case whose service task has none is never purged.
 *
 * @example
 * ```ts
 * const rule: RetentionRule = {
 *   serviceTask: { system: 'urn:oid:1.2.246.537.6.0000', code: 'host-code' },
 *   keepFor: { years: 10 },
 *   countsFrom: 'caseClosed',
 *   source: 'Act 703/2023; Kansallisarkisto: sosiaalihuollon asiakasasiakirjojen säilytysajat',
 * };
 * ```
 */
export interface RetentionRule {
  /** The service task the rule is for, as the paths' `withServiceTask` codes it. */
  readonly serviceTask: ServiceTaskCoding;
  /** The period: whole calendar years, months and days, none negative, together more than zero. */
  readonly keepFor: RetentionPeriod;
  /**
   * The instant the period counts from. `caseClosed`: the closing of the matter (asian sulkeminen),
   * the `at` of the event that closed the case.
   */
  readonly countsFrom: 'caseClosed';
  /** Where the period comes from (an act and section, a decision): 1–300 printable characters. */
  readonly source: string;
}

/** A retention period in calendar units, counted in Finnish civil time (Europe/Helsinki). */
export interface RetentionPeriod {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
}

/**
 * Why a retention request was refused before anything was read: the field at fault (`now`,
 * `rules`, `rules[2].keepFor.years`) and a message that never repeats the value given.
 */
export interface InvalidRetentionRequest {
  readonly code: 'INVALID_RETENTION_REQUEST';
  readonly field: string;
  readonly message: string;
}

/** Checked rules, one per service task, keyed by `system|code`. @internal */
export interface CheckedRetentionRules {
  readonly byServiceTask: ReadonlyMap<string, RetentionRule>;
}

/** The longest period a rule may give: beyond it, the expiry would leave the instants a store holds. */
export const longestRetentionYears = 200;

const sourcePattern = /^[^\p{Cc}]{1,300}$/u;

/** The key a service task coding is looked up by. @internal */
export function serviceTaskKey(coding: ServiceTaskCoding): string {
  return `${coding.system}|${coding.code}`;
}

function invalid(field: string, message: string): { ok: false; failure: InvalidRetentionRequest } {
  return { ok: false, failure: { code: 'INVALID_RETENTION_REQUEST', field, message: `${field} ${message}` } };
}

/**
 * Checks the `now` of a retention request: an ISO instant with an offset in the years the stores
 * hold (1000–8999). @internal
 */
export function checkRetentionNow(now: unknown): { ok: true; now: string } | { ok: false; failure: InvalidRetentionRequest } {
  if (typeof now !== 'string' || !isoInstant.safeParse(now).success)
    return invalid('now', 'must be an ISO 8601 instant with an offset (2025-03-04T09:30:00Z) in the years 1000 to 8999');
  return { ok: true, now: new Date(now).toISOString() };
}

function periodUnit(value: unknown, field: string): { ok: true; value: number } | { ok: false; failure: InvalidRetentionRequest } {
  if (value === undefined) return { ok: true, value: 0 };
  // -0 is refused with the negatives: a rule that says "minus nothing" is a mistake, not a period.
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || Object.is(value, -0))
    return invalid(field, 'must be a whole number of at least 0');
  return { ok: true, value };
}

/**
 * Checks a retention period (`keepFor`): an object of whole years, months and days, none negative,
 * together more than zero and at most {@link longestRetentionYears} years; `field` names it in a
 * refusal. The period comes back frozen, without its zero units. @internal
 */
export function checkRetentionPeriod(
  value: unknown,
  field: string,
): { ok: true; period: RetentionPeriod } | { ok: false; failure: InvalidRetentionRequest } {
  const keepFor = value as Partial<Record<keyof RetentionPeriod, unknown>> | null;
  if (typeof keepFor !== 'object' || keepFor === null || Array.isArray(keepFor))
    return invalid(field, 'must be an object { years, months, days }');
  if (Object.keys(keepFor).some((name) => name !== 'years' && name !== 'months' && name !== 'days'))
    return invalid(field, 'may hold only years, months and days');
  const units: Record<keyof RetentionPeriod, number> = { years: 0, months: 0, days: 0 };
  for (const unit of ['years', 'months', 'days'] as const) {
    const checked = periodUnit(keepFor[unit], `${field}.${unit}`);
    if (!checked.ok) return checked;
    units[unit] = checked.value;
  }
  if (units.years + units.months / 12 + units.days / 366 > longestRetentionYears)
    return invalid(field, `must be at most ${longestRetentionYears} years`);
  if (units.years + units.months + units.days === 0) return invalid(field, 'must be longer than zero');
  return {
    ok: true,
    period: Object.freeze({
      ...(units.years ? { years: units.years } : {}),
      ...(units.months ? { months: units.months } : {}),
      ...(units.days ? { days: units.days } : {}),
    }),
  };
}

/**
 * Checks the host's retention rules: an array of {@link RetentionRule}, at most one per service
 * task. Every field is checked; the first at fault is named. @internal
 */
export function checkRetentionRules(
  rules: unknown,
): { ok: true; rules: CheckedRetentionRules } | { ok: false; failure: InvalidRetentionRequest } {
  if (!Array.isArray(rules)) return invalid('rules', 'must be an array of retention rules');
  if (rules.length > 10_000) return invalid('rules', 'must hold at most 10 000 rules');
  const byServiceTask = new Map<string, RetentionRule>();
  for (let index = 0; index < rules.length; index++) {
    const at = `rules[${index}]`;
    const rule = rules[index] as Partial<Record<keyof RetentionRule, unknown>> | null;
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return invalid(at, 'must be an object');
    const known = new Set(['serviceTask', 'keepFor', 'countsFrom', 'source']);
    const extra = Object.keys(rule).find((name) => !known.has(name));
    if (extra !== undefined) return invalid(at, 'has a field a retention rule does not have');
    const task = serviceTaskProblem(rule.serviceTask);
    if (task)
      return invalid(
        `${at}.serviceTask${task.field === 'coding' ? '' : `.${task.field}`}`,
        task.message.replace(/^the service task /, 'is not a coding: '),
      );
    const period = checkRetentionPeriod(rule.keepFor, `${at}.keepFor`);
    if (!period.ok) return period;
    if (rule.countsFrom !== 'caseClosed') return invalid(`${at}.countsFrom`, "must be 'caseClosed' (the closing of the matter)");
    if (typeof rule.source !== 'string' || !sourcePattern.test(rule.source))
      return invalid(`${at}.source`, 'must name where the period comes from, in 1 to 300 characters without control characters');
    const serviceTask = rule.serviceTask as ServiceTaskCoding;
    const key = serviceTaskKey(serviceTask);
    if (byServiceTask.has(key)) return invalid(`${at}.serviceTask`, 'has a rule already: give one rule per service task');
    const keep = period.period;
    byServiceTask.set(
      key,
      Object.freeze({
        serviceTask: Object.freeze({ system: serviceTask.system, code: serviceTask.code }),
        keepFor: keep,
        countsFrom: 'caseClosed' as const,
        source: rule.source,
      }),
    );
  }
  return { ok: true, rules: { byServiceTask } };
}

/**
 * When a case closed at `closedAt` may be destroyed under `period`: the start (00:00 in Helsinki)
 * of the day after the period ends, counted on the Finnish civil calendar. The records are kept
 * through the whole last day; a month that lacks the day (31 January + 1 month) ends on its last.
 *
 * @example
 * ```ts
 * retentionExpiry('2015-06-30T21:30:00Z', { years: 10 }); // '2025-07-01T21:00:00.000Z': kept through 1 July 2025
 * ```
 */
export function retentionExpiry(closedAt: string, period: RetentionPeriod): string {
  const lastDay = Temporal.PlainDate.from(dateOf(closedAt)).add({
    years: period.years ?? 0,
    months: period.months ?? 0,
    days: period.days ?? 0,
  });
  return startOfDay(lastDay.add({ days: 1 }).toString());
}
