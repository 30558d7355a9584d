import type { PathIndicator } from '../path/indicator.js';

/** How the periods of an indicator table are cut, in Finnish civil time (Europe/Helsinki). */
export type IndicatorPeriodUnit = 'month' | 'quarter' | 'year';

/** The cases below this many clients in a cell get a small-number note, unless a query says otherwise. */
export const defaultSmallNumberThreshold = 5;

/**
 * Which indicators to count: calendar dates `from` and `to` (inclusive, `YYYY-MM-DD`, Finnish
 * time) bound the instant a case is counted at; `by` cuts them into periods.
 *
 * @example
 * ```ts
 * const year: IndicatorQuery = { from: '2025-01-01', to: '2025-12-31', by: 'month' };
 * ```
 */
export interface IndicatorQuery {
  readonly from: string;
  readonly to: string;
  readonly by?: IndicatorPeriodUnit;
  /**
   * One cell per organisation (data controller) too: each cell then names its `organisation`, `null`
   * for the cases that have none (the administrator's, unassigned). A store opened for an
   * organisation counts only that organisation's cases, grouped or not.
   */
  readonly byOrganisation?: boolean;
  /** A cell counting fewer clients than this (but some) is marked `small` (default 5). */
  readonly smallNumberThreshold?: number;
}

/** What identifies one cell row of an indicator table. */
interface IndicatorCellKey {
  readonly pathId: string;
  readonly indicatorId: string;
  /** `2025-03`, `2025-Q1` or `2025`. */
  readonly period: string;
  /** The version the counted cases are on now (their last event's). */
  readonly pathVersion: number;
  /**
   * The organisation whose cases the cell counts, when the query groups `byOrganisation` (`null`:
   * cases without one, the administrator's); absent otherwise.
   */
  readonly organisation?: string | null;
  /** Whether some count in the row is below the small-number threshold (and not zero). */
  readonly small: boolean;
}

/** A share: `numerator` of `denominator` cases. */
export interface ShareCell extends IndicatorCellKey {
  readonly kind: 'share';
  readonly numerator: number;
  readonly denominator: number;
}

/** A distribution: cases per category, and their `total`. */
export interface DistributionCell extends IndicatorCellKey {
  readonly kind: 'distribution';
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
}

/** A change: per key, the cases with both scores and their mean change (two decimals; `null` with none). */
export interface ChangeCell extends IndicatorCellKey {
  readonly kind: 'change';
  /** The cases with both a `from` and a `to` event. */
  readonly cases: number;
  readonly byKey: Readonly<Record<string, { readonly cases: number; readonly meanChange: number | null }>>;
}

/**
 * One row of an indicator table: an indicator of a path, in a period, for a path version (and an
 * organisation, when grouped by it). Rows come ordered by path, indicator (in declaration order),
 * period, version and organisation (code order, the unassigned last).
 */
export type IndicatorCell = ShareCell | DistributionCell | ChangeCell;

/** The indicators a count covers: a path's id and its declared indicators. */
export interface IndicatorPath {
  readonly id: string;
  readonly indicators?: readonly PathIndicator[];
}

/** A query with its defaults filled in, once checked. @internal */
export interface CheckedIndicatorQuery {
  readonly from: string;
  readonly to: string;
  readonly by: IndicatorPeriodUnit;
  readonly byOrganisation: boolean;
  readonly smallNumberThreshold: number;
}
