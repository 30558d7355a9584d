import { describe, expect, it } from 'vitest';
import { openCase } from 'kykypolku';
import { ipsJobCoachingPath } from 'kykypolku/paths';
import { coach, referrer, type IpsInput } from '../../support/ipsInputs.js';

const at = (day: string) => `${day}T09:00:00Z`;
const start: IpsInput[] = [
  { type: 'REFERRAL_RECEIVED', at: at('2024-01-02'), actor: referrer, payload: { source: 'typ', hasClientData: true } },
  { type: 'COACH_ASSIGNED', at: at('2024-01-08'), actor: coach },
];
const kykyviisari = (day: string, phase: 'baseline' | 'followup' | 'final'): IpsInput => ({
  type: 'KYKYVIISARI_RECORDED',
  at: at(day),
  actor: coach,
  payload: { instrumentVersion: '2022', phase, administeredOn: day },
});

function caseWith(inputs: readonly IpsInput[]) {
  const caseRef = openCase(ipsJobCoachingPath, { caseId: 'ips-deadlines' });
  for (const input of inputs) expect(caseRef.record(input).ok).toBe(true);
  return caseRef;
}

const ids = (caseRef: ReturnType<typeof caseWith>, now: string) =>
  caseRef.deadlines(now).map((deadline) => [deadline.id, deadline.dueAt, deadline.overdue]);

describe('IPS Kykyviisari schedule and rapid job search, as deadlines not guards (S1:243, S1:242)', () => {
  it('asks for the baseline right at the start, the follow-up at six months, and the first employer contact within a month', () => {
    expect(ids(caseWith(start), at('2024-01-10'))).toEqual([
      ['kykyviisari-baseline', '2024-01-22T09:00:00.000Z', false],
      ['first-employer-contact-within-one-month', '2024-02-08T09:00:00.000Z', false],
      // Six months after 11:00 Finnish winter time is 11:00 Finnish summer time: 08:00 UTC.
      // Version 2 (S1:331): three months without progress, think it over with the referrer.
      ['review-with-referrer-when-stalled', '2024-04-08T08:00:00.000Z', false],
      ['kykyviisari-followup', '2024-07-08T08:00:00.000Z', false],
    ]);
  });

  it('drops each once it is done', () => {
    const caseRef = caseWith([
      ...start,
      kykyviisari('2024-01-09', 'baseline'),
      { type: 'CLIENT_CHOSE_SUPPORTED_EMPLOYMENT', at: at('2024-01-10'), actor: coach },
      { type: 'PROFILE_COMPLETED', at: at('2024-01-20'), actor: coach },
      { type: 'EMPLOYER_CONTACTED', at: at('2024-01-25'), actor: coach, payload: { employerId: 'e-1' } },
      kykyviisari('2024-07-01', 'followup'),
    ]);
    // Only the review with the referrer is left (S1:331): nothing has moved the case since the employer contact.
    expect(ids(caseRef, at('2024-08-01'))).toEqual([['review-with-referrer-when-stalled', '2024-04-25T08:00:00.000Z', true]]);
  });

  it('asks for the final Kykyviisari during the hand-over, and is overdue after two weeks', () => {
    const caseRef = caseWith([
      ...start,
      kykyviisari('2024-01-09', 'baseline'),
      { type: 'HANDOVER_STARTED', at: at('2024-03-01'), actor: coach },
    ]);
    expect(caseRef.deadlines(at('2024-03-20'))).toContainEqual(
      expect.objectContaining({ id: 'kykyviisari-final', dueAt: '2024-03-15T09:00:00.000Z', overdue: true }),
    );
  });

  it('never refuses an event because a Kykyviisari is missing', () => {
    const caseRef = caseWith([...start, { type: 'CLIENT_CHOSE_SUPPORTED_EMPLOYMENT', at: at('2025-06-01'), actor: coach }]);
    expect(
      caseRef
        .deadlines(at('2025-06-02'))
        .filter((deadline) => deadline.overdue)
        .map((deadline) => deadline.id),
    ).toEqual(['kykyviisari-baseline', 'first-employer-contact-within-one-month', 'kykyviisari-followup']);
    expect(caseRef.stateName).toBe('active.vocationalProfiling');
  });
});
