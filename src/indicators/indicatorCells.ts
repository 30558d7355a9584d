import type { PathIndicator } from '../path/indicator.js';
import type { CheckedIndicatorQuery, IndicatorCell } from './indicatorQuery.js';
import { isSmall } from './indicatorPeriod.js';

/**
 * A row as the indicator statement answers it (and as the replay counts it): the period, version
 * (and organisation), and the kind's columns. @internal
 */
export interface IndicatorRow {
  readonly period: string;
  readonly path_version: number;
  /** Only when the query groups by organisation: the cases' organisation, `null` for none. */
  readonly organisation?: string | null;
  readonly denominator?: number;
  readonly numerator?: number;
  readonly category?: string;
  readonly key?: string;
  readonly cases?: number;
  readonly with_both?: number;
  /** Numeric as text, two decimals; `null` when no case has both scores. */
  readonly mean_change?: string | null;
}

/**
 * Turns the rows of one indicator into its cells: one per period and version (and organisation,
 * when the query groups by it), categories and keys gathered, the small-number note set. @internal
 */
export function cellsFromRows(
  pathId: string,
  indicator: PathIndicator,
  rows: readonly IndicatorRow[],
  query: CheckedIndicatorQuery,
): IndicatorCell[] {
  const groups = new Map<string, IndicatorRow[]>();
  for (const row of rows) {
    const key = `${row.period}\u0000${Number(row.path_version)}\u0000${row.organisation ?? '\u0001'}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const threshold = query.smallNumberThreshold;
  const cells: IndicatorCell[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const common = {
      pathId,
      indicatorId: indicator.id,
      period: first.period,
      pathVersion: Number(first.path_version),
      ...(query.byOrganisation ? { organisation: first.organisation ?? null } : {}),
    };
    if (indicator.kind === 'share') {
      const numerator = Number(first.numerator);
      const denominator = Number(first.denominator);
      cells.push({ ...common, kind: 'share', numerator, denominator, small: isSmall([numerator, denominator], threshold) });
    } else if (indicator.kind === 'distribution') {
      const counts: Record<string, number> = {};
      for (const row of group) counts[row.category!] = Number(row.cases);
      const values = Object.values(counts);
      const total = values.reduce((sum, count) => sum + count, 0);
      cells.push({ ...common, kind: 'distribution', counts, total, small: isSmall([...values, total], threshold) });
    } else {
      const byKey: Record<string, { cases: number; meanChange: number | null }> = {};
      for (const row of group) {
        byKey[row.key!] = { cases: Number(row.cases), meanChange: row.mean_change == null ? null : Number(row.mean_change) };
      }
      const cases = Number(first.with_both);
      const counts = [cases, ...Object.values(byKey).map((entry) => entry.cases)];
      cells.push({ ...common, kind: 'change', cases, byKey, small: isSmall(counts, threshold) });
    }
  }
  return cells.sort(
    (a, b) => compareText(a.period, b.period) || a.pathVersion - b.pathVersion || compareOrganisations(a.organisation, b.organisation),
  );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Organisations in code order, the unassigned (null) last, as SQL's ORDER BY puts NULL. */
function compareOrganisations(a: string | null | undefined, b: string | null | undefined): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return compareText(a, b);
}
