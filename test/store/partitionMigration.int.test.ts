// A store written by today's schema (steps 1–3, unpartitioned) converted to the partitioned schema
// by step 7 when it is opened with `partitions`: at size (6 010 cases, past the 5 000-row read page
// and the heads page; 50 000 events), every case reads and verifies as before; the conversion
// carries what a host or a later step added to the tables (columns, policies, grants, triggers,
// foreign keys); it is all or nothing; and a bad request is refused before any SQL.
import type pg from 'pg';
import { expect, it } from 'vitest';
import { openCaseStore, type RecordedEvent } from 'kykypolku';
import { builtInPathVersions } from 'kykypolku/paths';
import { createPostgresStore, IntegrityKeyError, PartitioningError } from 'kykypolku/postgres';
import { digestOf } from '../../src/store/postgres/eventRow.js';
import { longCase } from '../support/longCases.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { schemaVersions } from '../support/schemaSteps.js';

const postgres = useThrowawayServer();
const integrityKey = 'a host secret of at least thirty-two bytes';
const partitions = { byHashOfCase: 16 } as const;

/** Every row of the four case tables, hashed in a fixed order: the conversion must move each unchanged. */
async function tableDigests(pool: pg.Pool): Promise<Record<string, string>> {
  const orders = {
    kykypolku_events: 'position',
    kykypolku_cases: 'case_id',
    kykypolku_heads: 'case_id',
    kykypolku_deadlines: 'case_id, deadline_id, due_at_ts',
  };
  const digests: Record<string, string> = {};
  for (const [table, order] of Object.entries(orders)) {
    const { rows } = await pool.query<{ rows: number; digest: string }>(
      `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY ${order})) AS digest FROM ${table} t`,
    );
    digests[table] = `${rows[0]!.rows} ${rows[0]!.digest}`;
  }
  return digests;
}

async function allDigests(store: { readAll(): AsyncIterable<RecordedEvent> }): Promise<string[]> {
  const all: string[] = [];
  for await (const event of store.readAll()) all.push(digestOf(event));
  return all;
}

it('converts a store of 6 010 cases and 50 000 events written by the unpartitioned schema, every case still readable and verified', async () => {
  const { pool } = await postgres.freshPool(4);
  const today = createPostgresStore({ pool, integrityKey });
  expect(await today.migrate()).toMatchObject({ applied: schemaVersions });
  const cases: RecordedEvent[][] = [];
  for (let n = 0; n < 6000; n++) cases.push(longCase(`old-${String(n).padStart(4, '0')}`, 5, n));
  for (let n = 0; n < 10; n++) cases.push(longCase(`old-long-${n}`, 2000, n * 11));
  let started = performance.now();
  for (const history of cases) {
    for (let from = 0; from < history.length; from += 1000) {
      const saved = await today.append(history[0]!.caseId, history.slice(from, from + 1000), { expectedSeq: from });
      expect(saved.ok).toBe(true);
    }
  }
  const seedMs = Math.round(performance.now() - started);
  // The case rows and armed deadlines, as a host's rebuild writes them.
  const catalogue = openCaseStore(today, builtInPathVersions);
  expect(await catalogue.rebuildProjections()).toMatchObject({ cases: 6010, unreadable: [] });
  const before = await tableDigests(pool);
  const order = await allDigests(today);
  expect(order).toHaveLength(50_000);
  const listed = await catalogue.listCases({ limit: 10_000 });
  expect(listed).toHaveLength(6010);

  started = performance.now();
  const partitioned = createPostgresStore({ pool, integrityKey, partitions });
  const report = await partitioned.migrate();
  const convertMs = Math.round(performance.now() - started);
  expect(report).toMatchObject({ applied: [7], partitions });
  expect(await tableDigests(pool)).toEqual(before);
  const { rows: spread } = await pool.query<{ partition: string; rows: number }>(
    `SELECT tableoid::regclass::text AS partition, count(*)::int AS rows FROM kykypolku_heads GROUP BY 1 ORDER BY 1`,
  );
  expect(spread).toHaveLength(16);
  expect(Math.min(...spread.map((part) => part.rows))).toBeGreaterThan(250);

  // Every case reads whole and verified (chain and head) through its one partition.
  started = performance.now();
  for (const history of cases) expect(await partitioned.read(history[0]!.caseId)).toEqual(history);
  const readMs = Math.round(performance.now() - started);
  expect(await allDigests(partitioned)).toEqual(order);
  const reopened = openCaseStore(partitioned, builtInPathVersions);
  expect(await reopened.listCases({ limit: 10_000 })).toEqual(listed);
  let read = 0;
  for await (const _ of partitioned.readCases()) read++;
  expect(read).toBe(6010);

  // Writing goes on: positions continue after the old ones, and tampering is still detected.
  const more = longCase('old-0007', 6, 7);
  expect(await partitioned.append('old-0007', more.slice(5), { expectedSeq: 5 })).toEqual({ ok: true, seq: 6, alreadyRecorded: false });
  const fresh = longCase('new-1', 5);
  expect(await partitioned.append('new-1', fresh, { expectedSeq: 0 })).toMatchObject({ ok: true });
  expect((await allDigests(partitioned)).slice(50_000)).toEqual([more[5]!, ...fresh].map(digestOf));
  await pool.query(`DELETE FROM kykypolku_events WHERE case_id = 'old-long-3' AND seq > 1990`);
  await expect(partitioned.read('old-long-3')).rejects.toMatchObject({ failure: { code: 'TAMPERED_EVENT', seq: 1991 } });
  // The integrity key still guards it.
  await expect(createPostgresStore({ pool, partitions }).migrate()).rejects.toBeInstanceOf(IntegrityKeyError);
  process.stdout.write(
    `partition conversion: 6 010 cases, 50 000 events; seeded in ${seedMs} ms, converted to 16 partitions in ${convertMs} ms, ` +
      `every case read back in ${readMs} ms\n`,
  );
}, 600_000);

