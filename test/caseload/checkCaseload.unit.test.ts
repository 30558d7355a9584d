import { describe, expect, it } from 'vitest';
import { caseloadCap, checkCaseload, createCaseloadIndex, createMemoryStore, openCase, type EventStore } from 'kykypolku';
import { ipsJobCoachingPath, workabilityPath } from 'kykypolku/paths';

const coach = (id: string) => ({ role: 'coach', id }) as const;

/** A store where `coachId` holds `count` active IPS cases, recorded and appended as a host would. */
async function storeWithCaseload(coachId: string, count: number, store: EventStore = createMemoryStore()) {
  for (let index = 0; index < count; index++) {
    const caseRef = openCase(ipsJobCoachingPath, { caseId: `${coachId}-case-${index}` });
    caseRef.record({
      type: 'REFERRAL_RECEIVED',
      at: '2024-01-01T09:00:00Z',
      actor: { role: 'referrer', id: 'r' },
      payload: { source: 'typ', hasClientData: true },
    });
    caseRef.record({ type: 'COACH_ASSIGNED', at: '2024-01-02T09:00:00Z', actor: coach(coachId) });
    await store.append(caseRef.caseId, caseRef.history, { expectedSeq: 0 });
  }
  return store;
}

async function indexOver(store: EventStore) {
  const index = createCaseloadIndex([ipsJobCoachingPath, workabilityPath]);
  expect(await index.catchUp(store)).toEqual([]);
  return index;
}

const query = (assignee: string) => ({ pathId: 'ips-job-coaching', assignee });

describe('checking a coach’s caseload before assigning (S1:243)', () => {
  it('lets a coach with 19 active clients take a 20th', async () => {
    const index = await indexOver(await storeWithCaseload('coach-a', 19));
    expect(await checkCaseload(index, query('coach-a'))).toEqual({ ok: true, active: 19, cap: 20 });
  });

  it('refuses a 21st client with CASELOAD_FULL', async () => {
    const index = await indexOver(await storeWithCaseload('coach-b', 20));
    expect(await checkCaseload(index, query('coach-b'))).toMatchObject({
      ok: false,
      rejection: { code: 'CASELOAD_FULL', assignee: 'coach-b', active: 20, cap: 20 },
    });
  });

  it('pro-rates the cap by FTE: Essote’s half-time coaches had 10 (S1:243)', async () => {
    const index = await indexOver(await storeWithCaseload('coach-c', 10));
    expect(caseloadCap({ fte: 0.5 })).toBe(10);
    expect(await checkCaseload(index, query('coach-c'), { fte: 0.5 })).toMatchObject({
      ok: false,
      rejection: { code: 'CASELOAD_FULL', active: 10, cap: 10 },
    });
    expect(await checkCaseload(index, query('coach-c'), { capPerFullTime: 25 })).toMatchObject({ ok: true, active: 10, cap: 25 });
  });

  it('counts only open cases, and only for the coach who has them now', async () => {
    const store = await storeWithCaseload('coach-d', 3);
    const index = await indexOver(store);
    const handedOver = openCase(ipsJobCoachingPath, { caseId: 'moves' });
    handedOver.on('recorded', (event) => index.apply(event));
    handedOver.record({
      type: 'REFERRAL_RECEIVED',
      at: '2024-01-01T09:00:00Z',
      actor: { role: 'referrer', id: 'r' },
      payload: { source: 'self', hasClientData: false },
    });
    handedOver.record({ type: 'COACH_ASSIGNED', at: '2024-01-02T09:00:00Z', actor: coach('coach-d') });
    expect(await index.countActiveCases(query('coach-d'))).toBe(4);
    handedOver.record({ type: 'COACH_ASSIGNED', at: '2024-02-01T09:00:00Z', actor: coach('coach-e') });
    expect([await index.countActiveCases(query('coach-d')), await index.countActiveCases(query('coach-e'))]).toEqual([3, 1]);
    handedOver.record({ type: 'CLOSED', at: '2024-03-01T09:00:00Z', actor: coach('coach-e'), payload: { outcome: 'moved' } });
    expect(await index.countActiveCases(query('coach-e'))).toBe(0);
  });

  it('keeps paths apart: a coordinator’s work-ability cases are not IPS caseload', async () => {
    const store = createMemoryStore();
    const caseRef = openCase(workabilityPath, { caseId: 'w' });
    caseRef.record({
      type: 'CONTACT_RECEIVED',
      at: '2024-01-01T09:00:00Z',
      actor: { role: 'nurse', id: 'n' },
      payload: { route: 'networkMeeting', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
    });
    caseRef.record({
      type: 'COORDINATOR_ASSIGNED',
      at: '2024-01-02T09:00:00Z',
      actor: { role: 'coordinator', id: 'coach-f' },
      payload: { asCaseManager: true, clientHasSocialCareOwnWorker: false },
    });
    await store.append('w', caseRef.history, { expectedSeq: 0 });
    const index = await indexOver(store);
    expect(await index.countActiveCases(query('coach-f'))).toBe(0);
    expect(await index.countActiveCases({ pathId: 'workability-path', assignee: 'coach-f' })).toBe(1);
  });

  it('reports events that do not continue their case instead of counting them', async () => {
    const index = createCaseloadIndex([ipsJobCoachingPath]);
    const event = {
      caseId: 'x',
      seq: 2,
      type: 'COACH_ASSIGNED',
      at: '2024-01-01T00:00:00Z',
      actor: coach('c'),
      payload: {},
      path: { id: 'ips-job-coaching', version: ipsJobCoachingPath.version },
    };
    expect(index.apply(event)).toMatchObject({ caseId: 'x', seq: 2, reason: 'OUT_OF_SEQUENCE' });
    expect(index.apply({ ...event, path: { id: 'unknown', version: 1 }, caseId: 'y', seq: 1 })).toMatchObject({ reason: 'UNKNOWN_PATH' });
    expect(index.apply({ ...event, caseId: 'z', seq: 1 })).toMatchObject({
      reason: 'EVENT_REJECTED',
      rejection: { code: 'NOT_ALLOWED_IN_STATE' },
    });
  });

  it('refuses a policy that makes no sense', () => {
    expect(() => caseloadCap({ fte: 0 })).toThrow(RangeError);
    expect(() => caseloadCap({ fte: 1.5 })).toThrow(RangeError);
    expect(() => caseloadCap({ capPerFullTime: 0 })).toThrow(RangeError);
  });
});
