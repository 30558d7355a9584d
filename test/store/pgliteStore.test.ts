import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventStoreProperty } from 'kykypolku/testing';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';
import { describeSqlStoreFailures } from './sqlStoreFailures.js';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';

// One embedded database for the whole file (it takes seconds to start); each test starts from
// empty tables.
let db: PGlite;
let store: PgliteStore;

beforeAll(async () => {
  db = new PGlite();
  store = await createPgliteStore({ db });
});

afterAll(async () => {
  await store?.close();
  await db?.close();
});

async function emptyStore() {
  await db.exec('TRUNCATE kykypolku_events, kykypolku_cases');
  return store;
}

it('migrates once: a second migrate() finds nothing to do', async () => {
  expect(await store.migrate()).toEqual({ version: 1, applied: [] });
});

describeEventStoreContract('the PGlite store', emptyStore);
describeIndexedStoreContract('the PGlite store', emptyStore);
describeSqlStoreFailures('the PGlite store', async () => ({ store: await emptyStore(), exec: async (sql) => void (await db.exec(sql)) }));

it('agrees with the model of an event store in random runs of appends, stale appends and reads', async () => {
  await fc.assert(eventStoreProperty(reviewPath, emptyStore), propertyRun('PGlite store against the model', 25));
});