it('carries what a later step or the host added: a column, row-level security and its policies, grants, a trigger, a foreign key', async () => {
  const { pool } = await postgres.freshPool(2);
  const today = createPostgresStore({ pool });
  await today.migrate();
  for (const caseId of ['org-a-1', 'org-a-2', 'org-b-1']) await today.append(caseId, longCase(caseId, 5), { expectedSeq: 0 });
  // What a host's own DDL leaves behind, besides step 5's organisation and policies: a column, row-level
  // security with its policies, grants, a trigger, a foreign key.
  await pool.query(`DO $$ BEGIN CREATE ROLE kykypolku_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  for (const statement of [
    `ALTER TABLE kykypolku_events ADD COLUMN host_unit text NOT NULL DEFAULT 'org-a'`,
    `UPDATE kykypolku_events SET host_unit = 'org-b' WHERE case_id LIKE 'org-b-%'`,
    `CREATE INDEX kykypolku_events_host_unit ON kykypolku_events (host_unit, case_id)`,
    `ALTER TABLE kykypolku_events ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE kykypolku_events FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY kykypolku_events_own ON kykypolku_events AS PERMISSIVE FOR SELECT TO kykypolku_reader
       USING (host_unit = current_setting('kykypolku.host_unit', true))`,
    `CREATE POLICY kykypolku_events_owner ON kykypolku_events TO postgres USING (true) WITH CHECK (true)`,
    `GRANT SELECT ON kykypolku_events TO kykypolku_reader`,
    // Step 5's policies look the reader up in the organisation mapping, as organisationGrants lets a role do.
    `GRANT SELECT ON kykypolku_organisation_roles TO kykypolku_reader`,
    `GRANT SELECT (case_id, last_seq) ON kykypolku_heads TO kykypolku_reader`,
    `COMMENT ON TABLE kykypolku_cases IS 'one row per case'`,
    `CREATE TABLE host_case_notes (case_id text COLLATE "C" NOT NULL REFERENCES kykypolku_heads (case_id), note_code text NOT NULL)`,
    `INSERT INTO host_case_notes VALUES ('org-a-1', 'n1')`,
    `CREATE TABLE host_appends (case_id text, seq integer)`,
    `CREATE FUNCTION host_note_append() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO host_appends VALUES (NEW.case_id, NEW.seq); RETURN NEW; END $$`,
    `CREATE TRIGGER host_append_noted AFTER INSERT ON kykypolku_events FOR EACH ROW EXECUTE FUNCTION host_note_append()`,
    // Default privileges would open every table the conversion makes (partitions too) to the reader.
    `ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO kykypolku_reader`,
  ])
    await pool.query(statement);

  const partitioned = createPostgresStore({ pool, partitions: { byHashOfCase: 4 } });
  expect(await partitioned.migrate()).toMatchObject({ applied: [7], partitions: { byHashOfCase: 4 } });
  const { rows: flags } = await pool.query(
    `SELECT relkind, relrowsecurity, relforcerowsecurity, obj_description(oid, 'pg_class') AS comment FROM pg_class
      WHERE relname IN ('kykypolku_events', 'kykypolku_cases') ORDER BY relname`,
  );
  expect(flags).toEqual([
    { relkind: 'p', relrowsecurity: true, relforcerowsecurity: true, comment: 'one row per case' },
    { relkind: 'p', relrowsecurity: true, relforcerowsecurity: true, comment: null },
  ]);
  const { rows: policies } = await pool.query(
    `SELECT policyname, permissive, roles::text[] AS roles, cmd FROM pg_policies WHERE tablename = 'kykypolku_events' ORDER BY policyname`,
  );
  expect(policies).toEqual([
    { policyname: 'kykypolku_events_administrator', permissive: 'PERMISSIVE', roles: ['postgres'], cmd: 'ALL' },
    // Step 8's: a partner reads a case while a consent for it is in force.
    { policyname: 'kykypolku_events_consent', permissive: 'PERMISSIVE', roles: ['public'], cmd: 'SELECT' },
    { policyname: 'kykypolku_events_organisation', permissive: 'PERMISSIVE', roles: ['public'], cmd: 'ALL' },
    { policyname: 'kykypolku_events_own', permissive: 'PERMISSIVE', roles: ['kykypolku_reader'], cmd: 'SELECT' },
    { policyname: 'kykypolku_events_owner', permissive: 'PERMISSIVE', roles: ['postgres'], cmd: 'ALL' },
  ]);
  const { rows: indexes } = await pool.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'kykypolku_events' ORDER BY indexname`);
  expect(indexes.map((row) => row.indexname)).toEqual([
    'kykypolku_events_event_id',
    'kykypolku_events_host_unit',
    'kykypolku_events_pkey',
    'kykypolku_events_position',
  ]);
  // The policy still decides what the reader sees; the column grant still limits it.
  const reader = await pool.connect();
  try {
    await reader.query('BEGIN');
    await reader.query(`SET LOCAL ROLE kykypolku_reader`);
    await reader.query(`SELECT set_config('kykypolku.host_unit', 'org-b', true)`);
    const { rows: seen } = await reader.query(`SELECT DISTINCT case_id FROM kykypolku_events ORDER BY case_id`);
    expect(seen).toEqual([{ case_id: 'org-b-1' }]);
    // Step 5's row-level security hides every head from a role mapped to no organisation; the column grant still holds.
    expect((await reader.query(`SELECT count(*)::int AS heads FROM (SELECT case_id, last_seq FROM kykypolku_heads) h`)).rows).toEqual([
      { heads: 0 },
    ]);
    await expect(reader.query(`SELECT chain FROM kykypolku_heads`)).rejects.toMatchObject({ code: '42501' });
    await reader.query('ROLLBACK');
    // A partition read directly is not the way in: the reader was granted the table, not its partitions.
    await reader.query('BEGIN');
    await reader.query(`SET LOCAL ROLE kykypolku_reader`);
    await expect(reader.query(`SELECT count(*) FROM kykypolku_events_p0`)).rejects.toMatchObject({ code: '42501' });
  } finally {
    await reader.query('ROLLBACK').catch(() => undefined);
    reader.release();
  }
  // The trigger fires on appends to the partitioned table; the foreign key holds against it.
  await pool.query('TRUNCATE host_appends');
  const next = longCase('org-a-1', 6);
  expect(await partitioned.append('org-a-1', next.slice(5), { expectedSeq: 5 })).toMatchObject({ ok: true });
  expect((await pool.query('SELECT case_id, seq FROM host_appends')).rows).toEqual([{ case_id: 'org-a-1', seq: 6 }]);
  await expect(pool.query(`INSERT INTO host_case_notes VALUES ('no-such-case', 'n2')`)).rejects.toMatchObject({ code: '23503' });
  for (const caseId of ['org-a-1', 'org-a-2', 'org-b-1']) expect(await partitioned.read(caseId)).toHaveLength(caseId === 'org-a-1' ? 6 : 5);
});

