import { dateOf } from '../time/calendar.js';
import type { CheckedIndicatorQuery, IndicatorPeriodUnit, IndicatorQuery } from './indicatorQuery.js';
import { defaultSmallNumberThreshold } from './indicatorQuery.js';

const periodUnits: readonly IndicatorPeriodUnit[] = ['month', 'quarter', 'year'];
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Why an indicator query was refused: the field at fault and a stable code. */
export interface IndicatorQueryRejection {
  readonly ok: false;
  readonly code: 'INVALID_INDICATOR_QUERY';
  readonly field: 'from' | 'to' | 'by' | 'byOrganisation' | 'smallNumberThreshold';
  readonly message: string;
}

/**
 * Checks an indicator query and fills in its defaults (by month, not by organisation, threshold 5).
 *
 * @example
 * ```ts
 * const checked = checkIndicatorQuery({ from: '2025-01-01', to: '2025-12-31' });
 * if (!checked.ok) console.error(checked.code, checked.field);
 * ```
 */
export function checkIndicatorQuery(
  query: IndicatorQuery,
): { readonly ok: true; readonly query: CheckedIndicatorQuery } | IndicatorQueryRejection {
  const reject = (field: IndicatorQueryRejection['field'], message: string): IndicatorQueryRejection => ({
    ok: false,
    code: 'INVALID_INDICATOR_QUERY',
    field,
    message,
  });
  // A host's untyped input (a parsed request body) may be anything: refuse it here, not deep inside.
  if (typeof query !== 'object' || query === null) return reject('from', 'the query must be an object with from and to');
  for (const field of ['from', 'to'] as const) {
    if (!isCalendarDate(query[field])) return reject(field, `${field} must be a calendar date YYYY-MM-DD`);
  }
  if (query.from > query.to) return reject('to', 'to must not be before from');
  const by = query.by ?? 'month';
  if (!periodUnits.includes(by)) return reject('by', `by must be one of ${periodUnits.join(', ')}`);
  const byOrganisation = query.byOrganisation ?? false;
  if (typeof byOrganisation !== 'boolean') return reject('byOrganisation', 'byOrganisation must be true or false');
  const threshold = query.smallNumberThreshold ?? defaultSmallNumberThreshold;
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 1000) {
    return reject('smallNumberThreshold', 'smallNumberThreshold must be a whole number from 0 to 1000');
  }
  return { ok: true, query: { from: query.from, to: query.to, by, byOrganisation, smallNumberThreshold: threshold } };
}

function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !datePattern.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * The period an instant falls in, in Finnish civil time: `2025-03`, `2025-Q1` or `2025`.
 *
 * @example
 * ```ts
 * periodOf('2025-03-31T22:30:00Z', 'month'); // '2025-04': already April in Helsinki
 * ```
 */
export function periodOf(instant: string, by: IndicatorPeriodUnit): string {
  const date = dateOf(instant);
  if (by === 'year') return date.slice(0, 4);
  if (by === 'month') return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Whether some count is below the threshold and not zero: the small-number note. @internal */
export function isSmall(counts: readonly number[], threshold: number): boolean {
  return counts.some((count) => count > 0 && count < threshold);
}
