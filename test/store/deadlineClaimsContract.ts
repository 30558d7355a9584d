// What every store does with the deadlines its cases arm, passed unchanged by the memory, PGlite and
// PostgreSQL stores: a due deadline handed to one worker at a time, never before it is due, never
// once met, moved or settled; a lease that hands it out again; typed refusals of bad requests.
import { describe, expect, it } from 'vitest';
import { openCase, openCaseStore, type CaseProjection, type DeadlineClaim, type IndexedEventStore, type RecordedEvent } from 'kykypolku';
import { author, reviewPath, reviewer } from '../support/reviewPath.js';

/** A case of the review path with `count` events (submitted, then comments), for hand-made projections. */
function eventsOf(caseId: string, count: number, from = '2025-01-01T09:00:00Z'): readonly RecordedEvent[] {
  const caseRef = openCase(reviewPath, { caseId });
  const start = Date.parse(from);
  for (let n = 0; n < count; n++) {
    const at = new Date(start + n * 60_000).toISOString();
    const outcome =
      n === 0
        ? caseRef.record({ type: 'SUBMITTED', at, actor: author, payload: { priority: 'low' } })
        : caseRef.record({ type: 'COMMENTED', at, actor: author, payload: {} });
    if (!outcome.ok) throw new Error(outcome.rejection.message);
  }
  return caseRef.history;
}

const projection = (deadlines: CaseProjection['deadlines'], status: 'open' | 'closed' = 'open'): CaseProjection => ({
  state: 'active.review',
  status,
  assignee: undefined,
  nextDueAt: deadlines?.[0]?.dueAt,
  deadlines,
});

const worker = (workerId: string, now: string, limit = 100, lease = 60_000) => ({ now, limit, workerId, lease });

/** The claims' keys, to compare what was handed out. */
const keys = (claims: readonly DeadlineClaim[]) => claims.map((claim) => `${claim.caseId}/${claim.deadlineId}@${claim.dueAt}`);

async function claimed(store: IndexedEventStore, request: ReturnType<typeof worker>): Promise<readonly DeadlineClaim[]> {
  const result = await store.claimDueDeadlines(request);
  if (!result.ok) throw new Error(result.failure.message);
  return result.claims;
}

/** Requests no store may act on, each with the field INVALID_DEADLINE_REQUEST must name. */
const badRequests: [string, unknown, string][] = [
  ['now that is not an instant', { now: 'tomorrow', limit: 1, workerId: 'w', lease: 60_000 }, 'now'],
  ['now without an offset', { now: '2025-01-02T00:00:00', limit: 1, workerId: 'w', lease: 60_000 }, 'now'],
  ['now as a number', { now: 1_735_776_000_000, limit: 1, workerId: 'w', lease: 60_000 }, 'now'],
  ['a limit of 0', { now: '2025-01-02T00:00:00Z', limit: 0, workerId: 'w', lease: 60_000 }, 'limit'],
  ['a negative limit', { now: '2025-01-02T00:00:00Z', limit: -5, workerId: 'w', lease: 60_000 }, 'limit'],
  ['a limit past 10 000', { now: '2025-01-02T00:00:00Z', limit: 10_001, workerId: 'w', lease: 60_000 }, 'limit'],
  ['a fractional limit', { now: '2025-01-02T00:00:00Z', limit: 1.5, workerId: 'w', lease: 60_000 }, 'limit'],
  ['an empty workerId', { now: '2025-01-02T00:00:00Z', limit: 1, workerId: '', lease: 60_000 }, 'workerId'],
  ['a workerId with a NUL', { now: '2025-01-02T00:00:00Z', limit: 1, workerId: 'w\u0000', lease: 60_000 }, 'workerId'],
  ['a workerId of 201 characters', { now: '2025-01-02T00:00:00Z', limit: 1, workerId: 'w'.repeat(201), lease: 60_000 }, 'workerId'],
  ['a lease under a second', { now: '2025-01-02T00:00:00Z', limit: 1, workerId: 'w', lease: 999 }, 'lease'],
  ['a lease as a string', { now: '2025-01-02T00:00:00Z', limit: 1, workerId: 'w', lease: '60s' }, 'lease'],
  ['a misspelt field', { now: '2025-01-02T00:00:00Z', limit: 1, workerId: 'w', lease: 60_000, leese: 1 }, 'request'],
  ['a request that is not an object', 'now', 'request'],
];

