// The conformance suite on the partitioned schema: the PostgreSQL store migrated with
// `partitions: { byHashOfCase: 16 }` keeps the same contract as the unpartitioned one
// (test/store/postgresStore.int.test.ts runs the same suites on today's schema).
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { eventStoreProperty } from 'kykypolku/testing';
import { createPostgresStore, type SqlStoreOptions } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';
import { describeDeadlineClaimsContract } from './deadlineClaimsContract.js';
import { describeSqlStoreFailures } from './sqlStoreFailures.js';
import { describeIntegrityContract } from './integrityContract.js';

const postgres = useThrowawayServer();
const partitions = { byHashOfCase: 16 } as const;

/** A store on a fresh database of the throwaway server, migrated to the partitioned schema. */
async function freshStore(options: SqlStoreOptions = {}) {
  const { pool } = await postgres.freshPool(4);
  const store = createPostgresStore({ pool, partitions, ...options });
  await store.migrate();
  return store;
}

it('partitions the events, case rows, heads and deadlines by hash of the case id', async () => {
  const { pool } = await postgres.freshPool(2);
  const store = createPostgresStore({ pool, partitions });
  const report = await store.migrate();
  expect(report).toMatchObject({ applied: [1, 2, 3, 7], partitions });
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

describeEventStoreContract('the partitioned PostgreSQL store', () => freshStore());
describeIndexedStoreContract('the partitioned PostgreSQL store', () => freshStore());
describeDeadlineClaimsContract('the partitioned PostgreSQL store', () => freshStore());
describeSqlStoreFailures('the partitioned PostgreSQL store', async () => {
  const { pool } = await postgres.freshPool(4);
  const store = createPostgresStore({ pool, partitions });
  await store.migrate();
  return { store, exec: async (sql) => void (await pool.query(sql)) };
});
describeIntegrityContract('the partitioned PostgreSQL store', async (options) => {
  const { pool } = await postgres.freshPool(4);
  const reopen = async (reopened: SqlStoreOptions) => {
    const store = createPostgresStore({ pool, partitions, ...reopened });
    await store.migrate();
    return store;
  };
  return { store: await reopen(options), reopen, sql: async (text, values) => (await pool.query(text, values)).rows };
});

it('agrees with the model of an event store in random runs of appends, stale appends and reads', async () => {
  await fc.assert(
    eventStoreProperty(reviewPath, () => freshStore()),
    propertyRun('partitioned PostgreSQL store against the model', 10),
  );
}, 180_000);

it('agrees with the model when it reads in pages of 7 rows, so every run crosses many pages', async () => {
  await fc.assert(
    eventStoreProperty(reviewPath, () => freshStore({ readPageSize: 7 })),
    propertyRun('partitioned PostgreSQL store, pages of 7, against the model', 10),
  );
}, 180_000);