it('converts all or nothing: a unique index without the case id fails the step, and the store stays as it was', async () => {
  const { pool } = await postgres.freshPool(2);
  const today = createPostgresStore({ pool });
  await today.migrate();
  await today.append('kept-1', longCase('kept-1', 5), { expectedSeq: 0 });
  const versionBefore = (await pool.query('SELECT max(version)::int AS version FROM kykypolku_schema_migrations')).rows;
  // A host's own unique index that a partitioned table cannot hold (it leaves out the partition key).
  await pool.query('CREATE UNIQUE INDEX host_one_digest ON kykypolku_events (digest)');
  await expect(createPostgresStore({ pool, partitions }).migrate()).rejects.toMatchObject({
    failure: { code: 'STORE_FAILED', sqlState: '0A000' },
  });
  const { rows } = await pool.query(`SELECT relname, relkind FROM pg_class WHERE relname LIKE 'kykypolku\\_%' AND relkind IN ('r', 'p')`);
  expect(rows.every((row) => row.relkind === 'r')).toBe(true);
  expect((await pool.query('SELECT max(version)::int AS version FROM kykypolku_schema_migrations')).rows).toEqual(versionBefore);
  expect(await today.read('kept-1')).toEqual(longCase('kept-1', 5));
});

it('refuses another partition count than the store has, and a count that is not one, before any SQL', async () => {
  const { pool } = await postgres.freshPool(2);
  await createPostgresStore({ pool, partitions }).migrate();
  const asked = createPostgresStore({ pool, partitions: { byHashOfCase: 8 } });
  await expect(asked.migrate()).rejects.toBeInstanceOf(PartitioningError);
  await expect(asked.migrate()).rejects.toMatchObject({ code: 'PARTITIONS_MISMATCH', partitioned: 16, asked: 8 });
  await expect(asked.migrate()).rejects.toThrow(/partitioned by hash of the case id into 16 partitions.*asking for 8/);
  for (const bad of [1, 2.5, 1025, '16', Number.NaN, undefined])
    expect(() => createPostgresStore({ pool, partitions: { byHashOfCase: bad as never } })).toThrow(
      /partitions\.byHashOfCase must be an integer from 2 to 1 024/,
    );
  expect(() => createPostgresStore({ pool, partitions: 'yes' as never })).toThrow(/partitions must be \{ byHashOfCase: <count> \}/);
});

