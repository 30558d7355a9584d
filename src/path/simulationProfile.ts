import type { EventSchemas, EventTypeOf } from './eventSchemas.js';
import type { Label } from './label.js';
import type { SourceRef } from './source.js';

/**
 * A figure from the seeds that a synthetic cohort should come close to, printed beside the
 * cohort's own figure by the demo (e.g. about one in three reach the doctor, S1:177).
 */
export interface ReferenceShare {
  /** The state whose share of cases is compared (dotted path). */
  readonly state: string;
  /** The share of cases that reach it, 0–1. */
  readonly share: number;
  readonly label: Label;
  readonly source: SourceRef;
}

/**
 * How a typical cohort moves along a path, for synthetic cohorts: the relative weight of each
 * event when several are possible, of each payload value, and the days between events. Data
 * only; a path without a profile walks with equal weights.
 *
 * @example
 * ```ts
 * const profile: SimulationProfile<typeof workabilityEvents> = {
 *   eventWeights: { CLOSED: 0.2, TEAM_REVIEWED: 0.5 },
 *   payloadWeights: { CONTACT_RECEIVED: { route: { selfBooking: 6, networkMeeting: 1 } } },
 *   daysBetween: { default: [1, 14] },
 * };
 * ```
 */
export interface SimulationProfile<TEvents extends EventSchemas> {
  /** Relative weight of each event type among those accepted (default 1). */
  readonly eventWeights?: Partial<Record<EventTypeOf<TEvents>, number>>;
  /**
   * Weights that apply in one state only (by its dotted name, e.g. `referred` or `active.jobSearch`),
   * over `eventWeights`: the first coach assignment is likely, a later change of coach is not.
   */
  readonly eventWeightsIn?: Readonly<Record<string, Partial<Record<EventTypeOf<TEvents>, number>>>>;
  /** Relative weight of payload field values, per event type and field (default 1 each). */
  readonly payloadWeights?: Partial<Record<EventTypeOf<TEvents>, Readonly<Record<string, Readonly<Record<string, number>>>>>>;
  /** Days between an event and the one before it, as [min, max] (default [0, 14]). */
  readonly daysBetween?: Partial<Record<EventTypeOf<TEvents> | 'default', readonly [number, number]>>;
  /** Figures from the seeds to compare the cohort with. */
  readonly reference?: readonly ReferenceShare[];
}
