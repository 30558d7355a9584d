import { describe, expect, it } from 'vitest';
import { checkMigration, createMemoryStore, openCase, replayFromCatalogue, simulateCohort, type CaseInputOf } from 'kykypolku';
import { givenCase } from 'kykypolku/testing';
import { builtInPathVersions, coordinatorServicePath, coordinatorServicePathV1 } from 'kykypolku/paths';

// Version 2 of the coordinator service (issue 14 items 6 and 10), against the seed's lines:
// S3 = shared/seeds/003_b3609eb1a20809d4.txt.

type Input = CaseInputOf<typeof coordinatorServicePath>;
const coordinator = { role: 'coordinator', id: 'coord-1' } as const;

let day = 0;
const next = () => new Date(Date.UTC(2025, 2, 1) + ++day * 86_400_000).toISOString();

const referred = (typNotSuitable?: 'criteriaNotMet' | 'notTimely'): Input => ({
  type: 'REFERRED',
  at: next(),
  actor: { role: 'employmentServicesExpert', id: 'te-1' },
  payload: typNotSuitable ? { route: 'employmentServices', typNotSuitable } : { route: 'employmentServices' },
});
type Eligibility = Extract<Input, { type: 'ELIGIBILITY_CONFIRMED' }>['payload'];
const eligible = (payload: Eligibility, at = next()): Input => ({ type: 'ELIGIBILITY_CONFIRMED', at, actor: coordinator, payload });
const inSupport = (): Input[] => [
  referred(),
  eligible({ unemploymentMonths: 3, targetGroup: 'unemployed' }),
  { type: 'CONSENT_DECLINED', at: next(), actor: coordinator },
  { type: 'PLAN_AGREED', at: next(), actor: coordinator },
];
const referTo = (at: string): Input => ({ type: 'REFERRED_TO_SERVICE', at, actor: coordinator, payload: { service: 'physiotherapy' } });
const followedUp = (at: string): Input => ({ type: 'SERVICE_FOLLOWED_UP', at, actor: coordinator });

