// What every store offers beyond the EventStore port, passed unchanged by the memory, PGlite and
// PostgreSQL stores: idempotent appends by host event id, and the case index (current-state rows
// written with the events, listCases, caseloads, the scans that rebuild them).
import { describe, expect, it } from 'vitest';
import { EventStoreError, openCase, type CaseProjection, type IndexedEventStore, type RecordedEvent } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { reach, type WorkabilityInput } from '../support/workabilityInputs.js';
import { appendInterleaved, logDifference, pastOnePage } from '../support/longCases.js';
import { describeNewCasesContract } from './newCasesContract.js';

function historyOf(
  caseId: string,
  inputs: readonly WorkabilityInput[] = reach.doctorAssessment(),
  idPrefix?: string,
): readonly RecordedEvent[] {
  const caseRef = openCase(workabilityPath, { caseId });
  inputs.forEach((input, index) => {
    const outcome = caseRef.record(idPrefix === undefined ? input : { ...input, eventId: `${idPrefix}-${index + 1}` });
    if (!outcome.ok) throw new Error(outcome.rejection.message);
  });
  return caseRef.history;
}

/** What a call rejected with, as data: a typed store failure, or the name of anything else thrown. */
async function refusalOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return 'resolved';
  } catch (error) {
    return error instanceof EventStoreError ? error.failure : `${(error as Error)?.name}: ${(error as Error)?.message}`;
  }
}

const throwingGetter = Object.defineProperty({}, 'pathId', {
  enumerable: true,
  get: () => {
    throw new Error('boom');
  },
});
const revoked = Proxy.revocable({}, {});
revoked.revoke();

/** listCases queries no store can answer, each with the field INVALID_QUERY must name. */
const badCaseQueries: [string, unknown, string][] = [
  ['dueBefore that is not a date', { dueBefore: 'not a date' }, 'dueBefore'],
  ['dueBefore on a day the calendar lacks', { dueBefore: '2025-02-30T00:00:00Z' }, 'dueBefore'],
  ['dueBefore in year 0000', { dueBefore: '0000-06-01T00:00:00Z' }, 'dueBefore'],
  ['dueBefore past the years of the value domain', { dueBefore: '9999-12-31T23:59:59Z' }, 'dueBefore'],
  ['dueBefore as a date without a time', { dueBefore: '2025-03-20' }, 'dueBefore'],
  ['dueBefore without an offset', { dueBefore: '2025-03-20T00:00:00' }, 'dueBefore'],
  ['dueBefore as a number', { dueBefore: 1_742_428_800_000 }, 'dueBefore'],
  ['a status that is not open or closed', { status: 'pending' }, 'status'],
  ['a limit of 0', { limit: 0 }, 'limit'],
  ['a fractional limit', { limit: 1.5 }, 'limit'],
  ['a limit as a string', { limit: '10' }, 'limit'],
  ['a limit past 10 000', { limit: 10_001 }, 'limit'],
  ['a pathId with a NUL', { pathId: 'workability\u0000path' }, 'pathId'],
  ['an assignee with a lone surrogate', { assignee: 'coach\uD800' }, 'assignee'],
  ['a state that is not a string', { state: 42 }, 'state'],
  ['a misspelt field', { dueBfore: '2025-03-20T00:00:00Z' }, 'query'],
  ['a query that is not an object', 'open', 'query'],
  ['a throwing getter', throwingGetter, 'query'],
  ['a revoked Proxy', revoked.proxy, 'query'],
];

const row = (state: string, overrides: Partial<CaseProjection> = {}): CaseProjection => ({
  state,
  status: 'open',
  assignee: undefined,
  nextDueAt: undefined,
  ...overrides,
});

