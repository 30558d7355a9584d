import type { Label } from './label.js';
import type { SourceRef } from './source.js';

// A path's service indicators, declared as data (never as functions), so that the engine can turn
// each one into one SQL statement over the events table and count the same by replaying histories.

/** A payload value an indicator can match on: a code or a flag. */
export type IndicatorFieldValue = string | boolean;

/**
 * Events of one type, optionally only those whose payload field holds one of the given values.
 *
 * @example
 * ```ts
 * const permanent: EventMatch = { type: 'EMPLOYMENT_STARTED', where: { field: 'contract', equals: ['permanent'] } };
 * ```
 */
export interface EventMatch<TType extends string = string> {
  readonly type: TType;
  readonly where?: { readonly field: string; readonly equals: readonly IndicatorFieldValue[] };
}

/**
 * The instant a case is counted at, and so the period it falls in: its first event (`contact`),
 * the last event of a closed case (`closing`), or the first event that matches (`event`).
 */
export type IndicatorPeriodBasis<TType extends string = string> =
  | { readonly by: 'contact' }
  | { readonly by: 'closing' }
  | { readonly by: 'event'; readonly event: EventMatch<TType> };

/** What every indicator says of itself. */
interface IndicatorCommon<TType extends string> {
  /** Stable id within the path, lowercase words joined by dashes. */
  readonly id: string;
  readonly name: Label;
  /** The definition in one sentence. */
  readonly definition: Label;
  /** The seed line that asks for this figure. */
  readonly source: SourceRef;
  readonly period: IndicatorPeriodBasis<TType>;
  /** The figure the seed gives, for the demo to print beside the cohort's (a share 0–1, or a count). */
  readonly seedFigure?: { readonly value: number; readonly note: Label };
}

/**
 * A share of cases: of the cases counted in a period (and, when `denominator` is given, that have
 * such an event), those with a `numerator` event, at most `withinMonths` calendar months (Finnish
 * time) after the instant the case is counted at when that is given.
 */
export interface ShareIndicator<TType extends string = string> extends IndicatorCommon<TType> {
  readonly kind: 'share';
  readonly denominator?: EventMatch<TType>;
  readonly numerator: EventMatch<TType> & { readonly withinMonths?: number };
}

/**
 * A category for a case: the value of the matched event's payload `field`, or a fixed `category`.
 */
export type IndicatorCategorySource<TType extends string = string> =
  | { readonly event: EventMatch<TType>; readonly field: string; readonly category?: never }
  | { readonly event: EventMatch<TType>; readonly category: string; readonly field?: never };

/**
 * How the cases counted in a period divide: each case falls in the category its last event that
 * matches one of `categories` gives. `outcomes: true` says the categories are the path's end
 * reasons (a test checks them against `outcomeOf` on replayed cases).
 */
export interface DistributionIndicator<TType extends string = string> extends IndicatorCommon<TType> {
  readonly kind: 'distribution';
  readonly categories: readonly IndicatorCategorySource<TType>[];
  readonly outcomes?: boolean;
}

/**
 * The change from the first `from` event to the last `to` event of a case, per key of the object
 * payload field `scores.field` (the scores as an outside service supplied them; the library
 * computes none): per key, the cases with both scores and the mean change (two decimals).
 */
export interface ChangeIndicator<TType extends string = string> extends IndicatorCommon<TType> {
  readonly kind: 'change';
  readonly from: EventMatch<TType>;
  readonly to: EventMatch<TType>;
  readonly scores: { readonly field: string; readonly keys: readonly string[]; readonly labels?: Readonly<Record<string, Label>> };
}

/**
 * One indicator of a path, as declared in `machines/<path>/indicators.ts`.
 *
 * @example
 * ```ts
 * const reachedDoctor: PathIndicator = {
 *   id: 'reached-doctor',
 *   kind: 'share',
 *   name: { fi: 'Työkykylääkärille', sv: 'Till läkaren', en: 'Reached the doctor' },
 *   definition: { fi: 'Osuus arvioiduista.', sv: 'Andel av de bedömda.', en: 'Share of those assessed.' },
 *   source: { seed: '001_55550c4af1568658.txt', lines: '177' },
 *   period: { by: 'closing' },
 *   denominator: { type: 'INITIAL_ASSESSMENT_DONE' },
 *   numerator: { type: 'DOCTOR_ASSESSMENT_DONE' },
 * };
 * ```
 */
export type PathIndicator<TType extends string = string> = ShareIndicator<TType> | DistributionIndicator<TType> | ChangeIndicator<TType>;

/** The kinds of indicator. */
export type IndicatorKind = PathIndicator['kind'];