describe('coordinator service v2: the eligibility check (issue 14 item 6)', () => {
  it('is version 2, migrating from version 1, and the catalogue of stored cases keeps version 1', () => {
    expect(coordinatorServicePath.version).toBe(2);
    expect(coordinatorServicePath.migrations).toEqual([{ from: 1 }]);
    expect(coordinatorServicePathV1.version).toBe(1);
    expect(builtInPathVersions).toContain(coordinatorServicePathV1);
    expect(builtInPathVersions).toContain(coordinatorServicePath);
  });

  // S3:573 "Mikäli TYP-kriteerit ei täyty tai TYP-asiakkuus ei ole oikea-aikainen tai ajankohtainen, voidaan
  // asiakas ohjata työ- ja toimintakyvyn tuen palvelumalliin".
  it.each(['criteriaNotMet', 'notTimely'] as const)(
    'admits a client unemployed 18 months directed here as TYP does not suit: %s (S3:573)',
    (why) => {
      // The seed speaks of directing (ohjata) the client here: the reason comes with the referral.
      givenCase(coordinatorServicePath, [referred(why)])
        .when(eligible({ unemploymentMonths: 18, targetGroup: 'unemployed' }))
        .thenAccepted('consentPending');
    },
  );
  // S3:571: "työnhakijalla, osatyökykyisellä tai työvoiman ulkopuolella olevalla henkilöllä" — not always unemployed.
  it('admits a client for whom TYP does not suit without months of unemployment (S3:571, S3:573)', () => {
    givenCase(coordinatorServicePath, [referred('criteriaNotMet')])
      .when(eligible({ targetGroup: 'partiallyWorkAble' }))
      .thenAccepted('consentPending');
  });
  // S3:362 "vammainen työkyvyttömyyseläkkeellä oleva": in the target group without being unemployed.
  it('admits a disability pensioner without inventing months of unemployment (S3:362)', () => {
    givenCase(coordinatorServicePath, [referred()])
      .when(eligible({ targetGroup: 'disabilityPensioner' }))
      .thenAccepted('consentPending');
    // Version 1 asks every client for the months: the payload is refused there, as it always was.
    const v1 = openCase(coordinatorServicePathV1, { caseId: 'v1-pensioner' });
    expect(v1.record({ type: 'REFERRED', at: next(), actor: coordinator, payload: { route: 'selfContact' } }).ok).toBe(true);
    const refused = v1.record({
      type: 'ELIGIBILITY_CONFIRMED',
      at: next(),
      actor: coordinator,
      payload: { targetGroup: 'disabilityPensioner' } as never,
    });
    expect(refused).toMatchObject({ ok: false, rejection: { code: 'INVALID_EVENT' } });
  });
  // S3:363 "olet ollut työttömänä alle 12 kk (yli 12 kk työttömänä olleet saavat tarvittaessa tuen TYP –palvelusta)".
  it.each([12, 13, 24])('still redirects a client unemployed %i months not directed here as TYP does not suit (S3:363)', (months) => {
    givenCase(coordinatorServicePath, [referred()])
      .when(eligible({ unemploymentMonths: months, targetGroup: 'unemployed' }))
      .thenRejected('RULE_VIOLATED', { ruleId: 'eligible-under-12-months-pension-or-typ-unsuitable' });
  });
  it('refuses an unemployed client with neither months nor a reason TYP does not suit: the months decide (S3:363)', () => {
    givenCase(coordinatorServicePath, [referred()])
      .when(eligible({ targetGroup: 'unemployed' }))
      .thenRejected('RULE_VIOLATED', { ruleId: 'eligible-under-12-months-pension-or-typ-unsuitable' });
  });
  it('keeps version 1 as it was: 12 months refused there by its own rule', () => {
    const v1 = openCase(coordinatorServicePathV1, { caseId: 'v1-twelve' });
    expect(v1.record({ type: 'REFERRED', at: next(), actor: coordinator, payload: { route: 'selfContact' } }).ok).toBe(true);
    const refused = v1.record({
      type: 'ELIGIBILITY_CONFIRMED',
      at: next(),
      actor: coordinator,
      payload: { unemploymentMonths: 12, targetGroup: 'unemployed' },
    });
    expect(refused).toMatchObject({ ok: false, rejection: { code: 'RULE_VIOLATED', ruleId: 'eligible-only-under-12-months-unemployed' } });
  });
  it('admits a client unemployed 11 months as version 1 does', () => {
    givenCase(coordinatorServicePath, [referred()])
      .when(eligible({ unemploymentMonths: 11, targetGroup: 'unemployed' }))
      .thenAccepted('consentPending');
  });
  it('takes the reason TYP does not suit only as one of its codes, never free text', () => {
    const caseRef = openCase(coordinatorServicePath, { caseId: 'typ-text' });
    const refused = caseRef.record({
      type: 'REFERRED',
      at: next(),
      actor: coordinator,
      payload: { route: 'selfContact', typNotSuitable: 'asiakas ei halua' as 'notTimely' },
    });
    expect(refused).toMatchObject({ ok: false, rejection: { code: 'INVALID_EVENT' } });
    expect(JSON.stringify(refused)).not.toContain('asiakas ei halua');
  });

  describe('the 12-month limit of a client not admitted on months of unemployment (S3:354 "Kesto: 1-12 kk")', () => {
    const limitOf = (payload: Eligibility, typNotSuitable?: 'notTimely') => {
      const caseRef = openCase(coordinatorServicePath, { caseId: 'limit' });
      expect(caseRef.record(referred(typNotSuitable)).ok).toBe(true);
      expect(caseRef.record(eligible(payload, '2025-04-10T09:00:00Z')).ok).toBe(true);
      return caseRef.deadlines('2025-04-10T10:00:00Z').find((deadline) => deadline.id === 'twelve-month-limit');
    };
    it('is 12 months of service for a client unemployed 18 months for whom TYP does not suit, not overdue at admission', () => {
      expect(limitOf({ unemploymentMonths: 18, targetGroup: 'unemployed' }, 'notTimely')).toMatchObject({
        dueAt: '2026-04-10T09:00:00.000Z',
        overdue: false,
      });
    });
    it('is 12 months of service for a disability pensioner, whatever day of unemployment is also given', () => {
      expect(limitOf({ targetGroup: 'disabilityPensioner' })).toMatchObject({ dueAt: '2026-04-10T09:00:00.000Z' });
      expect(limitOf({ targetGroup: 'disabilityPensioner', unemployedSince: '2023-01-01' })).toMatchObject({
        dueAt: '2026-04-10T09:00:00.000Z',
      });
    });
    it('counts from the months of unemployment as version 1 for a client admitted on them (S3:330)', () => {
      // Eight months on in Helsinki time: 12:00 summer time in April is 12:00 winter time in December.
      expect(limitOf({ unemploymentMonths: 4, targetGroup: 'unemployed' })).toMatchObject({ dueAt: '2025-12-10T10:00:00.000Z' });
    });
  });
});

