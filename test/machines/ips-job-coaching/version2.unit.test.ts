import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMigration, createMemoryStore, openCase, replayFromCatalogue, simulateCohort } from 'kykypolku';
import { givenCase } from 'kykypolku/testing';
import { builtInPathVersions, ipsJobCoachingPath, ipsJobCoachingPathV1 } from 'kykypolku/paths';
import { coach, referrer, type IpsInput } from '../../support/ipsInputs.js';

// Version 2 of IPS job coaching (issue 14 items 9 and 13), against the seed's lines:
// S1 = shared/seeds/001_55550c4af1568658.txt, S0 = shared/seeds/000_a7d8ebcb45cc7bbc.txt.

const at = (day: string) => `${day}T09:00:00Z`;
const start: IpsInput[] = [
  { type: 'REFERRAL_RECEIVED', at: at('2024-01-02'), actor: referrer, payload: { source: 'workingAgeSocialWork', hasClientData: true } },
  { type: 'COACH_ASSIGNED', at: at('2024-01-08'), actor: coach },
];
const reviewed = (day: string, actor: IpsInput['actor'] = referrer): IpsInput => ({ type: 'REVIEWED_WITH_REFERRER', at: at(day), actor });

function caseWith(inputs: readonly IpsInput[]) {
  const caseRef = openCase(ipsJobCoachingPath, { caseId: 'ips-v2' });
  for (const input of inputs) expect(caseRef.record(input), input.type).toMatchObject({ ok: true });
  return caseRef;
}
const review = (inputs: readonly IpsInput[], now: string) =>
  caseWith(inputs)
    .deadlines(now)
    .find((deadline) => deadline.id === 'review-with-referrer-when-stalled');

// S1:331 "Kun asiakkaan tilanne ei etene, on aika pohtia tilannetta yhdessä lähettävän tahon kanssa."
describe('IPS v2: no progress, think it over with the referrer (issue 14 item 9, S1:331)', () => {
  it('is version 2, migrating from version 1, and the catalogue of stored cases keeps version 1', () => {
    expect(ipsJobCoachingPath.version).toBe(2);
    expect(ipsJobCoachingPath.migrations).toEqual([{ from: 1 }]);
    expect(ipsJobCoachingPathV1.version).toBe(1);
    expect(Object.keys(ipsJobCoachingPathV1.events)).not.toContain('REVIEWED_WITH_REFERRER');
    expect(builtInPathVersions).toContain(ipsJobCoachingPathV1);
  });

  it('records the review by the coach or the referrer in every phase and during a pause or the hand-over', () => {
    const caseRef = givenCase(ipsJobCoachingPath, start).when(reviewed('2024-02-01')).thenAccepted('active.engagement');
    caseRef.record({ type: 'PAUSED', at: at('2024-02-02'), actor: coach, payload: { reason: 'health' } });
    expect(caseRef.record(reviewed('2024-02-03', coach))).toMatchObject({ ok: true });
    caseRef.record({ type: 'HANDOVER_STARTED', at: at('2024-02-04'), actor: coach });
    expect(caseRef.record(reviewed('2024-02-05'))).toMatchObject({ ok: true });
    expect(caseRef.stateName).toBe('handover');
  });
  it('takes no supervisor’s review: it is the coach’s and the referrer’s, and refuses a payload', () => {
    givenCase(ipsJobCoachingPath, start)
      .when({ type: 'REVIEWED_WITH_REFERRER', at: at('2024-02-01'), actor: { role: 'supervisor', id: 's-1' } })
      .thenRejected('ROLE_NOT_PERMITTED');
    const caseRef = openCase(ipsJobCoachingPath, { caseId: 'payload' });
    for (const input of start) caseRef.record(input);
    const refused = caseRef.record({ ...reviewed('2024-02-01'), payload: { note: 'asiakas ei etene' } } as never);
    expect(refused).toMatchObject({ ok: false, rejection: { code: 'INVALID_EVENT' } });
    expect(JSON.stringify(refused)).not.toContain('asiakas ei etene');
  });

  it('is due three months after the last move of a case seeking work, as a target, and overdue after', () => {
    expect(review(start, at('2024-01-10'))).toMatchObject({ kind: 'target', dueAt: '2024-04-08T08:00:00.000Z', overdue: false });
    expect(review(start, at('2024-04-09'))).toMatchObject({ overdue: true });
  });
  it('starts the three months again at each step towards work and after the review itself', () => {
    // Months count in Helsinki time: 11:00 winter time in February is 11:00 summer time in May, 08:00 UTC.
    const moved: IpsInput[] = [
      ...start,
      { type: 'CLIENT_CHOSE_SUPPORTED_EMPLOYMENT', at: at('2024-01-20'), actor: coach },
      { type: 'PROFILE_COMPLETED', at: at('2024-02-20'), actor: coach },
    ];
    expect(review(moved, at('2024-03-01'))).toMatchObject({ dueAt: '2024-05-20T08:00:00.000Z' });
    expect(review([...moved, reviewed('2024-05-25')], at('2024-06-01'))).toMatchObject({
      dueAt: '2024-08-25T09:00:00.000Z',
      overdue: false,
    });
  });
  it('does not count what is not progress: a network meeting or benefits counselling leaves the clock running', () => {
    const busy: IpsInput[] = [
      ...start,
      { type: 'NETWORK_MEETING_HELD', at: at('2024-02-01'), actor: referrer, payload: { planUpdated: false } },
      { type: 'BENEFITS_COUNSELLING_GIVEN', at: at('2024-03-01'), actor: coach },
    ];
    expect(review(busy, at('2024-04-09'))).toMatchObject({ dueAt: '2024-04-08T08:00:00.000Z', overdue: true });
  });
  it('is not due in in-work support, during a pause, in the hand-over, nor before a coach takes the client', () => {
    const employed: IpsInput[] = [
      ...start,
      { type: 'CLIENT_CHOSE_SUPPORTED_EMPLOYMENT', at: at('2024-01-20'), actor: coach },
      { type: 'PROFILE_COMPLETED', at: at('2024-02-20'), actor: coach },
      { type: 'EMPLOYMENT_STARTED', at: at('2024-03-01'), actor: coach, payload: { contract: 'fixedTerm', wageSubsidy: true } },
    ];
    expect(review(employed, at('2025-01-01'))).toBeUndefined();
    expect(
      review([...start, { type: 'PAUSED', at: at('2024-01-20'), actor: coach, payload: { reason: 'health' } }], at('2025-01-01')),
    ).toBe(undefined);
    expect(review([...start, { type: 'HANDOVER_STARTED', at: at('2024-01-20'), actor: coach }], at('2025-01-01'))).toBeUndefined();
    expect(review(start.slice(0, 1), at('2025-01-01'))).toBeUndefined();
    // A job that ends sends the client back to job search, and the three months start from there.
    const ended = [...employed, { type: 'JOB_ENDED', at: at('2024-09-02'), actor: coach, payload: { reason: 'contractEnded' } } as const];
    expect(review(ended, at('2024-09-03'))).toMatchObject({ dueAt: '2024-12-02T10:00:00.000Z', overdue: false });
  });
  it('is not a deadline of version 1: stored version 1 cases show the deadlines they showed', () => {
    expect(ipsJobCoachingPathV1.deadlines.map((deadline) => deadline.id)).not.toContain('review-with-referrer-when-stalled');
  });
});

