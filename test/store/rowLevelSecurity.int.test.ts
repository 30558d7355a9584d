// Row-level security on a real PostgreSQL server, with a database role per organisation: a
// connection for organisation A cannot read, count, list, scan, append to or claim the deadlines
// of B's cases, whatever SQL it runs, and cannot change or delete an event. The library's own
// filters are taken out of the picture by opening A's connection as a store for B, and unscoped.
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCaseStore, type RecordedEvent } from 'kykypolku';
import { createPostgresStore, type SqlEventStore } from 'kykypolku/postgres';
import { longCase } from '../support/longCases.js';
import { organisationDatabase } from '../support/organisationRoles.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { author, reviewPath } from '../support/reviewPath.js';

const postgres = useThrowawayServer();

const submitted = (caseId: string) => ({
  type: 'SUBMITTED' as const,
  at: '2025-03-01T09:00:00Z',
  actor: author,
  payload: { priority: 'low' as const },
  eventId: `${caseId}-submitted`,
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The SQLSTATE a statement fails with, or 'ok'. */
async function sqlStateOf(pool: pg.Pool, text: string): Promise<string> {
  try {
    await pool.query(text);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
}

describe('row-level security with a database role per organisation', () => {
  let admin: pg.Pool;
  let asA: pg.Pool;
  let asB: pg.Pool;
  let storeA: SqlEventStore;
  let storeB: SqlEventStore;
  const big: RecordedEvent[] = longCase('b-big', 5200);

  beforeAll(async () => {
    // The tables belong to a role that is no superuser (superusers bypass row-level security): FORCE
    // holds it to the policies too, and the administrator's policy lets it see every row.
    const db = await organisationDatabase(postgres, ['county-a', 'county-b']);
    admin = db.admin;
    asA = db.poolOf('county-a');
    asB = db.poolOf('county-b');
    storeA = createPostgresStore({ pool: asA, organisation: 'county-a' });
    storeB = createPostgresStore({ pool: asB, organisation: 'county-b' });
    // An organisation's role, which may create nothing, opens its store as any host does.
    expect((await storeA.migrate()).applied).toEqual([]);
    await openCaseStore(storeA, [reviewPath]).record('a-1', submitted('a-1'));
    await openCaseStore(storeB, [reviewPath]).record('b-1', submitted('b-1'));
    // One case of B's past a read page (5 000 rows), in batches of 1 000.
    for (let from = 0; from < big.length; from += 1000)
      expect((await storeB.append('b-big', big.slice(from, from + 1000), { expectedSeq: from })).ok).toBe(true);
  }, 120_000);

  it("keeps B's cases from A's connection even when the store is opened for B or unscoped", async () => {
    for (const store of [storeA, createPostgresStore({ pool: asA, organisation: 'county-b' }), createPostgresStore({ pool: asA })]) {
      expect(await store.read('b-1')).toEqual([]);
      expect(await store.read('b-big')).toEqual([]);
      expect((await store.listCases()).map((summary) => summary.caseId).filter((caseId) => caseId.startsWith('b-'))).toEqual([]);
      expect(await store.countActiveCases({ assignee: author.id })).toBe(0);
      expect((await collect(store.readAll())).filter((event) => event.caseId.startsWith('b-'))).toEqual([]);
      expect((await collect(store.readCases())).filter((events) => events[0]!.caseId.startsWith('b-'))).toEqual([]);
      const claims = await store.claimDueDeadlines({ now: '2025-04-01T00:00:00Z', limit: 100, workerId: 'w-a', lease: 1000 });
      expect(claims.ok && claims.claims.filter((claim) => claim.caseId.startsWith('b-'))).toEqual([]);
      // Appending to B's case, and writing a new case as B's (or as no one's), is refused and writes nothing.
      expect(await store.append('b-1', longCase('b-1', 5), { expectedSeq: 0 })).toMatchObject({
        ok: false,
        failure: { code: 'ACCESS_DENIED' },
      });
    }
    const asBFromA = createPostgresStore({ pool: asA, organisation: 'county-b' });
    expect(await asBFromA.append('b-new', longCase('b-new', 5), { expectedSeq: 0 })).toMatchObject({
      ok: false,
      failure: { code: 'ACCESS_DENIED' },
    });
    expect(await createPostgresStore({ pool: asA }).append('nobody-1', longCase('nobody-1', 5), { expectedSeq: 0 })).toMatchObject({
      ok: false,
      failure: { code: 'ACCESS_DENIED' },
    });
    // B's store reads its own, whole, past the read page.
    expect(await storeB.read('b-big')).toEqual(big);
    expect(await collect(storeB.readAll())).toHaveLength(big.length + 1);
    const claimedByB = await storeB.claimDueDeadlines({ now: '2025-04-01T00:00:00Z', limit: 100, workerId: 'w-b', lease: 1000 });
    expect(claimedByB.ok && claimedByB.claims.map((claim) => claim.caseId)).toEqual(['b-1']);
    const admins = createPostgresStore({ pool: admin });
    const { rows: forced } = await admin.query<{ relname: string; forced: boolean }>(
      `SELECT relname, relrowsecurity AND relforcerowsecurity AS forced FROM pg_class WHERE relname LIKE 'kykypolku_%' AND relkind = 'r'
        AND relname IN ('kykypolku_events', 'kykypolku_heads', 'kykypolku_cases', 'kykypolku_deadlines', 'kykypolku_access_log') ORDER BY relname`,
    );
    expect(forced.every((row) => row.forced)).toBe(true);
    expect(forced).toHaveLength(5);
    expect((await admin.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows).toEqual([
      { rolsuper: false },
    ]);
    // The owner, held to the policies by FORCE, is the administrator: every case, whole.
    expect(await admins.read('b-big')).toEqual(big);
    expect((await admins.listCases()).map((summary) => summary.caseId).sort()).toEqual(['a-1', 'b-1']);
    const { rows } = await admin.query<{ case_id: string; organisation: string | null }>(
      'SELECT DISTINCT case_id, organisation FROM kykypolku_events ORDER BY case_id',
    );
    expect(rows).toEqual([
      { case_id: 'a-1', organisation: 'county-a' },
      { case_id: 'b-1', organisation: 'county-b' },
      { case_id: 'b-big', organisation: 'county-b' },
    ]);
  });

  it("answers A's own SQL with A's rows only, and refuses every change to events and to the role mapping", async () => {
    const count = async (pool: pg.Pool, table: string) =>
      Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    for (const table of ['kykypolku_events', 'kykypolku_heads', 'kykypolku_cases', 'kykypolku_deadlines'])
      expect(await count(asA, table)).toBe(1);
    expect(await count(asB, 'kykypolku_events')).toBe(big.length + 1);
    // A session setting is no key: A can set whatever it likes.
    await asA.query(`SET kykypolku.organisation = 'county-b'`);
    expect(await count(asA, 'kykypolku_events')).toBe(1);
    // A temporary table named like the mapping does not stand in for it: the policies name it by id.
    const client = await asA.connect();
    try {
      await client.query(`CREATE TEMP TABLE kykypolku_organisation_roles (organisation text, role_name name)`);
      await client.query(`INSERT INTO kykypolku_organisation_roles VALUES ('county-b', 'county_a')`);
      expect(Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM public.kykypolku_events')).rows[0]!.n)).toBe(1);
      expect(Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM kykypolku_events')).rows[0]!.n)).toBe(1);
    } finally {
      client.release(true);
    }
    // Events are append-only for an organisation's role, its own as much as B's.
    expect(await sqlStateOf(asA, `UPDATE kykypolku_events SET type = 'X' WHERE case_id = 'a-1'`)).toBe('42501');
    expect(await sqlStateOf(asA, `DELETE FROM kykypolku_events`)).toBe('42501');
    expect(await sqlStateOf(asA, `INSERT INTO kykypolku_organisation_roles VALUES ('county-b', 'county_a')`)).toBe('42501');
    // A cannot move its case to B, nor touch B's rows (they are not there for it).
    expect(await sqlStateOf(asA, `UPDATE kykypolku_cases SET organisation = 'county-b' WHERE case_id = 'a-1'`)).toBe('42501');
    expect((await asA.query(`UPDATE kykypolku_cases SET state = 'x' WHERE case_id = 'b-1'`)).rowCount).toBe(0);
    expect((await asA.query(`DELETE FROM kykypolku_deadlines WHERE case_id = 'b-1'`)).rowCount).toBe(0);
    expect(await sqlStateOf(asA, `SET ROLE county_b`)).toBe('42501');
    // The access log: append-only for the library's roles, and A's rows are not B's to read.
    const casesOfA = openCaseStore(storeA, [reviewPath]);
    expect(
      (await casesOfA.read('a-1', { actor: { role: 'nurse', id: 'n-1' }, purpose: 'client-service', at: '2025-03-02T08:00:00Z' })).ok,
    ).toBe(true);
    expect(await casesOfA.accessLog('a-1')).toMatchObject([{ organisation: 'county-a', caseOrganisation: 'county-a' }]);
    expect(await sqlStateOf(asA, `UPDATE kykypolku_access_log SET purpose = 'x'`)).toBe('42501');
    expect(await sqlStateOf(asA, `DELETE FROM kykypolku_access_log`)).toBe('42501');
    expect(await sqlStateOf(asA, `TRUNCATE kykypolku_access_log`)).toBe('42501');
    expect(await count(asB, 'kykypolku_access_log')).toBe(0);
    expect(await openCaseStore(storeB, [reviewPath]).accessLog('a-1')).toEqual([]);
    // Nor may A write a row as B's reader.
    expect(
      await sqlStateOf(
        asA,
        `INSERT INTO kykypolku_access_log (case_id, at, actor_role, actor_id, purpose, organisation) VALUES ('a-1', 'x', 'r', 'i', 'p', 'county-b')`,
      ),
    ).toBe('42501');
    expect(await count(asA, 'kykypolku_access_log')).toBe(1);
    expect(await count(asB, 'kykypolku_deadlines')).toBe(1);
  });
});
