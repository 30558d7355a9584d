// Retention where organisations share a store, passed unchanged by the memory, PGlite and
// PostgreSQL stores (issue 16 items 3 and 4): the administrator's purge leaves each receipt with the
// purged case's organisation, a store opened for an organisation lists and verifies only its own
// receipts, plans over its own cases but purges nothing (PURGE_NOT_PERMITTED), and the access log
// has its own retention, the administrator's too, which keeps a purged case's rows until their period ends.
import { describe, expect, it } from 'vitest';
import { openCaseStore, type IndexedEventStore, type UnreadableCase } from 'kykypolku';
import { accessLogCutoff } from '../../src/retention/accessLogRetention.js';
import type { OrganisationStores } from './organisationContract.js';
import { retentionCatalogue, reviewHistory, rules, storeCase } from '../support/retentionCases.js';

const now = '2030-01-01T00:00:00Z';
/** Expired at `now` (closed 2016), kept (closed 2025), and open: for each of two organisations. */
const layout = [
  { suffix: 'old', closedAt: '2016-05-01T09:00:00.000Z' },
  { suffix: 'old-2', closedAt: '2017-11-30T09:00:00.000Z' },
  { suffix: 'new', closedAt: '2025-05-01T09:00:00.000Z' },
  { suffix: 'open', closedAt: undefined },
] as const;

async function storeOrganisationCases(stores: OrganisationStores): Promise<Record<'a' | 'b', IndexedEventStore>> {
  const a = await stores.forOrganisation('county-a');
  const b = await stores.forOrganisation('county-b');
  for (const [prefix, store] of [
    ['a', a],
    ['b', b],
  ] as const)
    for (const { suffix, closedAt } of layout) await storeCase(store, reviewHistory(`${prefix}-${suffix}`, 'A', closedAt));
  return { a, b };
}

async function scanProblems(store: IndexedEventStore): Promise<UnreadableCase[]> {
  const problems: UnreadableCase[] = [];
  for await (const events of store.readCases({ onUnreadable: (problem) => problems.push(problem) })) void events;
  for await (const event of store.readAll({ onUnreadable: (problem) => problems.push(problem) })) void event;
  return problems;
}

const reader = (at: string) => ({ actor: { role: 'nurse', id: 'n-17' }, purpose: 'client-service', at });

