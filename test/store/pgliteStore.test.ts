import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';

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