it('lets writers wait while it converts, then go on against the partitioned tables with nothing lost', async () => {
  const { url, pool } = await postgres.freshPool(2);
  const writersPool = postgres.newPool(url, 4);
  const today = createPostgresStore({ pool });
  await today.migrate();
  for (let n = 0; n < 1500; n++) await today.append(`busy-${n}`, longCase(`busy-${n}`, 5, n), { expectedSeq: 0 });
  // Four writers append to their own cases through their own pool (named, prepared statements
  // included) before, during and after the conversion.
  const writers = createPostgresStore({ pool: writersPool });
  let converted = false;
  const beforeConversion = [0, 0, 0, 0];
  const writing = beforeConversion.map(async (_, writer) => {
    const caseId = `writer-${writer}`;
    const history = longCase(caseId, 400, writer);
    let seq = 0;
    for (let after = 0; after < 20 && seq < history.length; seq++) {
      const saved = await writers.append(caseId, [history[seq]!], { expectedSeq: seq });
      expect(saved, `${caseId} at ${seq}`).toMatchObject({ ok: true });
      if (converted) after++;
      else beforeConversion[writer]!++;
    }
    return history.slice(0, seq);
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const started = beforeConversion.reduce((sum, count) => sum + count, 0);
  expect(await createPostgresStore({ pool, partitions }).migrate()).toMatchObject({ applied: [7], partitions });
  converted = true;
  // Appends were under way when it began, and some waited for it (acknowledged after it started).
  expect(started).toBeGreaterThan(0);
  const histories = await Promise.all(writing);
  for (const history of histories) {
    expect(history.length).toBeGreaterThan(20);
    expect(await writers.read(history[0]!.caseId)).toEqual(history);
  }
  const { rows } = await pool.query<{ relkind: string }>(`SELECT relkind FROM pg_class WHERE relname = 'kykypolku_events'`);
  expect(rows).toEqual([{ relkind: 'p' }]);
  process.stdout.write(
    `writers during conversion: ${started} appends before migrate() began, ${beforeConversion.reduce((sum, count) => sum + count, 0) - started} ` +
      `acknowledged while migrate() ran, ${histories.reduce((sum, history) => sum + history.length, 0)} in all, every one read back\n`,
  );
}, 300_000);