// S1:259 (a referral with the referrer's client data), S1:262 and S1:329 (the coaches' limited access
// rights to the client records, "ellei asiakas itse halunnut kertoa"), S0:44 (data protection the
// hardest administrative question): none of them makes consent a step of the coaching.
describe('IPS: information between organisations (issue 14 item 13)', () => {
  it('adds no consent rule the seeds do not state: a referral with client data and the network go ahead as the seeds tell', () => {
    expect(ipsJobCoachingPath.rules.map((rule) => rule.id)).toEqual([
      'closing-through-handover',
      'outcome-matches-history',
      'resume-returns-to-phase-left',
    ]);
    expect(Object.keys(ipsJobCoachingPath.events).filter((type) => type.includes('CONSENT'))).toEqual([]);
    caseWith([
      ...start,
      { type: 'NETWORK_MEETING_HELD', at: at('2024-01-20'), actor: referrer, payload: { planUpdated: true } },
      reviewed('2024-02-01'),
    ]);
  });
  it('says in the path README exactly why, citing the lines', () => {
    const readme = readFileSync(new URL('../../../machines/ips-job-coaching/README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Information between organisations'));
    expect(section.length).toBeGreaterThan(40);
    for (const line of ['001_55550c4af1568658.txt`:259', 'S1:262', 'S1:329', '000_a7d8ebcb45cc7bbc.txt`:44', 'S3:338']) {
      expect(section).toContain(line);
    }
  });
});

describe('IPS: the v1 demo cohort moves to v2', () => {
  it('passes checkMigration: every open v1 case of the demo cohort replays under v2, and every closed one stays', async () => {
    // The demo's defaults: 1 000 clients, seed 1.
    const cohort = simulateCohort(ipsJobCoachingPathV1, { clients: 1000, seed: 1 });
    const store = createMemoryStore();
    for (const live of cohort.cases) expect((await store.append(live.caseId, live.history, { expectedSeq: 0 })).ok).toBe(true);
    const report = await checkMigration(store, builtInPathVersions, { id: 'ips-job-coaching', version: 2 });
    expect(report.blockers).toEqual([]);
    expect(report.unreadable).toEqual([]);
    expect(report.cases).toBe(1000);
    expect(report.wouldMove + report.closedStaying).toBe(1000);
    expect(report.wouldMove).toBeGreaterThan(0);
    const first = cohort.cases[0]!;
    const replayed = replayFromCatalogue(builtInPathVersions, await store.read(first.caseId));
    expect(replayed.ok && replayed.case.definition).toBe(ipsJobCoachingPathV1);
  });
});
