// Retention on a real PostgreSQL server with a login role per organisation (issue 16 items 3 and 4):
// an organisation's role plans over its own closed cases (past the 5 000-case plan page), but its
// purge of cases or of the access log is refused with PURGE_NOT_PERMITTED, whether its store is
// opened for its organisation or unscoped, and nothing changes, no raw SQL error escaping. The
// administrator's purge leaves each receipt with its organisation, behind row-level security, and
// the access log's own retention removes exactly the rows past its period, in one statement.
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCaseStore, type ErasureReceipt } from 'kykypolku';
import { createPostgresStore, type SqlEventStore } from 'kykypolku/postgres';
import { retentionExpiry } from '../../src/retention/retentionRule.js';
import { organisationDatabase } from '../support/organisationRoles.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { retentionCatalogue, reviewHistory, rules, storeCase } from '../support/retentionCases.js';

const postgres = useThrowawayServer();
const now = '2025-09-01T00:00:00Z';
const countyACases = 5100;
/** County A's cases close an hour apart from 1 June 2015 on: those closed before September 2015 are past ten years at `now`. */
const closingOf = (n: number) => new Date(Date.UTC(2015, 5, 1) + n * 3_600_000 + (n % 60) * 1000).toISOString();
const caseIdOf = (n: number) => `ra-${String(n).padStart(5, '0')}`;
const expiredOfA = Array.from({ length: countyACases }, (_, n) => n).filter(
  (n) => Date.parse(retentionExpiry(closingOf(n), { years: 10 })) <= Date.parse(now),
);