export function describeDeadlineClaimsContract(name: string, createStore: () => Promise<IndexedEventStore>): void {
  describe(`${name} hands each due deadline to one worker`, () => {
    it('hands out a deadline once it is due, to one worker, and never again once completed', async () => {
      const store = await createStore();
      await store.append('c-1', eventsOf('c-1', 1), {
        expectedSeq: 0,
        projection: projection([{ id: 'd', dueAt: '2025-01-10T00:00:00Z' }]),
      });
      expect(await claimed(store, worker('w1', '2025-01-09T23:59:59.999Z'))).toEqual([]);
      const [claim, ...more] = await claimed(store, worker('w1', '2025-01-10T00:00:00Z'));
      expect(more).toEqual([]);
      expect(claim).toEqual({
        caseId: 'c-1',
        pathId: 'review-path',
        deadlineId: 'd',
        dueAt: '2025-01-10T00:00:00Z',
        workerId: 'w1',
        leaseUntil: '2025-01-10T00:01:00.000Z',
        attempt: 1,
      });
      expect(await claimed(store, worker('w2', '2025-01-10T00:00:30Z'))).toEqual([]);
      expect(await store.completeDeadline(claim!)).toEqual({ ok: true });
      expect(await claimed(store, worker('w2', '2025-02-01T00:00:00Z'))).toEqual([]);
      expect(await store.completeDeadline(claim!)).toMatchObject({ ok: false, failure: { code: 'CLAIM_NOT_HELD', reason: 'settled' } });
      // A later append that keeps the same deadline at the same instant leaves it settled.
      await store.append('c-1', eventsOf('c-1', 2).slice(1), {
        expectedSeq: 1,
        projection: projection([{ id: 'd', dueAt: '2025-01-10T00:00:00.000+00:00' }]),
      });
      expect(await claimed(store, worker('w2', '2025-02-01T00:00:00Z'))).toEqual([]);
    });

    it('hands a claim out again once its lease ran out, and the first worker can no longer settle it', async () => {
      const store = await createStore();
      await store.append('c-1', eventsOf('c-1', 1), {
        expectedSeq: 0,
        projection: projection([{ id: 'd', dueAt: '2025-01-10T00:00:00Z' }]),
      });
      const [first] = await claimed(store, worker('w1', '2025-01-10T00:00:00Z'));
      expect(await claimed(store, worker('w2', '2025-01-10T00:00:59.999Z'))).toEqual([]);
      const [second] = await claimed(store, worker('w2', '2025-01-10T00:01:00Z'));
      expect(second).toMatchObject({ workerId: 'w2', attempt: 2 });
      expect(await store.completeDeadline(first!)).toMatchObject({
        ok: false,
        failure: { code: 'CLAIM_NOT_HELD', reason: 'claimedAgain' },
      });
      expect(await store.releaseDeadline(first!)).toMatchObject({ ok: false, failure: { code: 'CLAIM_NOT_HELD', reason: 'claimedAgain' } });
      expect(await store.completeDeadline(second!)).toEqual({ ok: true });
    });

    it('hands a released claim out at the next claim', async () => {
      const store = await createStore();
      await store.append('c-1', eventsOf('c-1', 1), {
        expectedSeq: 0,
        projection: projection([{ id: 'd', dueAt: '2025-01-10T00:00:00Z' }]),
      });
      const [first] = await claimed(store, worker('w1', '2025-01-10T00:00:00Z'));
      expect(await store.releaseDeadline(first!)).toEqual({ ok: true });
      expect(await claimed(store, worker('w2', '2025-01-10T00:00:01Z'))).toMatchObject([{ workerId: 'w2', attempt: 2 }]);
    });

    it('never hands out a deadline met or made moot before it was claimed, and re-arms one that moved', async () => {
      const store = await createStore();
      const events = eventsOf('c-1', 3);
      await store.append('c-1', events.slice(0, 1), {
        expectedSeq: 0,
        projection: projection([
          { id: 'met', dueAt: '2025-01-10T00:00:00Z' },
          { id: 'moved', dueAt: '2025-01-10T00:00:00Z' },
        ]),
      });
      await store.append('c-1', events.slice(1, 2), {
        expectedSeq: 1,
        projection: projection([{ id: 'moved', dueAt: '2025-01-20T00:00:00Z' }]),
      });
      expect(await claimed(store, worker('w1', '2025-01-15T00:00:00Z'))).toEqual([]);
      const [claim] = await claimed(store, worker('w1', '2025-01-20T00:00:00Z'));
      expect(claim).toMatchObject({ deadlineId: 'moved', dueAt: '2025-01-20T00:00:00Z' });
      // Met while claimed: the claim can no longer be settled, and nothing is handed out again.
      await store.append('c-1', events.slice(2, 3), { expectedSeq: 2, projection: projection([], 'closed') });
      expect(await store.completeDeadline(claim!)).toMatchObject({ ok: false, failure: { code: 'CLAIM_NOT_HELD', reason: 'moot' } });
      expect(await claimed(store, worker('w1', '2026-01-01T00:00:00Z'))).toEqual([]);
    });

    it('arms nothing for a case appended without a projection until its projection is written again, settled ones kept', async () => {
      const store = await createStore();
      const events = eventsOf('c-1', 2);
      const armed = [
        { id: 'a', dueAt: '2025-01-10T00:00:00Z' },
        { id: 'b', dueAt: '2025-01-11T00:00:00Z' },
      ];
      await store.append('c-1', events.slice(0, 1), { expectedSeq: 0, projection: projection(armed) });
      const [a] = await claimed(store, worker('w1', '2025-01-10T00:00:00Z'));
      await store.completeDeadline(a!);
      await store.append('c-1', events.slice(1), { expectedSeq: 1 });
      expect(await claimed(store, worker('w1', '2025-02-01T00:00:00Z'))).toEqual([]);
      expect(await store.writeProjections([{ caseId: 'c-1', seq: 2, projection: projection(armed) }])).toBe(1);
      expect(keys(await claimed(store, worker('w1', '2025-02-01T00:00:00Z')))).toEqual(['c-1/b@2025-01-11T00:00:00Z']);
    });

    it('through openCaseStore: the review deadline falls due a week after submission, and a review meets it', async () => {
      const store = await createStore();
      const cases = openCaseStore(store, [reviewPath]);
      for (const caseId of ['r-1', 'r-2'])
        await cases.record(caseId, { type: 'SUBMITTED', at: '2025-03-03T09:00:00Z', actor: author, payload: { priority: 'low' } });
      await cases.record('r-2', { type: 'REVIEWED', at: '2025-03-05T09:00:00Z', actor: reviewer, payload: { approved: true } });
      expect(await store.casesToArm(10)).toEqual([]);
      expect(keys(await claimed(store, worker('w1', '2025-03-10T09:00:00Z')))).toEqual([
        'r-1/review-within-a-week@2025-03-10T09:00:00.000Z',
      ]);
    });

    it('hands out past one claim batch, soonest first, each deadline once', async () => {
      const store = await createStore();
      // 120 cases arming 100 deadlines each: 12 000, past the largest batch one claim hands out.
      const expected: string[] = [];
      for (let n = 0; n < 120; n++) {
        const caseId = `bulk-${String(n).padStart(3, '0')}`;
        const armed = Array.from({ length: 100 }, (_, d) => ({
          id: `d-${String(d).padStart(2, '0')}`,
          dueAt: new Date(Date.UTC(2025, 0, 1) + d * 1000).toISOString(),
        }));
        await store.append(caseId, eventsOf(caseId, 1), { expectedSeq: 0, projection: projection(armed) });
        expected.push(...armed.map((deadline) => `${caseId}/${deadline.id}@${deadline.dueAt}`));
      }
      const order = (key: string) => key.split('@')[1]! + key;
      expected.sort((a, b) => (order(a) < order(b) ? -1 : 1));
      const first = await claimed(store, worker('w1', '2025-02-01T00:00:00Z', 10_000));
      const second = await claimed(store, worker('w2', '2025-02-01T00:00:00Z', 10_000));
      expect(first).toHaveLength(10_000);
      expect([...keys(first), ...keys(second)]).toEqual(expected);
    });

    it.each(badRequests)('refuses %s, naming the field, and claims nothing', async (_, request, field) => {
      const store = await createStore();
      await store.append('c-1', eventsOf('c-1', 1), {
        expectedSeq: 0,
        projection: projection([{ id: 'd', dueAt: '2025-01-01T00:00:00Z' }]),
      });
      const result = await store.claimDueDeadlines(request as never);
      expect(result).toMatchObject({ ok: false, failure: { code: 'INVALID_DEADLINE_REQUEST', field } });
      expect(result.failure!.message).not.toContain('w'.repeat(40));
      expect(await claimed(store, worker('w', '2025-01-02T00:00:00Z'))).toHaveLength(1);
    });

    it('refuses a claim that is not one, naming the field', async () => {
      const store = await createStore();
      for (const claim of [undefined, {}, { caseId: 'c-1', deadlineId: 'd', dueAt: 'soon', workerId: 'w', attempt: 1 }])
        expect(await store.completeDeadline(claim as never)).toMatchObject({
          ok: false,
          failure: { code: 'INVALID_DEADLINE_REQUEST', field: 'claim' },
        });
      const unknown = {
        caseId: 'c-9',
        pathId: 'p',
        deadlineId: 'd',
        dueAt: '2025-01-01T00:00:00Z',
        workerId: 'w',
        leaseUntil: '2025-01-01T00:01:00Z',
        attempt: 1,
      };
      expect(await store.releaseDeadline(unknown)).toMatchObject({ ok: false, failure: { code: 'CLAIM_NOT_HELD', reason: 'moot' } });
    });

    it('refuses a projection that arms a deadline without an instant, and writes nothing', async () => {
      const store = await createStore();
      const result = await store.append('c-1', eventsOf('c-1', 1), {
        expectedSeq: 0,
        projection: projection([{ id: 'd', dueAt: 'next week' }]),
      });
      expect(result).toMatchObject({ ok: false, failure: { code: 'INVALID_APPEND' } });
      expect(await store.read('c-1')).toEqual([]);
    });
  });
}
