// What a store opened for an organisation sees and writes, passed unchanged by the memory, PGlite
// and PostgreSQL stores: only its organisation's cases, in every read, count, scan, append and
// deadline claim; an unscoped (administrator's) store sees every case, and a case keeps the
// organisation of its first append. On a server, test/store/rowLevelSecurity.int.test.ts proves
// the same holds against SQL that bypasses the library.
import { describe, expect, it } from 'vitest';
import { openCaseStore, type IndexedEventStore, type RecordedEvent } from 'kykypolku';
import { longCase } from '../support/longCases.js';
import { author, reviewPath } from '../support/reviewPath.js';

/** One store's data, opened unscoped and for any organisation. */
export interface OrganisationStores {
  readonly unscoped: IndexedEventStore;
  forOrganisation(organisation: string): Promise<IndexedEventStore>;
}

const submitted = (day: number) => ({
  type: 'SUBMITTED' as const,
  at: `2025-03-${String(day).padStart(2, '0')}T09:00:00Z`,
  actor: author,
  payload: { priority: 'low' as const },
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const caseIdsOf = (events: readonly RecordedEvent[]) => [...new Set(events.map((event) => event.caseId))].sort();

export function describeOrganisationContract(name: string, open: () => Promise<OrganisationStores>): void {
  describe(`${name} keeps each organisation's cases to it`, () => {
    it('shows a store for one organisation none of another one’s cases: read, list, count, scans, claims', async () => {
      const stores = await open();
      const a = await stores.forOrganisation('county-a');
      const b = await stores.forOrganisation('county-b');
      await openCaseStore(a, [reviewPath]).record('a-1', submitted(1));
      await openCaseStore(a, [reviewPath]).record('a-2', submitted(2));
      await openCaseStore(b, [reviewPath]).record('b-1', submitted(1));

      expect((await a.read('a-1')).length).toBe(1);
      expect(await b.read('a-1')).toEqual([]);
      expect((await a.listCases()).map((summary) => summary.caseId)).toEqual(['a-1', 'a-2']);
      expect((await b.listCases()).map((summary) => summary.caseId)).toEqual(['b-1']);
      expect(await a.countActiveCases({ assignee: author.id })).toBe(0);
      expect(caseIdsOf(await collect(b.readAll()))).toEqual(['b-1']);
      expect((await collect(b.readCases())).map((events) => events[0]!.caseId)).toEqual(['b-1']);
      expect(caseIdsOf(await collect(stores.unscoped.readAll()))).toEqual(['a-1', 'a-2', 'b-1']);
      expect((await stores.unscoped.listCases()).map((summary) => summary.caseId).sort()).toEqual(['a-1', 'a-2', 'b-1']);

      // The review is due a week after the submission: B's worker is handed B's deadline only.
      const request = { now: '2025-04-01T00:00:00Z', limit: 100, workerId: 'worker-b', lease: 60_000 };
      const claimedByB = await b.claimDueDeadlines(request);
      expect(claimedByB.ok && claimedByB.claims.map((claim) => claim.caseId)).toEqual(['b-1']);
      const claimedByA = await a.claimDueDeadlines({ ...request, workerId: 'worker-a' });
      expect(claimedByA.ok && claimedByA.claims.map((claim) => claim.caseId)).toEqual(['a-1', 'a-2']);
      // A's claim handed to B's store settles nothing there, and stays A's to complete.
      const claimOfA = claimedByA.ok ? claimedByA.claims[0]! : undefined;
      expect(await b.completeDeadline(claimOfA!)).toMatchObject({ ok: false, failure: { code: 'CLAIM_NOT_HELD' } });
      expect(await a.completeDeadline(claimOfA!)).toEqual({ ok: true });
    });

    it('refuses an append to another organisation’s case with ACCESS_DENIED and writes nothing', async () => {
      const stores = await open();
      const a = await stores.forOrganisation('county-a');
      const b = await stores.forOrganisation('county-b');
      const history = longCase('a-shared', 8);
      expect(await a.append('a-shared', history.slice(0, 5), { expectedSeq: 0 })).toMatchObject({ ok: true, seq: 5 });
      // As a new case (expected seq 0), and as a retry of A's very events: refused, not "already recorded".
      expect(await b.append('a-shared', history.slice(0, 5), { expectedSeq: 0 })).toMatchObject({
        ok: false,
        failure: { code: 'ACCESS_DENIED', caseId: 'a-shared' },
      });
      // Past its last seq: B's store sees no such case at all.
      expect(await b.append('a-shared', history.slice(5), { expectedSeq: 5 })).toMatchObject({
        ok: false,
        failure: { code: 'CONCURRENCY_CONFLICT', actualSeq: 0 },
      });
      expect(await a.read('a-shared')).toEqual(history.slice(0, 5));
      expect(await b.read('a-shared')).toEqual([]);
      // Through openCaseStore: B's record finds no case, begins one, and is refused, as the append is.
      const recordedByB = await openCaseStore(b, [reviewPath]).record('a-shared', submitted(3));
      expect(recordedByB).toMatchObject({ ok: false, failure: { code: 'ACCESS_DENIED', caseId: 'a-shared' } });
      expect(recordedByB.failure?.message).not.toMatch(/county/);
      expect(await a.read('a-shared')).toEqual(history.slice(0, 5));
    });

    it('lets an unscoped store append to an organisation’s case, which stays that organisation’s', async () => {
      const stores = await open();
      const a = await stores.forOrganisation('county-a');
      const history = longCase('a-admin', 8);
      await a.append('a-admin', history.slice(0, 5), { expectedSeq: 0 });
      expect(await stores.unscoped.append('a-admin', history.slice(5), { expectedSeq: 5 })).toMatchObject({ ok: true, seq: 8 });
      expect(await a.read('a-admin')).toEqual(history);
      // A case an unscoped store began belongs to no organisation: no organisation's store sees it.
      await stores.unscoped.append('unassigned-1', longCase('unassigned-1', 5), { expectedSeq: 0 });
      expect(await a.read('unassigned-1')).toEqual([]);
      expect(await a.append('unassigned-1', longCase('unassigned-1', 5), { expectedSeq: 0 })).toMatchObject({
        ok: false,
        failure: { code: 'ACCESS_DENIED' },
      });
    });

    it('scans past one page (5 000 rows) of each organisation, interleaved, and yields exactly its own', async () => {
      const stores = await open();
      const a = await stores.forOrganisation('county-a');
      const b = await stores.forOrganisation('county-b');
      const ofA = [longCase('big-a-1', 2600), longCase('big-a-2', 2600)];
      const ofB = [longCase('big-b-1', 2600), longCase('big-b-2', 2600)];
      // Batches of 1 000 taking turns, so each organisation's rows are spread over every page.
      for (let from = 0; from < 2600; from += 1000) {
        for (const [store, histories] of [
          [a, ofA],
          [b, ofB],
        ] as const) {
          for (const history of histories) {
            const saved = await store.append(history[0]!.caseId, history.slice(from, from + 1000), { expectedSeq: from });
            expect(saved.ok).toBe(true);
          }
        }
      }
      const scannedByA = await collect(a.readAll());
      expect(scannedByA).toHaveLength(5200);
      expect(caseIdsOf(scannedByA)).toEqual(['big-a-1', 'big-a-2']);
      expect((await collect(b.readCases())).map((events) => [events[0]!.caseId, events.length])).toEqual([
        ['big-b-1', 2600],
        ['big-b-2', 2600],
      ]);
      expect(await collect(stores.unscoped.readAll())).toHaveLength(10_400);
    });
  });
}
