import { describe, expect, it } from 'vitest';
import { ipsFidelityBand, ipsFidelityItems, nextIpsFidelityReviewDue, rateIpsFidelity, type IpsFidelityReview } from 'kykypolku/paths';

/** Scores that sum to `total`: every item at least 1, the rest spread from the first item on. */
function scoresFor(total: number): Record<string, number> {
  let left = total - 25;
  return Object.fromEntries(
    ipsFidelityItems.map((item) => {
      const extra = Math.min(4, left);
      left -= extra;
      return [item.id, 1 + extra];
    }),
  );
}

describe('IPS-25 fidelity', () => {
  it('has 25 items: staffing 3, organisation 8, services 14', () => {
    const groups = ipsFidelityItems.map((item) => item.group);
    expect([
      groups.filter((g) => g === 'staffing').length,
      groups.filter((g) => g === 'organisation').length,
      groups.filter((g) => g === 'services').length,
    ]).toEqual([3, 8, 14]);
  });

  it.each([
    [25, 'notIps'],
    [73, 'notIps'],
    [74, 'fair'],
    [83, 'fair'],
    [91, 'fair'],
    [99, 'fair'],
    [100, 'good'],
    [114, 'good'],
    [115, 'exemplary'],
    [125, 'exemplary'],
  ] as const)('rates a total of %i as %s', (total, band) => {
    expect(ipsFidelityBand(total)).toEqual({ ok: true, band });
    const rated = rateIpsFidelity({ reviewedOn: '2022-10-15', scores: scoresFor(total) });
    expect(rated).toMatchObject({ ok: true, review: { status: 'rated', total, band } });
  });

  it('rates Kätevä 83 (autumn 2021) and 91 (autumn 2022) as fair: above the threshold of 74 (S2:80–81)', () => {
    expect([ipsFidelityBand(83), ipsFidelityBand(91)]).toEqual([
      { ok: true, band: 'fair' },
      { ok: true, band: 'fair' },
    ]);
  });

  it.each([24, 126, 99.5])('refuses a total of %s', (total) => {
    expect(ipsFidelityBand(total)).toMatchObject({ ok: false, rejection: { code: 'TOTAL_OUT_OF_RANGE', total } });
  });

  it('sums each group', () => {
    const all3 = Object.fromEntries(ipsFidelityItems.map((item) => [item.id, 3]));
    expect(rateIpsFidelity({ reviewedOn: '2022-10-15', scores: all3 })).toMatchObject({
      ok: true,
      review: { total: 75, groups: { staffing: 9, organisation: 24, services: 42 } },
    });
  });

  it('refuses 24 items: an incomplete rating is never imputed', () => {
    const scores = scoresFor(100);
    delete scores.disclosure;
    expect(rateIpsFidelity({ reviewedOn: '2022-10-15', scores })).toMatchObject({
      ok: false,
      rejection: { code: 'INCOMPLETE_RATING', missing: ['disclosure'] },
    });
  });

  it.each([0, 6, 2.5])('refuses an item scored %s', (score) => {
    expect(rateIpsFidelity({ reviewedOn: '2022-10-15', scores: { ...scoresFor(100), caseloadSize: score } })).toMatchObject({
      ok: false,
      rejection: { code: 'RATING_OUT_OF_RANGE', items: ['caseloadSize'] },
    });
  });

  it('refuses an item that is not on the scale and a date that is not a date', () => {
    expect(rateIpsFidelity({ reviewedOn: '2022-10-15', scores: { ...scoresFor(100), charisma: 5 } })).toMatchObject({
      ok: false,
      rejection: { code: 'UNKNOWN_ITEM', items: ['charisma'] },
    });
    expect(rateIpsFidelity({ reviewedOn: 'autumn', scores: scoresFor(100) })).toMatchObject({
      ok: false,
      rejection: { code: 'INVALID_REVIEW_DATE' },
    });
  });

  describe('review cadence: every 6 months until good, then yearly (THL), configurable', () => {
    const rated = (reviewedOn: string, total: number): IpsFidelityReview => ({
      status: 'rated',
      reviewedOn,
      total,
      band: 'fair',
      groups: { staffing: 0, organisation: 0, services: 0 },
    });
    it('first six months after the start', () => {
      expect(nextIpsFidelityReviewDue({ serviceStartedOn: '2021-03-01', reviews: [] })).toBe('2021-09-01');
    });
    it('six months after a fair review, a year after a good one', () => {
      expect(nextIpsFidelityReviewDue({ serviceStartedOn: '2021-03-01', reviews: [rated('2021-10-15', 83)] })).toBe('2022-04-15');
      expect(
        nextIpsFidelityReviewDue({ serviceStartedOn: '2021-03-01', reviews: [rated('2021-10-15', 83), rated('2022-10-15', 104)] }),
      ).toBe('2023-10-15');
    });
    it('treats a review recorded as not rated (Essote, S1:269) as not yet good', () => {
      expect(
        nextIpsFidelityReviewDue({
          serviceStartedOn: '2021-03-01',
          reviews: [{ status: 'notRated', reviewedOn: '2022-06-01', reason: 'teamTooSmall' }],
        }),
      ).toBe('2022-12-01');
    });
    it('follows another policy, such as a baseline at two months and then every two years', () => {
      const cadence = { firstReviewAfterMonths: 2, belowGoodEveryMonths: 6, goodEveryMonths: 24, goodFrom: 100 };
      expect(nextIpsFidelityReviewDue({ serviceStartedOn: '2021-03-01', reviews: [], cadence })).toBe('2021-05-01');
      expect(nextIpsFidelityReviewDue({ serviceStartedOn: '2021-03-01', reviews: [rated('2021-05-01', 110)], cadence })).toBe('2023-05-01');
    });
  });
});
