import { addMonthsToDate, isoDate } from '../../src/path/index.js';
import { ipsFidelityItems, type IpsFidelityGroup, type IpsFidelityItemId } from './fidelityItems.js';

/**
 * The fidelity band of an IPS-25 total (domain.md §2.3): 115–125 exemplary, 100–114 good
 * (THL: "good ≥ 100"), 74–99 fair (S2 `002_f1ffdd193307e45a.txt`:80: "threshold 74"), 25–73 not IPS.
 */
export type IpsFidelityBand = 'notIps' | 'fair' | 'good' | 'exemplary';

/** Why a rating was not accepted. Nothing is imputed: an incomplete rating is refused, never filled in. */
export type IpsFidelityRejection =
  | { readonly code: 'INCOMPLETE_RATING'; readonly message: string; readonly missing: readonly IpsFidelityItemId[] }
  | { readonly code: 'UNKNOWN_ITEM'; readonly message: string; readonly items: readonly string[] }
  | { readonly code: 'RATING_OUT_OF_RANGE'; readonly message: string; readonly items: readonly string[] }
  | { readonly code: 'TOTAL_OUT_OF_RANGE'; readonly message: string; readonly total: number }
  | { readonly code: 'INVALID_REVIEW_DATE'; readonly message: string; readonly reviewedOn: string };

/** A rated fidelity review: the total, the band and the sum of each group. */
export interface IpsFidelityRating {
  readonly status: 'rated';
  readonly reviewedOn: string;
  readonly total: number;
  readonly band: IpsFidelityBand;
  readonly groups: Readonly<Record<IpsFidelityGroup, number>>;
}

/**
 * A review that was deliberately not scored: Essote did not rate itself, lacking psychiatric-care
 * integration, a coach team and a team leader (S1 `001_55550c4af1568658.txt`:269). A separate,
 * explicit status, never a number.
 */
export interface IpsFidelityNotRated {
  readonly status: 'notRated';
  readonly reviewedOn: string;
  readonly reason: 'noMentalHealthIntegration' | 'teamTooSmall' | 'notApplicable' | 'other';
}

/** A service-level fidelity review: rated or explicitly not rated. */
export type IpsFidelityReview = IpsFidelityRating | IpsFidelityNotRated;

/** The result of {@link rateIpsFidelity}. */
export type IpsFidelityResult =
  | { readonly ok: true; readonly review: IpsFidelityRating; readonly rejection?: never }
  | { readonly ok: false; readonly rejection: IpsFidelityRejection; readonly review?: never };

/**
 * The band of a total between 25 and 125, or a `TOTAL_OUT_OF_RANGE` rejection. For a reported mean
 * per item, multiply by 25 (the Varma/Spring House pilot's 4.29 is about 107, good).
 *
 * @example
 * ```ts
 * ipsFidelityBand(83); // { ok: true, band: 'fair' } — Kätevä, autumn 2021 (S2:80–81)
 * ```
 */
export function ipsFidelityBand(
  total: number,
): { readonly ok: true; readonly band: IpsFidelityBand } | { readonly ok: false; readonly rejection: IpsFidelityRejection } {
  if (!Number.isInteger(total) || total < 25 || total > 125) {
    return {
      ok: false,
      rejection: { code: 'TOTAL_OUT_OF_RANGE', message: `an IPS-25 total is an integer from 25 to 125, got ${total}`, total },
    };
  }
  const band: IpsFidelityBand = total >= 115 ? 'exemplary' : total >= 100 ? 'good' : total >= 74 ? 'fair' : 'notIps';
  return { ok: true, band };
}

/**
 * Rates a service's IPS fidelity from the 25 item scores, each an integer from 1 to 5. Every item
 * must be scored; a missing, unknown or out-of-range item is a typed rejection, never imputed.
 *
 * @example
 * ```ts
 * const result = rateIpsFidelity({ reviewedOn: '2022-10-15', scores: fidelityScores });
 * if (result.ok) console.log(result.review.total, result.review.band);
 * ```
 */