/** The SQLSTATE a statement fails with, or 'ok'. */
async function sqlStateOf(pool: pg.Pool, text: string): Promise<string> {
  try {
    await pool.query(text);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
}

async function allReceipts(store: SqlEventStore): Promise<ErasureReceipt[]> {
  const receipts: ErasureReceipt[] = [];
  for (let afterCaseId = ''; ; ) {
    const page = await store.erasureReceipts({ afterCaseId, limit: 1000 });
    receipts.push(...page);
    if (page.length < 1000) return receipts;
    afterCaseId = page[page.length - 1]!.caseId;
  }
}

describe('retention with a database role per organisation', () => {
  let admin: pg.Pool;
  let asA: pg.Pool;
  let asB: pg.Pool;
  let storeA: SqlEventStore;
  let storeB: SqlEventStore;
  let unscopedA: SqlEventStore;
  const totals = async () =>
    (
      await admin.query<{ events: number; receipts: number; log: number }>(
        `SELECT (SELECT count(*)::int FROM kykypolku_events) AS events, (SELECT count(*)::int FROM kykypolku_erasure_receipts) AS receipts,
                (SELECT count(*)::int FROM kykypolku_access_log) AS log`,
      )
    ).rows[0]!;

  beforeAll(async () => {
    // The tables belong to a role that is no superuser (superusers bypass row-level security): FORCE
    // holds it to the policies too, and the administrator's policy lets it see every row.
    const db = await organisationDatabase(postgres, ['county-a', 'county-b']);
    admin = db.admin;
    asA = db.poolOf('county-a');
    asB = db.poolOf('county-b');
    storeA = createPostgresStore({ pool: asA, organisation: 'county-a' });
    storeB = createPostgresStore({ pool: asB, organisation: 'county-b' });
    unscopedA = createPostgresStore({ pool: asA });
    for (let from = 0; from < countyACases; from += 8)
      await Promise.all(
        Array.from({ length: Math.min(8, countyACases - from) }, (_, offset) =>
          storeCase(storeA, reviewHistory(caseIdOf(from + offset), 'A', closingOf(from + offset))),
        ),
      );
    for (let n = 0; n < 10; n++)
      await storeCase(
        storeB,
        reviewHistory(`rb-${n}`, 'A', `2014-${String(n + 1).padStart(2, '0')}-15T12:00:00Z`, '2013-01-01T00:00:00.000Z'),
      );
  }, 300_000);

  it("plans an organisation's own expired cases past a plan page, and refuses its purge typed, changing nothing", async () => {
    expect(expiredOfA.length).toBeGreaterThan(2000);
    const before = await totals();
    for (const store of [storeA, unscopedA]) {
      const cases = openCaseStore(store, retentionCatalogue);
      const plan = await cases.planRetention({ now, rules });
      if (!plan.ok) throw new Error(plan.failure.message);
      expect(plan.expired.map((expired) => expired.caseId)).toEqual(expiredOfA.map(caseIdOf));
      expect(plan.kept).toBe(countyACases - expiredOfA.length);
      // Opened for its organisation, the store refuses before any SQL; unscoped, the server refuses
      // the first delete (an organisation's role may not delete events) and the purge stops there.
      const refused = await cases.purgeExpired({ now, rules });
      expect(refused).toEqual({ ok: false, failure: { code: 'PURGE_NOT_PERMITTED', message: expect.stringMatching(/administrator's/) } });
      const direct = await store.purgeCase({ caseId: caseIdOf(0), expectedSeq: 3, closedAt: closingOf(0), purgedAt: now });
      expect(direct).toMatchObject({ ok: false, failure: { code: 'PURGE_NOT_PERMITTED', caseId: caseIdOf(0) } });
      expect(await cases.purgeAccessLog({ now, keepFor: { years: 1 } })).toMatchObject({
        ok: false,
        failure: { code: 'PURGE_NOT_PERMITTED' },
      });
    }
    expect(await totals()).toEqual(before);
    expect(await storeA.read(caseIdOf(0))).toHaveLength(3);
  });

  it('leaves each receipt of the administrator’s purge with its organisation, and row-level security keeps it there', async () => {
    const started = performance.now();
    const report = await openCaseStore(createPostgresStore({ pool: admin }), retentionCatalogue).purgeExpired({ now, rules });
    if (!report.ok) throw new Error(report.failure.message);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `administrator purged ${report.purged.length} of 5 110 cases in ${seconds.toFixed(1)} s, receipts with their organisation\n`,
    );
    expect(report.skipped).toEqual([]);
    expect(report.purged).toHaveLength(expiredOfA.length + 10);
    const ofA = report.purged.filter((receipt) => receipt.organisation === 'county-a');
    expect(ofA.map((receipt) => receipt.caseId)).toEqual(expiredOfA.map(caseIdOf));
    expect(report.purged.filter((receipt) => receipt.organisation === 'county-b')).toHaveLength(10);
    // Each organisation's store lists its own receipts, page by page; unscoped on A's role, the server still keeps B's away.
    expect(await allReceipts(storeA)).toEqual(ofA);
    expect(await allReceipts(unscopedA)).toEqual(ofA);
    expect((await allReceipts(storeB)).map((receipt) => receipt.caseId)).toEqual(Array.from({ length: 10 }, (_, n) => `rb-${n}`));
    expect((await asA.query('SELECT count(*)::int AS n FROM kykypolku_erasure_receipts')).rows).toEqual([{ n: expiredOfA.length }]);
    expect((await asB.query(`SELECT count(*)::int AS n FROM kykypolku_erasure_receipts WHERE organisation = 'county-a'`)).rows).toEqual([
      { n: 0 },
    ]);
    // The receipts are the administrator's to write: an organisation's role may only read its own.
    expect(await sqlStateOf(asA, `DELETE FROM kykypolku_erasure_receipts`)).toBe('42501');
    expect(await sqlStateOf(asA, `UPDATE kykypolku_erasure_receipts SET purged_at = 'x'`)).toBe('42501');
    expect(await sqlStateOf(asA, `INSERT INTO kykypolku_erasure_receipts VALUES ('x', 'p', 1, 'c', 'p', 3, 'l', 's', 'county-a')`)).toBe(
      '42501',
    );
    // A's store accepts its purged cases, and its scan reports nothing.
    const problems: unknown[] = [];
    let left = 0;
    for await (const events of storeA.readCases({ onUnreadable: (problem) => problems.push(problem) })) left += events.length > 0 ? 1 : 0;
    expect(problems).toEqual([]);
    expect(left).toBe(countyACases - expiredOfA.length);
  });

  it('removes exactly the access-log rows past the period, in one statement, and only as the administrator', async () => {
    // 6 000 rows of reads of A's cases, one every 17 hours from 2010 on (with and without an offset), written as A's role may.
    await asA.query(
      `INSERT INTO kykypolku_access_log (case_id, at, actor_role, actor_id, purpose, organisation, case_organisation)
       SELECT 'ra-' || lpad((n % ${countyACases})::text, 5, '0'),
              CASE WHEN n % 2 = 0
                   THEN to_char((timestamptz '2010-01-01 00:00Z' + n * interval '17 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || 'Z'
                   ELSE to_char((timestamptz '2010-01-01 00:00Z' + n * interval '17 hours') AT TIME ZONE 'UTC' + interval '3 hours',
                                'YYYY-MM-DD"T"HH24:MI:SS') || '+03:00' END,
              'nurse', 'n-1', 'client-service', 'county-a', 'county-a'
         FROM generate_series(0, 5999) AS n`,
    );
    const keepFor = { years: 12 };
    const before = await totals();
    expect(await sqlStateOf(asA, 'DELETE FROM kykypolku_access_log')).toBe('42501');
    const cases = openCaseStore(createPostgresStore({ pool: admin }), retentionCatalogue);
    const plan = await cases.planAccessLogRetention({ now: '2032-06-15T12:00:00+03:00', keepFor });
    // A's role counts the rows it may read: here every row is of A's cases.
    expect(await openCaseStore(storeA, []).planAccessLogRetention({ now: '2032-06-15T12:00:00+03:00', keepFor })).toEqual(plan);
    const started = performance.now();
    const report = await cases.purgeAccessLog({ now: '2032-06-15T12:00:00+03:00', keepFor });
    if (!report.ok) throw new Error(report.failure.message);
    process.stdout.write(`access log: ${report.purged} of 6 000 rows removed in ${(performance.now() - started).toFixed(0)} ms\n`);
    expect(report.before).toBe('2020-06-14T21:00:00.000Z');
    const { rows } = await admin.query<{ older: number; newer: number }>(
      `SELECT count(*) FILTER (WHERE at::timestamptz < $1::timestamptz)::int AS older, count(*)::int AS newer FROM kykypolku_access_log`,
      [report.before],
    );
    expect(rows).toEqual([{ older: 0, newer: before.log - report.purged }]);
    expect(report.purged).toBeGreaterThan(5000);
    expect(plan).toEqual({ ok: true, expired: report.purged, before: report.before });
    expect(before.log - report.purged).toBeGreaterThan(0);
    expect((await totals()).events).toBe(before.events);
    expect(await cases.purgeAccessLog({ now: '2032-06-15T12:00:00+03:00', keepFor })).toEqual({
      ok: true,
      purged: 0,
      before: report.before,
    });
  });
});
