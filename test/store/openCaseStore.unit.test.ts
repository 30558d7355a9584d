import { describe, expect, expectTypeOf, it } from 'vitest';
import { createMemoryStore, openCase, openCaseStore, type CaseSummary } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { author, reviewer, reviewPath } from '../support/reviewPath.js';
import { reviewPathV2 } from '../support/reviewPathV2.js';
import {
  assessmentBooked,
  assessmentDone,
  contactReceived,
  coordinator,
  coordinatorAssigned,
  doctorVisitBooked,
} from '../support/workabilityInputs.js';

describe('openCaseStore', () => {
  it('records a new case through the rules, stores the event with the case row, and loads it back equal', async () => {
    const store = createMemoryStore();
    const cases = openCaseStore(store, [workabilityPath]);
    const first = await cases.record('case-1', contactReceived());
    expect(first).toMatchObject({ ok: true, alreadyRecorded: false, event: { seq: 1, type: 'CONTACT_RECEIVED' } });
    await cases.record('case-1', assessmentBooked());
    await cases.record('case-1', assessmentDone('coordinator'));
    const assigned = await cases.record('case-1', coordinatorAssigned());
    expect(assigned.ok && assigned.case.stateName).toBe('coordinatorSupport');

    const loaded = await cases.load('case-1');
    expect(loaded.ok && loaded.case.history).toEqual(await store.read('case-1'));
    expect(loaded.ok && loaded.case.state).toEqual(assigned.ok && assigned.case.state);
    const [row] = await cases.listCases();
    expect(row).toMatchObject({
      caseId: 'case-1',
      pathId: 'workability-path',
      seq: 4,
      state: 'coordinatorSupport',
      status: 'open',
      assignee: coordinator.id,
    });
    expect(await cases.countActiveCases({ assignee: coordinator.id, pathId: 'workability-path' })).toBe(1);
  });

  it('returns a rejection typed and stores nothing', async () => {
    const store = createMemoryStore();
    const cases = openCaseStore(store, [workabilityPath]);
    await cases.record('case-2', contactReceived());
    const refused = await cases.record('case-2', doctorVisitBooked());
    expect(refused).toMatchObject({
      ok: false,
      failure: { code: 'EVENT_REJECTED', caseId: 'case-2', rejection: { code: 'NOT_ALLOWED_IN_STATE' } },
    });
    expect(await store.read('case-2')).toHaveLength(1);
  });

  it.each([
    ['a NUL', 'case\u00001'],
    ['a lone surrogate', 'x\uD800'],
    ['3 000 characters', 'c'.repeat(3000)],
  ])('refuses a case id with %s as an INVALID_EVENT naming caseId, never a throw, and stores nothing', async (_name, caseId) => {
    const store = createMemoryStore();
    const cases = openCaseStore(store, [workabilityPath]);
    const refused = await cases.record(caseId, contactReceived());
    expect(refused).toMatchObject({
      ok: false,
      failure: { code: 'EVENT_REJECTED', rejection: { code: 'INVALID_EVENT', issues: [{ path: ['caseId'] }] } },
    });
    expect(refused.ok || refused.failure.message.length < 200).toBe(true);
    expect(await store.read(caseId)).toEqual([]);
  });

  it('gives the slower of two writers on one case a CONCURRENCY_CONFLICT, and stores one event', async () => {
    const store = createMemoryStore();
    const cases = openCaseStore(store, [workabilityPath]);
    await cases.record('case-3', contactReceived());
    const [a, b] = await Promise.all([cases.record('case-3', assessmentBooked()), cases.record('case-3', assessmentBooked())]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((a.ok ? b : a).failure).toMatchObject({ code: 'CONCURRENCY_CONFLICT', caseId: 'case-3', expectedSeq: 1, actualSeq: 2 });
    expect(await store.read('case-3')).toHaveLength(2);
  });

  it('answers a retried input with a stored event id as already stored, also when two retries race', async () => {
    const store = createMemoryStore();
    const cases = openCaseStore(store, [workabilityPath]);
    const contact = { ...contactReceived(), eventId: 'request-1' };
    expect(await cases.record('case-4', contact)).toMatchObject({ ok: true, alreadyRecorded: false });
    expect(await cases.record('case-4', contact)).toMatchObject({
      ok: true,
      alreadyRecorded: true,
      event: { seq: 1, eventId: 'request-1' },
    });
    const booking = { ...assessmentBooked(), eventId: 'request-2' };
    const both = await Promise.all([cases.record('case-4', booking), cases.record('case-4', booking)]);
    expect(both.map((result) => result.ok && result.alreadyRecorded).sort()).toEqual([false, true]);
    expect((await store.read('case-4')).map((event) => event.eventId)).toEqual(['request-1', 'request-2']);
  });

  it('refuses the same event id with another payload with EVENT_ID_TAKEN, and stores nothing', async () => {
    const store = createMemoryStore();
    const cases = openCaseStore(store, [workabilityPath]);
    const contact = { ...contactReceived(), eventId: 'request-9' };
    await cases.record('case-4b', contact);
    const changed = { ...contact, payload: { ...contact.payload, workAbilityConcern: false } };
    const answer = await cases.record('case-4b', changed as never);
    expect(answer).toMatchObject({ ok: false, failure: { code: 'EVENT_ID_TAKEN', caseId: 'case-4b', seq: 1 } });
    expect(answer.failure?.message).not.toContain('request-9');
    expect(await store.read('case-4b')).toHaveLength(1);
  });

  it('needs the path of a new case when the catalogue holds several, and refuses a case on another path', async () => {
    const cases = openCaseStore(createMemoryStore(), [workabilityPath, reviewPath]);
    const submitted = { type: 'SUBMITTED', at: '2025-05-01T09:00:00Z', actor: author, payload: { priority: 'high' } } as const;
    await expect(cases.record('doc-1', submitted)).rejects.toThrow(/pass \{ pathId \}/);
    expect(await cases.record('doc-1', submitted, { pathId: 'review-path' })).toMatchObject({
      ok: true,
      case: { stateName: 'active.urgent' },
    });
    await expect(cases.record('doc-1', contactReceived(), { pathId: 'workability-path' })).rejects.toThrow(/is on path 'review-path'/);
  });

  it('says which case and seq do not replay, and which case is unknown', async () => {
    const store = createMemoryStore();
    const cases = openCaseStore(store, [workabilityPath]);
    const caseRef = openCase(workabilityPath, { caseId: 'case-5' });
    caseRef.record(contactReceived());
    const forged = { ...caseRef.history[0]!, seq: 2, type: 'HEALTH_CHECK_DONE', payload: { mode: 'clinic' } };
    await store.append('case-5', [caseRef.history[0]!, forged], { expectedSeq: 0 });
    expect(await cases.load('case-5')).toMatchObject({
      ok: false,
      failure: {
        code: 'CASE_UNREADABLE',
        caseId: 'case-5',
        seq: 2,
        reason: { code: 'EVENT_REJECTED', rejection: { code: 'NOT_ALLOWED_IN_STATE' } },
      },
    });
    expect(await cases.record('case-5', assessmentBooked())).toMatchObject({ ok: false, failure: { code: 'CASE_UNREADABLE' } });
    expect(await cases.load('nobody')).toMatchObject({ ok: false, failure: { code: 'UNKNOWN_CASE', caseId: 'nobody' } });
  });

  it('rebuilds every row from the events equal to the rows written live', async () => {
    const store = createMemoryStore();
    const cases = openCaseStore(store, [reviewPath, reviewPathV2]);
    const day = (n: number) => `2025-05-${String(n).padStart(2, '0')}T09:00:00Z`;
    for (let n = 1; n <= 12; n++) {
      const caseId = `doc-${String(n).padStart(2, '0')}`;
      await cases.record(caseId, { type: 'SUBMITTED', at: day(n), actor: author, payload: { priority: n % 2 ? 'high' : 'low' } });
      if (n % 3 === 0)
        await cases.record(caseId, {
          type: 'REVIEWED',
          at: day(n + 1),
          actor: { role: 'reviewer', id: `r-${n % 2}` },
          payload: { approved: true },
        });
      if (n % 4 === 0) await cases.record(caseId, { type: 'ESCALATED', at: day(n + 2), actor: reviewer, payload: { to: 'board' } });
    }
    const live = await cases.listCases({ limit: 1000 });
    expect(live).toHaveLength(12);
    await store.writeProjections(live.map((row: CaseSummary) => ({ caseId: row.caseId, seq: row.seq, projection: undefined })));
    expect(await cases.listCases()).toEqual([]);
    expect(await cases.rebuildProjections()).toEqual({ cases: 12, written: 12, unreadable: [] });
    expect(await cases.listCases({ limit: 1000 })).toEqual(live);
    // Review within a week of submission, unless reviewed: overdue on the 12th are those submitted before the 5th.
    expect((await cases.listCases({ dueBefore: day(12) })).map((row) => row.caseId)).toEqual(['doc-01', 'doc-02', 'doc-04']);
  });

  it('types an input by the paths of its catalogue', () => {
    const cases = openCaseStore(createMemoryStore(), [workabilityPath, reviewPath]);
    const record = (input: Parameters<typeof cases.record>[1]) => input;
    expectTypeOf(record).parameter(0).extract<{ type: 'SUBMITTED' }>().toHaveProperty('payload');
    // @ts-expect-error: no path of the catalogue has this event
    record({ type: 'NO_SUCH_EVENT', at: '2025-05-01T09:00:00Z', actor: author });
    // @ts-expect-error: SUBMITTED takes a priority
    record({ type: 'SUBMITTED', at: '2025-05-01T09:00:00Z', actor: author, payload: {} });
  });
});