export function describeOrganisationRetentionContract(name: string, open: () => Promise<OrganisationStores>): void {
  describe(`${name}: retention across organisations`, () => {
    it("keeps each receipt with its case's organisation: an organisation's store lists and verifies only its own", async () => {
      const stores = await open();
      const { a, b } = await storeOrganisationCases(stores);
      const report = await openCaseStore(stores.unscoped, retentionCatalogue).purgeExpired({ now, rules });
      if (!report.ok) throw new Error(report.failure.message);
      expect(report.purged.map((receipt) => [receipt.caseId, receipt.organisation])).toEqual([
        ['a-old', 'county-a'],
        ['a-old-2', 'county-a'],
        ['b-old', 'county-b'],
        ['b-old-2', 'county-b'],
      ]);
      const page = { afterCaseId: '', limit: 100 };
      expect(await stores.unscoped.erasureReceipts(page)).toEqual(report.purged);
      expect(await a.erasureReceipts(page)).toEqual(report.purged.slice(0, 2));
      expect(await b.erasureReceipts(page)).toEqual(report.purged.slice(2));
      expect(await b.erasureReceipts({ afterCaseId: 'a-old', limit: 1 })).toEqual(report.purged.slice(2, 3));
      // Each store accepts its own purged cases, and finds nothing of the other's to report.
      expect(await scanProblems(a)).toEqual([]);
      expect(await scanProblems(b)).toEqual([]);
      expect(await scanProblems(stores.unscoped)).toEqual([]);
      expect(await a.read('a-old')).toEqual([]);
      expect(await a.read('b-old')).toEqual([]);
      expect((await openCaseStore(a, retentionCatalogue).listCases()).map((summary) => summary.caseId)).toEqual(['a-new', 'a-open']);
    });

    it("plans over an organisation's own cases, and refuses its purge with PURGE_NOT_PERMITTED, changing nothing", async () => {
      const stores = await open();
      const { a } = await storeOrganisationCases(stores);
      const cases = openCaseStore(a, retentionCatalogue);
      const plan = await cases.planRetention({ now, rules });
      expect(plan.ok && plan.expired.map((expired) => expired.caseId)).toEqual(['a-old', 'a-old-2']);
      expect(plan.ok && plan.kept).toBe(1);
      const before = await openCaseStore(stores.unscoped, retentionCatalogue).planRetention({ now, rules });
      const refused = await cases.purgeExpired({ now, rules });
      expect(refused).toEqual({
        ok: false,
        failure: { code: 'PURGE_NOT_PERMITTED', message: expect.stringMatching(/administrator's/) },
      });
      // Refused before the request is judged, too: a purge by this store is never the answer.
      expect(await cases.purgeExpired({ now: 'tomorrow', rules })).toMatchObject({ ok: false, failure: { code: 'PURGE_NOT_PERMITTED' } });
      const direct = await a.purgeCase({ caseId: 'a-old', expectedSeq: 3, closedAt: '2016-05-01T09:00:00.000Z', purgedAt: now });
      expect(direct).toMatchObject({ ok: false, failure: { code: 'PURGE_NOT_PERMITTED', caseId: 'a-old' } });
      expect(await a.read('a-old')).toHaveLength(3);
      expect(await stores.unscoped.erasureReceipts({ afterCaseId: '', limit: 10 })).toEqual([]);
      expect(await openCaseStore(stores.unscoped, retentionCatalogue).planRetention({ now, rules })).toEqual(before);
    });

    it('purges the access log past its own period, as the administrator only, and keeps a purged case’s rows', async () => {
      const stores = await open();
      const { a, b } = await storeOrganisationCases(stores);
      const readA = openCaseStore(a, retentionCatalogue);
      const readB = openCaseStore(b, retentionCatalogue);
      // Reads either side of the cut-off for 12 years at `now`: 31 December 2017 (Helsinki) is the last day past.
      const instants = ['2017-01-15T10:00:00Z', '2017-12-31T21:59:59.999Z', '2017-12-31T22:00:00Z', '2018-06-01T09:00:00+03:00'];
      for (const at of instants) {
        expect((await readA.read('a-old', reader(at))).ok).toBe(true);
        expect((await readB.read('b-new', reader(at))).ok).toBe(true);
      }
      const keepFor = { years: 12 };
      expect(accessLogCutoff(now, keepFor)).toBe('2017-12-31T22:00:00.000Z');
      // The case is purged first: its log stays, for the log's own period.
      const purge = await openCaseStore(stores.unscoped, retentionCatalogue).purgeExpired({ now, rules });
      expect(purge.ok && purge.purged.map((receipt) => receipt.caseId)).toContain('a-old');
      expect(await openCaseStore(stores.unscoped, []).accessLog('a-old')).toHaveLength(4);

      for (const scoped of [readA, readB]) {
        expect(await scoped.purgeAccessLog({ now, keepFor })).toMatchObject({ ok: false, failure: { code: 'PURGE_NOT_PERMITTED' } });
      }
      expect((await readA.accessLog('a-old')).map((row) => row.at)).toEqual(instants);
      const admin = openCaseStore(stores.unscoped, retentionCatalogue);
      // The dry run: each store counts the rows it may read; the administrator's, every row.
      expect(await admin.planAccessLogRetention({ now, keepFor })).toEqual({ ok: true, expired: 4, before: '2017-12-31T22:00:00.000Z' });
      expect(await readA.planAccessLogRetention({ now, keepFor })).toEqual({ ok: true, expired: 2, before: '2017-12-31T22:00:00.000Z' });
      expect(await readB.planAccessLogRetention({ now, keepFor: { years: 1 } })).toMatchObject({ ok: true, expired: 4 });
      expect(await admin.purgeAccessLog({ now, keepFor })).toEqual({ ok: true, purged: 4, before: '2017-12-31T22:00:00.000Z' });
      expect((await admin.accessLog('a-old')).map((row) => row.at)).toEqual(instants.slice(2));
      expect((await readB.accessLog('b-new')).map((row) => row.at)).toEqual(instants.slice(2));
      expect(await admin.purgeAccessLog({ now, keepFor })).toEqual({ ok: true, purged: 0, before: '2017-12-31T22:00:00.000Z' });
    });

    it('refuses a bad access-log purge with INVALID_RETENTION_REQUEST naming the field, and deletes nothing', async () => {
      const stores = await open();
      const { a } = await storeOrganisationCases(stores);
      await openCaseStore(a, retentionCatalogue).read('a-new', reader('2001-01-01T00:00:00Z'));
      const admin = openCaseStore(stores.unscoped, retentionCatalogue);
      const bad: [unknown, unknown, string][] = [
        ['not a date', { years: 1 }, 'now'],
        ['2026-02-30T00:00:00Z', { years: 1 }, 'now'],
        [now, undefined, 'keepFor'],
        [now, {}, 'keepFor'],
        [now, { years: -1 }, 'keepFor.years'],
        [now, { years: -0, days: 3 }, 'keepFor.years'],
        [now, { weeks: 2 }, 'keepFor'],
        [now, { years: 201 }, 'keepFor'],
        [now, { months: 1.5 }, 'keepFor.months'],
      ];
      for (const [given, keepFor, field] of bad) {
        const result = await admin.purgeAccessLog({ now: given as string, keepFor: keepFor as { years: number } });
        expect(result, field).toMatchObject({ ok: false, failure: { code: 'INVALID_RETENTION_REQUEST', field } });
        const plan = await admin.planAccessLogRetention({ now: given as string, keepFor: keepFor as { years: number } });
        expect(plan, field).toMatchObject({ ok: false, failure: { code: 'INVALID_RETENTION_REQUEST', field } });
        expect(result.ok ? '' : result.failure.message).not.toContain('not a date');
      }
      expect(await admin.accessLog('a-new')).toHaveLength(1);
    });
  });
}