export function rateIpsFidelity(input: {
  readonly reviewedOn: string;
  readonly scores: Readonly<Record<string, number>>;
}): IpsFidelityResult {
  if (!isoDate.safeParse(input.reviewedOn).success) {
    return {
      ok: false,
      rejection: {
        code: 'INVALID_REVIEW_DATE',
        message: `reviewedOn must be an ISO date (2022-10-15), got '${input.reviewedOn}'`,
        reviewedOn: input.reviewedOn,
      },
    };
  }
  const known = new Set<string>(ipsFidelityItems.map((item) => item.id));
  const unknown = Object.keys(input.scores).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    return { ok: false, rejection: { code: 'UNKNOWN_ITEM', message: `not IPS-25 items: ${unknown.join(', ')}`, items: unknown } };
  }
  const missing = ipsFidelityItems.map((item) => item.id).filter((id) => input.scores[id] === undefined);
  if (missing.length > 0) {
    return {
      ok: false,
      rejection: {
        code: 'INCOMPLETE_RATING',
        message: `${missing.length} of 25 items not scored (${missing.join(', ')}); record the review as not rated instead`,
        missing,
      },
    };
  }
  const outOfRange = ipsFidelityItems
    .map((item) => item.id)
    .filter((id) => {
      const score = input.scores[id]!;
      return !Number.isInteger(score) || score < 1 || score > 5;
    });
  if (outOfRange.length > 0) {
    return {
      ok: false,
      rejection: {
        code: 'RATING_OUT_OF_RANGE',
        message: `scores must be integers from 1 to 5: ${outOfRange.join(', ')}`,
        items: outOfRange,
      },
    };
  }
  const groups: Record<IpsFidelityGroup, number> = { staffing: 0, organisation: 0, services: 0 };
  for (const item of ipsFidelityItems) groups[item.group] += input.scores[item.id]!;
  const total = groups.staffing + groups.organisation + groups.services;
  const band = ipsFidelityBand(total);
  if (!band.ok) throw new Error(`internal: 25 scores from 1 to 5 summed to ${total}`);
  return { ok: true, review: { status: 'rated', reviewedOn: input.reviewedOn, total, band: band.band, groups } };
}

/**
 * When fidelity is reviewed: a local policy (domain.md §2.2). THL: every 6 months until the
 * service reaches good fidelity (≥ 100), then yearly; the Netherlands: a baseline 2 months after the
 * start, then every 2 years if adequate.
 */
export interface IpsFidelityCadence {
  /** Months from the service's start to the first review. */
  readonly firstReviewAfterMonths: number;
  /** Months between reviews while the service is below `goodFrom` (or not rated). */
  readonly belowGoodEveryMonths: number;
  /** Months between reviews once the last rated review reached `goodFrom`. */
  readonly goodEveryMonths: number;
  /** The total from which a service counts as good. */
  readonly goodFrom: number;
}

/** THL's cadence: every 6 months until good (≥ 100), then once a year. */
export const thlFidelityCadence: IpsFidelityCadence = {
  firstReviewAfterMonths: 6,
  belowGoodEveryMonths: 6,
  goodEveryMonths: 12,
  goodFrom: 100,
};

/**
 * The day the next fidelity review is due, from the service's start and its reviews so far. A
 * `notRated` review counts as a review that did not reach good.
 *
 * @example
 * ```ts
 * nextIpsFidelityReviewDue({ serviceStartedOn: '2021-01-01', reviews: [kateva2021] }); // six months on: below good
 * ```
 */
export function nextIpsFidelityReviewDue(input: {
  readonly serviceStartedOn: string;
  readonly reviews: readonly IpsFidelityReview[];
  readonly cadence?: IpsFidelityCadence;
}): string {
  const cadence = input.cadence ?? thlFidelityCadence;
  const last = [...input.reviews].sort((a, b) => a.reviewedOn.localeCompare(b.reviewedOn)).at(-1);
  if (!last) return addMonthsToDate(input.serviceStartedOn, cadence.firstReviewAfterMonths);
  const good = last.status === 'rated' && last.total >= cadence.goodFrom;
  return addMonthsToDate(last.reviewedOn, good ? cadence.goodEveryMonths : cadence.belowGoodEveryMonths);
}
