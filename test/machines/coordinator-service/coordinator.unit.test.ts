import { describe, expect, it } from 'vitest';
import { openCase } from 'kykypolku';
import { givenCase } from 'kykypolku/testing';
import { coordinatorRoleNames, coordinatorServicePath } from 'kykypolku/paths';
import type { CaseInputOf } from 'kykypolku';

type Input = CaseInputOf<typeof coordinatorServicePath>;
const coordinator = { role: 'coordinator', id: 'coord-1' } as const;
const teExpert = { role: 'employmentServicesExpert', id: 'te-1' } as const;

let day = 0;
const next = () => new Date(Date.UTC(2025, 0, 1) + ++day * 86_400_000).toISOString();

const referred = (route: 'employmentServices' | 'socialHealthServices' | 'selfContact' = 'employmentServices'): Input => ({
  type: 'REFERRED',
  at: next(),
  actor: route === 'selfContact' ? { role: 'client', id: 'client-1' } : teExpert,
  payload: { route },
});
const eligible = (unemploymentMonths: number): Input => ({
  type: 'ELIGIBILITY_CONFIRMED',
  at: next(),
  actor: coordinator,
  payload: { unemploymentMonths, targetGroup: 'unemployed' },
});
const consent = (scope: 'employmentServices' | 'kela' | 'socialHealth'): Input => ({
  type: 'CONSENT_GIVEN',
  at: next(),
  actor: coordinator,
  payload: { scope },
});
const withdraw = (scope: 'employmentServices' | 'kela' | 'socialHealth'): Input => ({
  type: 'CONSENT_WITHDRAWN',
  at: next(),
  actor: coordinator,
  payload: { scope },
});
const declinedConsent = (): Input => ({ type: 'CONSENT_DECLINED', at: next(), actor: coordinator });
const planAgreed = (): Input => ({ type: 'PLAN_AGREED', at: next(), actor: coordinator });
const capacityAssessed = (): Input => ({ type: 'FUNCTIONAL_CAPACITY_ASSESSED', at: next(), actor: { role: 'teamMember', id: 'physio-1' } });
const network = (partner: 'employmentServices' | 'kela' | 'socialHealth'): Input => ({
  type: 'NETWORK_WORK_DONE',
  at: next(),
  actor: coordinator,
  payload: { partner },
});
const referTo = (
  service: 'workTrial' | 'physiotherapy' | 'doctor' | 'kelaRehabilitationAssessment' | 'rehabilitativeWorkActivity',
): Input => ({
  type: 'REFERRED_TO_SERVICE',
  at: next(),
  actor: coordinator,
  payload: { service },
});
const placeGained = (): Input => ({ type: 'JOB_OR_STUDY_PLACE_GAINED', at: next(), actor: coordinator, payload: { kind: 'job' } });
const interimReview = (): Input => ({ type: 'INTERIM_REVIEW_HELD', at: next(), actor: coordinator });
const closeEmployed = (earlyCloseReason?: 'clientWish'): Input => ({
  type: 'CLOSED',
  at: next(),
  actor: coordinator,
  payload: earlyCloseReason ? { exit: 'employedOrStudying', earlyCloseReason } : { exit: 'employedOrStudying' },
});

const inMapping = (...consents: ('employmentServices' | 'kela' | 'socialHealth')[]): Input[] =>
  consents.length === 0 ? [referred(), eligible(3), declinedConsent()] : [referred(), eligible(3), ...consents.map(consent)];
const inSupport = (...consents: ('employmentServices' | 'kela' | 'socialHealth')[]): Input[] => [...inMapping(...consents), planAgreed()];

