// Retention by service task, passed unchanged by the memory, PGlite and PostgreSQL stores: the plan
// lists exactly the closed cases past their period, the purge removes exactly them with a receipt
// each, and every other case reads whole. On the SQL stores also: nothing of a purged case is left
// in any per-case table, the scans accept a receipted purge, and a case deleted by hand is still
// reported (issue 16 item 3).
import { describe, expect, it } from 'vitest';
import { openCaseStore, type IndexedEventStore, type RecordedEvent, type UnreadableCase } from 'kykypolku';
import { createEventChain } from '../../src/store/postgres/eventChain.js';
import { digestOf } from '../../src/store/postgres/eventRow.js';
import { perCaseTables } from '../../src/store/postgres/retentionStatements.js';
import type { SqlStoreOptions } from 'kykypolku/postgres';
import { closings, retentionCatalogue, rules, storeClosings, taskA } from '../support/retentionCases.js';

/** A store on empty tables; SQL stores also give raw SQL on its database (what an intruder has). */
export interface RetentionFixture {
  readonly store: IndexedEventStore;
  readonly sql?: <TRow = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<readonly TRow[]>;
}

const expiredAt = (now: string): string[] =>
  closings
    .filter((closing) => Date.parse(closing.expiresAt) <= Date.parse(now))
    .map((closing): string => closing.caseId)
    .sort();

/** The head link an unkeyed SQL store keeps: the receipts of all three stores carry it. */
const plainLink = (events: readonly RecordedEvent[]) => {
  const chain = createEventChain(undefined);
  return events.reduce((link, event) => chain.link(link, digestOf(event)), '');
};

/** The histories storeClosings writes, built again without a store. */
async function storeClosingsHistory(): Promise<Map<string, readonly RecordedEvent[]>> {
  const { createMemoryStore } = await import('kykypolku');
  return storeClosings(createMemoryStore());
}

async function scanProblems(store: IndexedEventStore): Promise<UnreadableCase[]> {
  const problems: UnreadableCase[] = [];
  for await (const events of store.readCases({ onUnreadable: (problem) => problems.push(problem) })) void events;
  for await (const event of store.readAll({ onUnreadable: (problem) => problems.push(problem) })) void event;
  return problems;
}

/** Hostile `now` values, each refused naming `now`. */
export const hostileNows: [string, unknown][] = [
  ['not a date', 'not a date'],
  ['a day the calendar lacks', '2026-02-30T00:00:00Z'],
  ['year 10000', '+010000-01-01T00:00:00Z'],
  ['year 10000 written plainly', '10000-01-01T00:00:00Z'],
  ['year 9999, past the years stores hold', '9999-12-31T23:59:59Z'],
  ['a date without a time', '2026-01-01'],
  ['an instant without an offset', '2026-01-01T00:00:00'],
  ['-0', -0],
  ['a number of milliseconds', 1_767_225_600_000],
  ['undefined', undefined],
  ['a Date object', new Date('2026-01-01T00:00:00Z')],
];

const rule = rules[0]!;

/** Hostile rules, each refused naming its field. */
export const hostileRules: [string, unknown, string][] = [
  ['rules that are not an array', { rules: rule }, 'rules'],
  ['a rule that is null', [null], 'rules[0]'],
  ['a negative period', [{ ...rule, keepFor: { years: -10 } }], 'rules[0].keepFor.years'],
  ['a period of -0 years', [{ ...rule, keepFor: { years: -0, months: 1 } }], 'rules[0].keepFor.years'],
  ['a fractional period', [{ ...rule, keepFor: { years: 1.5 } }], 'rules[0].keepFor.years'],
  ['a period of NaN months', [{ ...rule, keepFor: { months: Number.NaN } }], 'rules[0].keepFor.months'],
  ['an infinite period', [{ ...rule, keepFor: { days: Number.POSITIVE_INFINITY } }], 'rules[0].keepFor.days'],
  ['a period as a string', [{ ...rule, keepFor: { years: '10' } }], 'rules[0].keepFor.years'],
  ['a period of zero', [{ ...rule, keepFor: {} }], 'rules[0].keepFor'],
  ['a period past 200 years', [{ ...rule, keepFor: { years: 7000 } }], 'rules[0].keepFor'],
  ['an unknown unit', [{ ...rule, keepFor: { weeks: 3 } }], 'rules[0].keepFor'],
  ['an unknown field', [{ ...rule, from: 'birth' }], 'rules[0]'],
  ['another starting point', [{ ...rule, countsFrom: 'clientDeath' }], 'rules[0].countsFrom'],
  ['an empty source', [{ ...rule, source: '' }], 'rules[0].source'],
  ['a source with a control character', [{ ...rule, source: 'act\u0000703' }], 'rules[0].source'],
  ['a source of 301 characters', [{ ...rule, source: 'x'.repeat(301) }], 'rules[0].source'],
  ['a service task system that is no URI', [{ ...rule, serviceTask: { system: 'not a uri', code: 'x' } }], 'rules[0].serviceTask.system'],
  ['a service task without a code', [{ ...rule, serviceTask: { system: taskA.system } }], 'rules[0].serviceTask.code'],
  ['two rules for one service task', [rule, { ...rule, keepFor: { years: 1 } }], 'rules[1].serviceTask'],
];

