// The conformance suite on the partitioned schema: the PostgreSQL store migrated with
// `partitions: { byHashOfCase: 16 }` keeps the same contract as the unpartitioned one
// (test/store/postgresStore.int.test.ts runs the same suites on today's schema). One database for
// the suites, emptied before each test as the PGlite suite does: a fresh database per store would
// leave the server a hundred databases of 64 partitions each to shut down.
import fc from 'fast-check';
import type pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import { eventStoreProperty } from 'kykypolku/testing';
import { createPostgresStore, type SqlEventStore, type SqlStoreOptions } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';
import { describeDeadlineClaimsContract } from './deadlineClaimsContract.js';
import { describeSqlStoreFailures } from './sqlStoreFailures.js';
import { describeIntegrityContract } from './integrityContract.js';
import { schemaVersions } from '../support/schemaSteps.js';

const postgres = useThrowawayServer();
const partitions = { byHashOfCase: 16 } as const;

let pool: pg.Pool;
let store: SqlEventStore;

beforeAll(async () => {
  pool = (await postgres.freshPool(4)).pool;
  store = createPostgresStore({ pool, partitions });
  await store.migrate();
}, 120_000);

const tables = 'kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines';

/** The partitioned store, its tables emptied. */
async function emptyStore(): Promise<SqlEventStore> {
  await pool.query(`TRUNCATE ${tables}`);
  return store;
}

it('partitions the events, case rows, heads and deadlines by hash of the case id', async () => {
  const { pool } = await postgres.freshPool(2);
  const store = createPostgresStore({ pool, partitions });
  const report = await store.migrate();
  expect(report).toMatchObject({ applied: [...schemaVersions, 7].sort((a, b) => a - b), partitions });
  const { rows } = await pool.query<{ relname: string; key: string; parts: number }>(
    `SELECT c.relname, pg_get_partkeydef(c.oid) AS key, (SELECT count(*)::int FROM pg_inherits i WHERE i.inhparent = c.oid) AS parts
       FROM pg_class c WHERE c.relkind = 'p' AND c.relname LIKE 'kykypolku%' ORDER BY c.relname`,
  );
  expect(rows).toEqual(
    ['kykypolku_cases', 'kykypolku_deadlines', 'kykypolku_events', 'kykypolku_heads'].map((relname) => ({
      relname,
      key: 'HASH (case_id)',
      parts: 16,
    })),
  );
  // Opened again, with or without asking, it stays as it is.
  expect(await store.migrate()).toEqual({ version: report.version, applied: [], partitions });
  expect(await createPostgresStore({ pool }).migrate()).toEqual({ version: report.version, applied: [], partitions });
});

describeEventStoreContract('the partitioned PostgreSQL store', emptyStore);
describeIndexedStoreContract('the partitioned PostgreSQL store', emptyStore);
describeDeadlineClaimsContract('the partitioned PostgreSQL store', emptyStore);
describeSqlStoreFailures('the partitioned PostgreSQL store', async () => ({
  store: await emptyStore(),
  exec: async (sql) => void (await pool.query(sql)),
}));
describeIntegrityContract('the partitioned PostgreSQL store', async (options) => {
  await pool.query(`TRUNCATE ${tables}, kykypolku_integrity`);
  const reopen = async (reopened: SqlStoreOptions) => {
    const opened = createPostgresStore({ pool, partitions, ...reopened });
    await opened.migrate();
    return opened;
  };
  return { store: await reopen(options), reopen, sql: async (text, values) => (await pool.query(text, values)).rows };
});

it('agrees with the model of an event store in random runs of appends, stale appends and reads', async () => {
  // The integrity contract above may have left the database keyed: this store opens it without a key.
  await pool.query(`TRUNCATE ${tables}, kykypolku_integrity`);
  const unkeyed = createPostgresStore({ pool, partitions });
  await unkeyed.migrate();
  const empty = async () => {
    await pool.query(`TRUNCATE ${tables}`);
    return unkeyed;
  };
  await fc.assert(eventStoreProperty(reviewPath, empty), propertyRun('partitioned PostgreSQL store against the model', 15));
}, 180_000);

it('agrees with the model when it reads in pages of 7 rows, so every run crosses many pages', async () => {
  await pool.query(`TRUNCATE ${tables}, kykypolku_integrity`);
  const smallPages = createPostgresStore({ pool, partitions, readPageSize: 7 });
  await smallPages.migrate();
  const empty = async () => {
    // Positions from 1 again: text order and number order part at 10, 100, 1 000.
    await pool.query(`TRUNCATE ${tables} RESTART IDENTITY`);
    return smallPages;
  };
  await fc.assert(eventStoreProperty(reviewPath, empty), propertyRun('partitioned PostgreSQL store, pages of 7, against the model', 10));
}, 180_000);