describe('Eksote coordinator service', () => {
  it.each(['employmentServices', 'socialHealthServices', 'selfContact'] as const)(
    'takes a referral by the %s route into the eligibility check (S3:368–372)',
    (route) => {
      givenCase(coordinatorServicePath).when(referred(route)).thenAccepted('eligibilityCheck');
    },
  );

  describe('eligible only if unemployed under 12 months (S3:363)', () => {
    it('takes a client unemployed 11 months', () => {
      givenCase(coordinatorServicePath, [referred()]).when(eligible(11)).thenAccepted('consentPending');
    });
    it.each([12, 13, 24])('refuses a client unemployed %i months', (months) => {
      givenCase(coordinatorServicePath, [referred()])
        .when(eligible(months))
        .thenRejected('RULE_VIOLATED', { ruleId: 'eligible-under-12-months-pension-or-typ-unsuitable' });
    });
    it('redirects a client unemployed over 12 months to TYP', () => {
      const caseRef = givenCase(coordinatorServicePath, [referred()])
        .when({ type: 'ELIGIBILITY_FAILED', at: next(), actor: coordinator, payload: { reason: 'unemployedOver12Months' } })
        .thenAccepted('closed');
      expect(caseRef.state.outcome).toBe('redirectedToTyp');
    });
  });

  describe('consent before network work (S3:338)', () => {
    it('refuses network work with the employment services or Kela without consent', () => {
      givenCase(coordinatorServicePath, inMapping())
        .when(network('employmentServices'))
        .thenRejected('RULE_VIOLATED', { ruleId: 'consent-before-network-work' });
      givenCase(coordinatorServicePath, inMapping('employmentServices'))
        .when(network('kela'))
        .thenRejected('RULE_VIOLATED', { ruleId: 'consent-before-network-work' });
    });
    it('allows network work with a partner the client consented to', () => {
      givenCase(coordinatorServicePath, inMapping('kela')).when(network('kela')).thenAccepted('mapping');
    });
    it('works with the client alone after consent is declined: mapping goes on', () => {
      givenCase(coordinatorServicePath, [referred(), eligible(3)])
        .when(declinedConsent())
        .thenAccepted('mapping');
    });
    it('refuses network work again after consent is withdrawn', () => {
      givenCase(coordinatorServicePath, [...inSupport('kela'), withdraw('kela')])
        .when(network('kela'))
        .thenRejected('RULE_VIOLATED', { ruleId: 'consent-before-network-work' });
    });
    it('refuses a referral to a Kela service without Kela consent, not to the area’s own services', () => {
      givenCase(coordinatorServicePath, inSupport('employmentServices'))
        .when(referTo('kelaRehabilitationAssessment'))
        .thenRejected('RULE_VIOLATED', {
          ruleId: 'consent-before-network-work',
        });
      givenCase(coordinatorServicePath, inSupport()).when(referTo('physiotherapy')).thenAccepted('activeSupport');
    });
  });

  describe('no employment-promoting service before functional capacity is assessed (S3:570)', () => {
    it('refuses a work trial before the assessment, even with consent', () => {
      givenCase(coordinatorServicePath, inSupport('employmentServices')).when(referTo('workTrial')).thenRejected('RULE_VIOLATED', {
        ruleId: 'capacity-assessed-before-employment-promoting-service',
      });
    });
    it('refers to a work trial once capacity is assessed', () => {
      givenCase(coordinatorServicePath, [...inSupport('employmentServices'), capacityAssessed()])
        .when(referTo('workTrial'))
        .thenAccepted('activeSupport');
    });
    it('refers to a doctor before it: the doctor is part of the assessment (S3:460)', () => {
      givenCase(coordinatorServicePath, inSupport()).when(referTo('doctor')).thenAccepted('activeSupport');
    });
    it('refuses rehabilitative work activity before the assessment too', () => {
      givenCase(coordinatorServicePath, inSupport()).when(referTo('rehabilitativeWorkActivity')).thenRejected('RULE_VIOLATED', {
        ruleId: 'capacity-assessed-before-employment-promoting-service',
      });
    });
  });

  describe('a job or study place keeps support until the next interim review (S3:433)', () => {
    it('refuses closing as employed before the interim review without a reason', () => {
      givenCase(coordinatorServicePath, [...inSupport(), placeGained()])
        .when(closeEmployed())
        .thenRejected('RULE_VIOLATED', {
          ruleId: 'support-until-interim-review-after-place',
        });
    });
    it('closes early with a reason', () => {
      const caseRef = givenCase(coordinatorServicePath, [...inSupport(), placeGained()])
        .when(closeEmployed('clientWish'))
        .thenAccepted('closed');
      expect(caseRef.state.outcome).toBe('employedOrStudying');
    });
    it('closes after the interim review without one', () => {
      givenCase(coordinatorServicePath, [...inSupport(), placeGained(), interimReview()])
        .when(closeEmployed())
        .thenAccepted('closed');
    });
    it('does not count an interim review held before the place was gained', () => {
      givenCase(coordinatorServicePath, [...inSupport(), interimReview(), planAgreed(), placeGained()])
        .when(closeEmployed())
        .thenRejected('RULE_VIOLATED', {
          ruleId: 'support-until-interim-review-after-place',
        });
    });
    it('refuses "employed or studying" with no place gained at all', () => {
      givenCase(coordinatorServicePath, inSupport())
        .when(closeEmployed('clientWish'))
        .thenRejected('RULE_VIOLATED', { ruleId: 'support-until-interim-review-after-place' });
    });
  });

  it('ends as independent or transferred to TYP by their own events (S3:435, S3:437)', () => {
    expect(
      givenCase(coordinatorServicePath, inSupport())
        .when({ type: 'CLIENT_COPES_INDEPENDENTLY', at: next(), actor: coordinator })
        .thenAccepted('closed').state.outcome,
    ).toBe('independent');
    expect(
      givenCase(coordinatorServicePath, inSupport()).when({ type: 'TYP_CRITERIA_MET', at: next(), actor: teExpert }).thenAccepted('closed')
        .state.outcome,
    ).toBe('transferredToTyp');
  });

  it('moves between active support and the interim review', () => {
    givenCase(coordinatorServicePath, inSupport()).when(interimReview()).thenAccepted('interimReview');
    givenCase(coordinatorServicePath, [...inSupport(), interimReview()])
      .when(planAgreed())
      .thenAccepted('activeSupport');
  });

  describe('the 12-month limit is a decision due, never a silent close (S3:330, S3:354)', () => {
    const start = (unemploymentMonths: number, unemployedSince?: string): Input[] => [
      { type: 'REFERRED', at: '2025-01-02T09:00:00Z', actor: teExpert, payload: { route: 'employmentServices' } },
      {
        type: 'ELIGIBILITY_CONFIRMED',
        at: '2025-01-10T09:00:00Z',
        actor: coordinator,
        payload: unemployedSince
          ? { unemploymentMonths, targetGroup: 'unemployed', unemployedSince }
          : { unemploymentMonths, targetGroup: 'partiallyWorkAble' },
      },
    ];
    const limit = (inputs: Input[], now: string) => {
      const caseRef = openCase(coordinatorServicePath, { caseId: 'limit' });
      for (const input of inputs) expect(caseRef.record(input).ok).toBe(true);
      return caseRef.deadlines(now).find((deadline) => deadline.id === 'twelve-month-limit');
    };
    // Days and months count in Finnish time: 1 September begins at 00:00 in Helsinki, 21:00 UTC the day before.
    it('is due 12 months into unemployment, from the day it began', () => {
      expect(limit(start(4, '2024-09-01'), '2025-08-01T00:00:00Z')).toMatchObject({
        kind: 'decision',
        dueAt: '2025-08-31T21:00:00.000Z',
        overdue: false,
      });
    });
    it('is due 12 months into the service when that comes first', () => {
      expect(limit(start(0, '2025-01-05'), '2025-02-01T00:00:00Z')).toMatchObject({ dueAt: '2026-01-04T22:00:00.000Z' });
      expect(limit(start(0, '2025-01-09'), '2025-02-01T00:00:00Z')).toMatchObject({ dueAt: '2026-01-08T22:00:00.000Z' });
    });
    // Issue 14 item 7. S3 `003_b3609eb1a20809d4.txt`:363 admits a client unemployed under 12 months, so
    // with 11 completed months; S3:354 promises 1–12 months of service. With only completed months known,
    // the 12 months have surely run out (12 − months) months after the check, never at the admission.
    it('is not overdue at admission with 11 completed months and no start day (S3:354, S3:363)', () => {
      const admission = '2025-01-10T09:00:00Z';
      expect(limit(start(11), admission)).toMatchObject({ overdue: false, dueAt: '2025-02-10T09:00:00.000Z' });
    });
    it('counts (12 − completed months) months from the check when the start day is unknown (S3:354)', () => {
      // 11:00 in Helsinki in January (UTC+2) is 11:00 in August too, in summer time (UTC+3).
      expect(limit(start(5), '2025-02-01T00:00:00Z')).toMatchObject({ dueAt: '2025-08-10T08:00:00.000Z' });
      // No completed month: the 12 months of service and of unemployment end together.
      expect(limit(start(0), '2025-02-01T00:00:00Z')).toMatchObject({ dueAt: '2026-01-10T09:00:00.000Z' });
      for (let months = 0; months < 12; months++) {
        const due = limit(start(months), '2025-01-10T09:00:00Z');
        expect(due?.overdue).toBe(false);
        expect(Date.parse(due?.dueAt ?? '')).toBeGreaterThan(Date.parse('2025-01-10T09:00:00Z'));
      }
    });
    it('keeps the case open past the limit', () => {
      const caseRef = openCase(coordinatorServicePath, { caseId: 'past' });
      for (const input of [...start(11), { type: 'CONSENT_DECLINED', at: '2026-06-01T00:00:00Z', actor: coordinator } as Input])
        expect(caseRef.record(input).ok).toBe(true);
      expect(caseRef.state.status).toBe('open');
      expect(caseRef.deadlines('2026-06-02T00:00:00Z')).toContainEqual(
        expect.objectContaining({ id: 'twelve-month-limit', overdue: true }),
      );
    });
  });

  it('wants Kykyviisari from every client (S3:229), as a target', () => {
    const caseRef = givenCase(coordinatorServicePath, [referred(), eligible(2)]).caseRef;
    expect(caseRef.deadlines(next()).map((deadline) => deadline.id)).toContain('kykyviisari-filled');
    caseRef.record({ type: 'CONSENT_DECLINED', at: next(), actor: coordinator });
    caseRef.record({
      type: 'KYKYVIISARI_RECORDED',
      at: next(),
      actor: coordinator,
      payload: { instrumentVersion: '2022', phase: 'baseline', administeredOn: '2025-02-01' },
    });
    expect(caseRef.deadlines(next()).map((deadline) => deadline.id)).not.toContain('kykyviisari-filled');
  });

  // Issue 14 item 8: the labels say what the seed says and name today's organisations.
  describe('labels', () => {
    it('redirects "12 months or more" to TYP in every language, as the guard does (S3:363–364)', () => {
      const { redirectedToTyp } = coordinatorServicePath.outcomes;
      expect(redirectedToTyp.fi).toContain('vähintään 12 kk');
      expect(redirectedToTyp.sv).toContain('minst 12 månader');
      expect(redirectedToTyp.en).toContain('12 months or more');
      for (const text of Object.values(redirectedToTyp)) expect(text).not.toMatch(/yli 12|över 12|over 12/);
    });
    it('says the client is not in the target group (S3:360–362)', () => {
      expect(coordinatorServicePath.outcomes.notInTargetGroup.fi).toBe('Ei kuulu kohderyhmään');
    });
    // S3:368 "Ohjaudun palveluun TE-palveluiden kautta" (2022); since 1.1.2025 the municipal employment
    // services (TE2024, domain.md §0): the role keeps its id, its label names today's organisation.
    it('names the employment-services expert by the municipal employment services, with the earlier name dated', () => {
      const label = coordinatorServicePath.roles.employmentServicesExpert;
      for (const text of Object.values(label)) expect(text).not.toMatch(/\bTE\b|TE-/);
      expect(label.fi).toBe('Työllisyyspalvelujen asiantuntija');
      expect(coordinatorRoleNames.employmentServicesExpert).toMatchObject({
        since: '2025-01-01',
        label,
        before: { fi: 'TE-palvelujen asiantuntija' },
      });
    });
    it('names the employment services in the consent rule by today’s name (S3:338)', () => {
      const rule = coordinatorServicePath.rules.find((candidate) => candidate.id === 'consent-before-network-work');
      for (const text of Object.values(rule?.sentence ?? {})) expect(text).not.toMatch(/TE-/);
    });
  });
});