export function describeIndexedStoreContract(name: string, createStore: () => Promise<IndexedEventStore>): void {
  describe(`${name} keeps the case index and idempotency contract`, () => {
    it('reads events back with the host event id they carry', async () => {
      const store = await createStore();
      const history = historyOf('ids-a', reach.healthCheck(), 'req');
      await store.append('ids-a', history, { expectedSeq: 0 });
      expect((await store.read('ids-a')).map((event) => event.eventId)).toEqual(['req-1', 'req-2', 'req-3']);
      expect(await store.read('ids-a')).toEqual(history);
    });

    it('answers a retried append of stored events as already stored, and never writes them twice', async () => {
      const store = await createStore();
      const history = historyOf('ids-b', reach.doctorAssessment(), 'req');
      expect(await store.append('ids-b', history.slice(0, 2), { expectedSeq: 0 })).toEqual({ ok: true, seq: 2, alreadyRecorded: false });
      // The host never saw the answer and sends the same batch again, even after the case moved on.
      expect(await store.append('ids-b', history.slice(0, 2), { expectedSeq: 0 })).toEqual({ ok: true, seq: 2, alreadyRecorded: true });
      await store.append('ids-b', history.slice(2, 3), { expectedSeq: 2 });
      expect(await store.append('ids-b', history.slice(2, 3), { expectedSeq: 2 })).toEqual({ ok: true, seq: 3, alreadyRecorded: true });
      expect(await store.read('ids-b')).toEqual(history.slice(0, 3));
    });

    it('refuses an event id the case already holds for another event with EVENT_ID_TAKEN', async () => {
      const store = await createStore();
      const history = historyOf('ids-c', reach.healthCheck(), 'req');
      await store.append('ids-c', history.slice(0, 1), { expectedSeq: 0 });
      const reused = { ...history[1]!, eventId: 'req-1' };
      expect(await store.append('ids-c', [reused], { expectedSeq: 1 })).toMatchObject({
        ok: false,
        failure: { code: 'EVENT_ID_TAKEN', index: 0, seq: 1 },
      });
      expect(await store.read('ids-c')).toEqual(history.slice(0, 1));
    });

    it('refuses a retry whose payload differs from the stored event with EVENT_ID_TAKEN, never as already stored', async () => {
      const store = await createStore();
      const history = historyOf('ids-c2', reach.healthCheck(), 'req');
      await store.append('ids-c2', history.slice(0, 2), { expectedSeq: 0 });
      const first = history[0]!;
      const forged = { ...first, payload: { ...first.payload, workAbilityConcern: !first.payload.workAbilityConcern } };
      // At the case's seq: the id is taken by another event. A stale writer: a conflict. Never "already stored".
      const atHead = await store.append('ids-c2', [{ ...forged, seq: 3 }], { expectedSeq: 2 });
      expect(atHead).toMatchObject({ ok: false, failure: { code: 'EVENT_ID_TAKEN', index: 0, seq: 1 } });
      expect(atHead.ok === false && atHead.failure.message).not.toContain('req-1');
      expect(await store.append('ids-c2', [forged], { expectedSeq: 0 })).toMatchObject({ ok: false });
      // The same batch with one event changed is refused whole, not answered as stored.
      const batch = [history[0]!, { ...history[1]!, at: '2030-01-01T00:00:00Z' }];
      expect(await store.append('ids-c2', batch, { expectedSeq: 0 })).toMatchObject({ ok: false });
      expect(await store.read('ids-c2')).toEqual(history.slice(0, 2));
    });

    it('still gives a stale writer without event ids a conflict, and scopes event ids to their case', async () => {
      const store = await createStore();
      const plain = historyOf('ids-d', reach.healthCheck());
      await store.append('ids-d', plain.slice(0, 1), { expectedSeq: 0 });
      expect(await store.append('ids-d', plain.slice(0, 1), { expectedSeq: 0 })).toMatchObject({
        ok: false,
        failure: { code: 'CONCURRENCY_CONFLICT', actualSeq: 1 },
      });
      await store.append('ids-e', historyOf('ids-e', reach.contacted(), 'req'), { expectedSeq: 0 });
      expect(await store.append('ids-f', historyOf('ids-f', reach.contacted(), 'req'), { expectedSeq: 0 })).toEqual({
        ok: true,
        seq: 1,
        alreadyRecorded: false,
      });
    });

    it('appends one event, ten, and more than a thousand in one batch each, whole', async () => {
      const store = await createStore();
      const [first] = historyOf('big-a', reach.contacted());
      const batch = (from: number, count: number) =>
        Array.from({ length: count }, (_, index) => ({
          ...first!,
          caseId: 'big-a',
          seq: from + index + 1,
          eventId: `big-${from + index + 1}`,
        }));
      expect(await store.append('big-a', batch(0, 1), { expectedSeq: 0 })).toEqual({ ok: true, seq: 1, alreadyRecorded: false });
      expect(await store.append('big-a', batch(1, 10), { expectedSeq: 1 })).toEqual({ ok: true, seq: 11, alreadyRecorded: false });
      expect(await store.append('big-a', batch(11, 1200), { expectedSeq: 11 })).toEqual({ ok: true, seq: 1211, alreadyRecorded: false });
      expect(await store.append('big-a', batch(11, 1200), { expectedSeq: 11 })).toEqual({ ok: true, seq: 1211, alreadyRecorded: true });
      const log = await store.read('big-a');
      expect(log).toHaveLength(1211);
      expect(log[1210]).toEqual(batch(11, 1200)[1199]);
    });

    it('keeps the projection given with an append and lists the matching cases in deadline order', async () => {
      const store = await createStore();
      const a = historyOf('list-a', reach.contacted());
      const b = historyOf('list-b', reach.healthCheck());
      const c = historyOf('list-c', reach.closed());
      await store.append('list-a', a, {
        expectedSeq: 0,
        projection: row('contacted', { assignee: 'coach-1', nextDueAt: '2025-04-03T08:01:00.000Z' }),
      });
      await store.append('list-b', b, {
        expectedSeq: 0,
        projection: row('healthCheck', { assignee: 'coach-1', nextDueAt: '2025-03-10T08:00:00+02:00' }),
      });
      await store.append('list-c', c, { expectedSeq: 0, projection: row('closed', { status: 'closed', assignee: 'coach-1' }) });

      const all = await store.listCases();
      expect(all.map((summary) => summary.caseId)).toEqual(['list-b', 'list-a', 'list-c']);
      expect(all[0]).toEqual({
        caseId: 'list-b',
        pathId: 'workability-path',
        pathVersion: workabilityPath.version,
        seq: 3,
        lastEventAt: b[2]!.at,
        state: 'healthCheck',
        status: 'open',
        assignee: 'coach-1',
        nextDueAt: '2025-03-10T08:00:00+02:00',
      });
      expect((await store.listCases({ dueBefore: '2025-03-20T00:00:00Z' })).map((s) => s.caseId)).toEqual(['list-b']);
      expect((await store.listCases({ state: 'contacted', pathId: 'workability-path' })).map((s) => s.caseId)).toEqual(['list-a']);
      expect((await store.listCases({ status: 'closed' })).map((s) => s.caseId)).toEqual(['list-c']);
      expect((await store.listCases({ pathId: 'another-path' })).map((s) => s.caseId)).toEqual([]);
      expect((await store.listCases({ assignee: 'coach-1', limit: 2 })).map((s) => s.caseId)).toEqual(['list-b', 'list-a']);
      expect(await store.countActiveCases({ assignee: 'coach-1' })).toBe(2);
      expect(await store.countActiveCases({ assignee: 'coach-1', pathId: 'another-path' })).toBe(0);
      expect(await store.countActiveCases({ assignee: 'coach-2' })).toBe(0);
      await expect(store.listCases({ limit: 0 })).rejects.toMatchObject({ failure: { code: 'INVALID_QUERY', field: 'limit' } });
    });

    it('moves the row with each append, and marks it unprojected after an append without one', async () => {
      const store = await createStore();
      const history = historyOf('list-d', reach.healthCheck());
      await store.append('list-d', history.slice(0, 1), { expectedSeq: 0, projection: row('contacted', { assignee: 'coach-3' }) });
      await store.append('list-d', history.slice(1, 2), { expectedSeq: 1, projection: row('initialAssessment', { assignee: 'coach-3' }) });
      expect(await store.listCases({ assignee: 'coach-3' })).toMatchObject([{ caseId: 'list-d', seq: 2, state: 'initialAssessment' }]);
      // A conflicting append changes nothing, its projection included.
      await store.append('list-d', history.slice(1, 2), { expectedSeq: 0, projection: row('wrong', { assignee: 'coach-3' }) });
      expect(await store.listCases({ assignee: 'coach-3' })).toMatchObject([{ state: 'initialAssessment' }]);
      await store.append('list-d', history.slice(2, 3), { expectedSeq: 2 });
      expect(await store.listCases({ assignee: 'coach-3' })).toEqual([]);
      expect(await store.countActiveCases({ assignee: 'coach-3' })).toBe(0);
    });

    it('reads every case case by case, and writes rebuilt rows only where the log has not moved on', async () => {
      const store = await createStore();
      const b = historyOf('scan-b', reach.healthCheck());
      const a = historyOf('scan-a', reach.contacted());
      await store.append('scan-b', b, { expectedSeq: 0 });
      await store.append('scan-a', a, { expectedSeq: 0 });
      const cases: (readonly RecordedEvent[])[] = [];
      for await (const events of store.readCases()) if (events[0]!.caseId.startsWith('scan-')) cases.push(events);
      expect(cases).toEqual([a, b]);

      expect(
        await store.writeProjections([
          { caseId: 'scan-a', seq: 1, projection: row('contacted') },
          { caseId: 'scan-b', seq: 2, projection: row('stale') },
          { caseId: 'scan-none', seq: 1, projection: row('contacted') },
        ]),
      ).toBe(1);
      expect((await store.listCases()).filter((s) => s.caseId.startsWith('scan-')).map((s) => [s.caseId, s.state])).toEqual([
        ['scan-a', 'contacted'],
      ]);
    });

    it('reads every case whole, once, in case id order, past the read page (7 000 events, one case of 2 500)', async () => {
      const store = await createStore();
      const plans = pastOnePage('cases');
      await appendInterleaved(store, plans);
      const cases: (readonly RecordedEvent[])[] = [];
      for await (const events of store.readCases()) if (events[0]!.caseId.startsWith('cases-')) cases.push(events);
      const expected = plans.map((plan) => plan.history).sort((a, b) => (a[0]!.caseId < b[0]!.caseId ? -1 : 1));
      expect(cases.map((events) => events[0]!.caseId)).toEqual(expected.map((events) => events[0]!.caseId));
      expect(logDifference(cases.flat(), expected.flat())).toEqual({ events: 7000, repeated: 0, firstDifference: -1 });
      expect(cases).toEqual(expected);
    });

    it.each(badCaseQueries)(
      'refuses listCases with %s as INVALID_QUERY, before any SQL, naming the field and not the value',
      async (_name, query, field) => {
        const store = await createStore();
        const failure = await refusalOf(() => store.listCases(query as never));
        expect(failure).toMatchObject({ code: 'INVALID_QUERY', field });
        expect((failure as { message: string }).message).not.toMatch(/not a date|pending|dueBfore|2025-02-30|coach|workability/);
      },
    );

    it('refuses a caseload query without an assignee, or with a string no store can compare, as INVALID_QUERY', async () => {
      const store = await createStore();
      expect(await refusalOf(() => store.countActiveCases({} as never))).toMatchObject({ code: 'INVALID_QUERY', field: 'assignee' });
      expect(await refusalOf(() => store.countActiveCases({ assignee: 'coach\u0000' }))).toMatchObject({
        code: 'INVALID_QUERY',
        field: 'assignee',
      });
      expect(await refusalOf(() => store.countActiveCases({ assignee: 'coach-1', pathId: 7 } as never))).toMatchObject({
        code: 'INVALID_QUERY',
        field: 'pathId',
      });
    });

    it('compares dueBefore to the millisecond with any offset, the same on every store', async () => {
      const store = await createStore();
      const a = historyOf('due-a', reach.contacted());
      // 06:00:00.000Z, given with an offset.
      await store.append('due-a', a, { expectedSeq: 0, projection: row('contacted', { nextDueAt: '2025-03-10T08:00:00+02:00' }) });
      const listed = async (dueBefore: string) => (await store.listCases({ dueBefore })).filter((s) => s.caseId === 'due-a').length;
      expect(await listed('2025-03-10T06:00:00.001Z')).toBe(1);
      expect(await listed('2025-03-10T07:00:00.001+01:00')).toBe(1);
      expect(await listed('2025-03-10T06:00:00Z')).toBe(0);
      // Below a millisecond every store sees the same instant: Date.parse keeps milliseconds.
      expect(await listed('2025-03-10T06:00:00.0009Z')).toBe(0);
      expect(await listed('8999-12-31T23:59:59Z')).toBe(1);
    });

    it('orders case ids by code point, as PostgreSQL\'s "C" collation orders their UTF-8 bytes', async () => {
      const store = await createStore();
      // UTF-16 code units put the emoji (a surrogate pair, 0xD83E…) before U+FFFD; bytes and code points after it.
      const ids = ['ord-z', 'ord-\u00E4', 'ord-\uFFFD', 'ord-\u{1F9ED}'];
      for (const caseId of [...ids].reverse()) {
        await store.append(caseId, historyOf(caseId, reach.contacted()), {
          expectedSeq: 0,
          projection: row('contacted', { assignee: 'coach-ord' }),
        });
      }
      const scanned: string[] = [];
      for await (const events of store.readCases()) if (events[0]!.caseId.startsWith('ord-')) scanned.push(events[0]!.caseId);
      expect(scanned).toEqual(ids);
      expect((await store.listCases({ assignee: 'coach-ord' })).map((summary) => summary.caseId)).toEqual(ids);
    });
  });
  describeNewCasesContract(name, createStore);
}