const key = `${'k'.repeat(16)}-host-secret-0123456789`;

export function describeRetentionContract(name: string, open: (options?: SqlStoreOptions) => Promise<RetentionFixture>): void {
  describe(`${name}: retention by service task`, () => {
    it('plans exactly the closed cases past their period, at instants either side of each expiry', async () => {
      const { store } = await open();
      await storeClosings(store);
      const cases = openCaseStore(store, retentionCatalogue);
      const nows = [
        '2024-02-29T21:59:59.999Z',
        ...closings.map((closing) => closing.expiresAt),
        ...closings.map((closing) => new Date(Date.parse(closing.expiresAt) - 1).toISOString()),
        '2040-01-01T00:00:00+02:00',
      ];
      for (const now of nows) {
        const plan = await cases.planRetention({ now, rules });
        if (!plan.ok) throw new Error(plan.failure.message);
        expect(
          plan.expired.map((expired) => expired.caseId),
          now,
        ).toEqual(expiredAt(now));
        expect(plan.kept, now).toBe(closings.length - expiredAt(now).length);
        for (const expired of plan.expired) {
          const closing = closings.find((each) => each.caseId === expired.caseId)!;
          expect(expired).toMatchObject({ closedAt: closing.closedAt, expiresAt: closing.expiresAt, seq: 3, pathVersion: 1 });
        }
      }
    });

    it('purges exactly the expired cases, each with a receipt; the rest read whole, and a rerun finds nothing', async () => {
      const fixture = await open();
      const { store } = fixture;
      const stored = await storeClosings(store);
      const cases = openCaseStore(store, retentionCatalogue);
      const now = '2026-03-01T00:00:00+02:00';
      const gone = expiredAt(now);
      expect(gone).toEqual(['a-before-midnight', 'a-leap-day', 'a-local-midnight', 'b-late-march', 'b-month-end']);
      const report = await cases.purgeExpired({ now, rules });
      if (!report.ok) throw new Error(report.failure.message);
      expect(report.skipped).toEqual([]);
      expect(report.kept).toBe(closings.length - gone.length);
      const expectedReceipts = gone.map((caseId) => {
        const events = stored.get(caseId)!;
        return {
          caseId,
          pathId: events[0]!.path.id,
          pathVersion: 1,
          closedAt: events[2]!.at,
          purgedAt: '2026-02-28T22:00:00.000Z',
          eventCount: 3,
          lastChain: plainLink(events),
        };
      });
      expect(report.purged).toEqual(expectedReceipts);
      expect(await store.erasureReceipts({ afterCaseId: '', limit: 100 })).toEqual(expectedReceipts);
      expect(await store.erasureReceipts({ afterCaseId: 'a-leap-day', limit: 2 })).toEqual(expectedReceipts.slice(2, 4));
      for (const [caseId, events] of stored) expect(await store.read(caseId), caseId).toEqual(gone.includes(caseId) ? [] : events);
      const loaded = await cases.load('a-leap-day');
      expect(loaded.ok ? 'loaded' : loaded.failure.code).toBe('UNKNOWN_CASE');
      expect((await store.listCases({ limit: 100 })).map((summary) => summary.caseId).sort()).toEqual(
        [...stored.keys()].filter((caseId) => !gone.includes(caseId)).sort(),
      );
      expect(await scanProblems(store)).toEqual([]);
      const remaining: string[] = [];
      for await (const events of store.readCases()) remaining.push(events[0]!.caseId);
      expect(remaining).toEqual([...stored.keys()].filter((caseId) => !gone.includes(caseId)).sort());

      if (fixture.sql) {
        for (const table of perCaseTables) {
          const left = await fixture.sql<{ case_id: string }>(`SELECT DISTINCT case_id FROM ${table} WHERE case_id = ANY($1::text[])`, [
            gone,
          ]);
          expect(left, table).toEqual([]);
        }
      }

      const again = await cases.purgeExpired({ now, rules });
      expect(again).toEqual({ ok: true, purged: [], skipped: [], kept: closings.length - gone.length });
      expect((await store.erasureReceipts({ afterCaseId: '', limit: 100 })).length).toBe(gone.length);
    });

    it('refuses the whole plan when a closed case has no rule, or its path no service task code, and purges nothing', async () => {
      const { store } = await open();
      const stored = await storeClosings(store);
      const cases = openCaseStore(store, retentionCatalogue);
      const now = '2040-01-01T00:00:00Z';
      const onlyA = await cases.purgeExpired({ now, rules: [rule] });
      expect(onlyA).toMatchObject({
        ok: false,
        failure: { code: 'NO_RETENTION_RULE', caseId: 'b-late-march', pathId: 'review-path-unguarded', withoutRule: 2 },
      });
      expect(onlyA.ok ? undefined : onlyA.failure.message).toMatch(/service task has no retention rule/);
      const { reviewPath } = await import('../support/reviewPath.js');
      const uncoded = await openCaseStore(store, [reviewPath, retentionCatalogue[1]]).planRetention({ now, rules });
      expect(uncoded).toMatchObject({
        ok: false,
        failure: { code: 'NO_RETENTION_RULE', caseId: 'a-before-midnight', serviceTask: undefined },
      });
      const noPath = await openCaseStore(store, [retentionCatalogue[0]]).planRetention({ now, rules });
      expect(noPath).toMatchObject({ ok: false, failure: { code: 'NO_RETENTION_RULE', pathId: 'review-path-unguarded' } });
      expect(noPath.ok ? undefined : noPath.failure.message).toMatch(/not in the catalogue/);
      for (const [caseId, events] of stored) expect(await store.read(caseId)).toEqual(events);
      expect(await store.erasureReceipts({ afterCaseId: '', limit: 10 })).toEqual([]);
    });

    it('refuses hostile instants and rules with INVALID_RETENTION_REQUEST naming the field, and changes nothing', async () => {
      const { store } = await open();
      const stored = await storeClosings(store);
      const cases = openCaseStore(store, retentionCatalogue);
      for (const [label, now] of hostileNows) {
        for (const call of [cases.planRetention, cases.purgeExpired]) {
          const result = await call({ now: now as string, rules });
          expect(result, label).toMatchObject({ ok: false, failure: { code: 'INVALID_RETENTION_REQUEST', field: 'now' } });
        }
      }
      for (const [label, given, field] of hostileRules) {
        const result = await cases.purgeExpired({ now: '2040-01-01T00:00:00Z', rules: given as typeof rules });
        expect(result, label).toMatchObject({ ok: false, failure: { code: 'INVALID_RETENTION_REQUEST', field } });
        const message = result.ok ? '' : result.failure.message;
        expect(message.startsWith(field), label).toBe(true);
        expect(message, label).not.toMatch(/act\u0000|xxxxxxxxxx|not a uri|clientDeath/);
      }
      for (const [caseId, events] of stored) expect(await store.read(caseId)).toEqual(events);
    });

    it('leaves a case whole when it moved on after the plan: a purge of one case checks the seq and the closing', async () => {
      const { store } = await open();
      await storeClosings(store);
      const refused = await store.purgeCase({
        caseId: 'a-leap-day',
        expectedSeq: 2,
        closedAt: '2016-02-29T10:00:00.000Z',
        purgedAt: '2030-01-01T00:00:00.000Z',
      });
      expect(refused).toMatchObject({ ok: false, failure: { code: 'CASE_CHANGED', caseId: 'a-leap-day' } });
      const stillOpen = await store.purgeCase({
        caseId: 'a-open',
        expectedSeq: 2,
        closedAt: '2015-01-05T08:00:00.000Z',
        purgedAt: '2030-01-01T00:00:00.000Z',
      });
      expect(stillOpen).toMatchObject({ ok: false, failure: { code: 'CASE_CHANGED', caseId: 'a-open' } });
      const unknown = await store.purgeCase({
        caseId: 'nobody',
        expectedSeq: 3,
        closedAt: '2016-02-29T10:00:00.000Z',
        purgedAt: '2030-01-01T00:00:00.000Z',
      });
      expect(unknown).toMatchObject({ ok: false, failure: { code: 'CASE_CHANGED', caseId: 'nobody' } });
      expect(await store.read('a-leap-day')).toHaveLength(3);
      expect(await store.read('a-open')).toHaveLength(2);
      expect(await store.erasureReceipts({ afterCaseId: '', limit: 10 })).toEqual([]);
    });

    it('on an SQL store: a case deleted by hand without a receipt is still reported, and a tampered case is never purged', async () => {
      const fixture = await open();
      if (!fixture.sql) return;
      const { store } = fixture;
      await storeClosings(store);
      const cases = openCaseStore(store, retentionCatalogue);
      // The intruder deletes an expired case's events, row and deadlines, but writes no receipt: its head remains.
      for (const table of ['kykypolku_deadlines', 'kykypolku_cases', 'kykypolku_events'])
        await fixture.sql(`DELETE FROM ${table} WHERE case_id = 'a-leap-day'`);
      await expect(store.read('a-leap-day')).rejects.toMatchObject({ failure: { code: 'TAMPERED_EVENT', caseId: 'a-leap-day', seq: 1 } });
      // An edited event of another expired case: the purge leaves it whole for the auditor.
      await fixture.sql(`UPDATE kykypolku_events SET payload = '{"approved": false}' WHERE case_id = 'a-local-midnight' AND seq = 2`);
      const report = await cases.purgeExpired({ now: '2026-03-01T00:00:00+02:00', rules });
      if (!report.ok) throw new Error(report.failure.message);
      expect(report.purged.map((receipt) => receipt.caseId)).toEqual(['a-before-midnight', 'b-late-march', 'b-month-end']);
      expect(report.skipped).toMatchObject([{ code: 'TAMPERED_EVENT', caseId: 'a-local-midnight', seq: 2 }]);
      expect((await scanProblems(store)).map((problem) => `${problem.caseId}#${problem.seq}`).sort()).toEqual([
        'a-leap-day#1',
        'a-leap-day#1',
        'a-local-midnight#2',
        'a-local-midnight#2',
      ]);
      // The store's own purge of one case refuses it the same way.
      const direct = await store.purgeCase({
        caseId: 'a-local-midnight',
        expectedSeq: 3,
        closedAt: '2015-12-31T22:00:00.000Z',
        purgedAt: '2030-01-01T00:00:00.000Z',
      });
      expect(direct).toMatchObject({ ok: false, failure: { code: 'TAMPERED_EVENT', caseId: 'a-local-midnight', seq: 2 } });
      expect(await fixture.sql(`SELECT 1 FROM kykypolku_events WHERE case_id = 'a-local-midnight'`)).toHaveLength(3);
    });

    it('on an SQL store with an integrity key: a receipt forged through SQL for a case deleted by hand is detected', async () => {
      const fixture = await open({ integrityKey: key });
      if (!fixture.sql) return;
      const { store } = fixture;
      await storeClosings(store);
      const cases = openCaseStore(store, retentionCatalogue);
      const report = await cases.purgeExpired({ now: '2026-01-01T00:00:00+02:00', rules });
      expect(report).toMatchObject({
        ok: true,
        purged: [{ caseId: 'a-before-midnight' }, { caseId: 'b-late-march' }, { caseId: 'b-month-end' }],
      });
      // Keyed: the receipt's link is the HMAC head, not the plain chain.
      expect(report.ok && report.purged[0]!.lastChain).not.toBe(plainLink((await storeClosingsHistory()).get('a-before-midnight')!));
      expect(await store.erasureReceipts({ afterCaseId: '', limit: 10 })).toHaveLength(3);
      // The intruder deletes a case whole and forges its receipt with the plain seal, not knowing the key.
      for (const table of perCaseTables) await fixture.sql(`DELETE FROM ${table} WHERE case_id = 'a-leap-day'`);
      const [copied] = await fixture.sql<{ seal: string }>(
        `SELECT seal FROM kykypolku_erasure_receipts WHERE case_id = 'a-before-midnight'`,
      );
      await fixture.sql(
        `INSERT INTO kykypolku_erasure_receipts VALUES ('a-leap-day', 'review-path', 1, '2016-02-29T10:00:00.000Z', '2026-03-01T00:00:00.000Z', 3, 'x', $1)`,
        [copied!.seal],
      );
      await expect(store.erasureReceipts({ afterCaseId: '', limit: 10 })).rejects.toMatchObject({
        failure: { code: 'TAMPERED_EVENT', caseId: 'a-leap-day' },
      });
      // An edited receipt (a later purge instant) is detected the same way.
      await fixture.sql(`DELETE FROM kykypolku_erasure_receipts WHERE case_id = 'a-leap-day'`);
      await fixture.sql(`UPDATE kykypolku_erasure_receipts SET purged_at = '2027-01-01T00:00:00.000Z' WHERE case_id = 'b-month-end'`);
      await expect(store.erasureReceipts({ afterCaseId: 'a-leap-day', limit: 10 })).rejects.toMatchObject({
        failure: { code: 'TAMPERED_EVENT', caseId: 'b-month-end' },
      });
    });

    it('refuses a page out of range before any SQL', async () => {
      const { store } = await open();
      await expect(store.closedCases({ afterCaseId: '', limit: 0 })).rejects.toThrow(RangeError);
      await expect(store.erasureReceipts({ afterCaseId: 'a\u0000', limit: 10 })).rejects.toThrow(RangeError);
    });
  });
}