// S3:231 "seuraa sovittujen palvelujen toteutumista koko palvelupolun ajan"; S3:339 "seuraa niiden toteutumista".
describe('coordinator service v2: a follow-up after each referral (issue 14 item 10, S3:231)', () => {
  const followUp = (inputs: Input[], now: string) => {
    const caseRef = openCase(coordinatorServicePath, { caseId: 'follow-up' });
    for (const input of inputs) expect(caseRef.record(input), input.type).toMatchObject({ ok: true });
    return caseRef.deadlines(now).find((deadline) => deadline.id === 'service-followed-up');
  };

  it('is due a month after a referral, as a target, and overdue after that', () => {
    const inputs = [...inSupport(), referTo('2025-05-05T09:00:00Z')];
    expect(followUp(inputs, '2025-05-06T00:00:00Z')).toMatchObject({
      kind: 'target',
      dueAt: '2025-06-05T09:00:00.000Z',
      overdue: false,
    });
    expect(followUp(inputs, '2025-06-06T00:00:00Z')).toMatchObject({ overdue: true });
  });
  it('is not due before any referral, nor once the referral is followed up', () => {
    expect(followUp(inSupport(), '2025-12-01T00:00:00Z')).toBeUndefined();
    expect(followUp([...inSupport(), referTo('2025-05-05T09:00:00Z'), followedUp('2025-05-20T09:00:00Z')], '2025-12-01T00:00:00Z')).toBe(
      undefined,
    );
  });
  it('asks again after each later referral, and from the earliest referral not yet followed up', () => {
    const inputs = [
      ...inSupport(),
      referTo('2025-05-05T09:00:00Z'),
      followedUp('2025-05-20T09:00:00Z'),
      referTo('2025-06-02T09:00:00Z'),
      referTo('2025-06-09T09:00:00Z'),
    ];
    expect(followUp(inputs, '2025-06-10T00:00:00Z')).toMatchObject({ dueAt: '2025-07-02T09:00:00.000Z' });
  });
  it('is not due once the case is closed', () => {
    const inputs = [
      ...inSupport(),
      referTo('2025-05-05T09:00:00Z'),
      { type: 'CLIENT_COPES_INDEPENDENTLY', at: '2025-05-06T09:00:00Z', actor: coordinator } as const,
    ];
    expect(followUp(inputs, '2025-12-01T00:00:00Z')).toBeUndefined();
  });
  it('is not a deadline of version 1: stored version 1 cases show the deadlines they showed', () => {
    expect(coordinatorServicePathV1.deadlines.map((deadline) => deadline.id)).toEqual(['twelve-month-limit', 'kykyviisari-filled']);
    expect(coordinatorServicePath.deadlines.map((deadline) => deadline.id)).toEqual([
      'twelve-month-limit',
      'kykyviisari-filled',
      'service-followed-up',
    ]);
  });
});

describe('coordinator service: the v1 demo cohort moves to v2', () => {
  it('passes checkMigration: every open v1 case of the demo cohort replays under v2, and every closed one stays', async () => {
    // The demo's defaults: 1 000 clients, seed 1.
    const cohort = simulateCohort(coordinatorServicePathV1, { clients: 1000, seed: 1 });
    const store = createMemoryStore();
    for (const live of cohort.cases) expect((await store.append(live.caseId, live.history, { expectedSeq: 0 })).ok).toBe(true);
    const report = await checkMigration(store, builtInPathVersions, { id: 'coordinator-service', version: 2 });
    expect(report.blockers).toEqual([]);
    expect(report.unreadable).toEqual([]);
    expect(report.cases).toBe(1000);
    expect(report.wouldMove + report.closedStaying).toBe(1000);
    expect(report.wouldMove).toBeGreaterThan(0);
    // Each stored case still replays under the version it was recorded under.
    const first = cohort.cases[0]!;
    const replayed = replayFromCatalogue(builtInPathVersions, await store.read(first.caseId));
    expect(replayed.ok && replayed.case.definition).toBe(coordinatorServicePathV1);
  });
});
