import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventStoreProperty } from 'kykypolku/testing';
import { createPgliteStore, type PgliteStore, type SqlStoreOptions } from 'kykypolku/postgres';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';
import { describeDeadlineClaimsContract } from './deadlineClaimsContract.js';
import { describeOrganisationContract } from './organisationContract.js';
import { describeAccessLogContract } from './accessLogContract.js';
import { describeConsentContract } from './consentContract.js';
import { describeOrganisationRetentionContract } from './organisationRetentionContract.js';
import { describeSqlStoreFailures } from './sqlStoreFailures.js';
import { describeIntegrityContract } from './integrityContract.js';
import { describeRetentionContract } from './retentionContract.js';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';
import { latestSchemaVersion } from '../support/schemaSteps.js';

// One embedded database for the whole file (it takes seconds to start); each test starts from
// empty tables.
let db: PGlite;
let store: PgliteStore;

beforeAll(async () => {
  db = new PGlite();
  store = await createPgliteStore({ db });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await db?.close();
});

async function emptyStore() {
  await db.exec('TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines, kykypolku_erasure_receipts');
  return store;
}

it('migrates once: a second migrate() finds nothing to do', async () => {
  expect(await store.migrate()).toEqual({ version: latestSchemaVersion, applied: [] });
});

describeEventStoreContract('the PGlite store', emptyStore);
describeIntegrityContract('the PGlite store', async (options) => {
  await db.exec(
    'TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines, kykypolku_integrity, kykypolku_access_log, kykypolku_consents',
  );
  const reopen = (reopened: SqlStoreOptions) => createPgliteStore({ db, ...reopened });
  return { store: await reopen(options), reopen, sql: async (text, values) => (await db.query(text, values)).rows as never };
});
describeIndexedStoreContract('the PGlite store', emptyStore);
describeDeadlineClaimsContract('the PGlite store', emptyStore);
describeRetentionContract('the PGlite store', async (options = {}) => {
  await db.exec(
    'TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines, kykypolku_erasure_receipts, kykypolku_integrity',
  );
  return { store: await createPgliteStore({ db, ...options }), sql: async (text, values) => (await db.query(text, values)).rows as never };
});

/** Empty tables and no recorded integrity mode (the integrity contract leaves one), opened for `organisation`. */
async function emptyStoreFor(organisation?: string) {
  await db.exec(
    'TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines, kykypolku_integrity, kykypolku_access_log, kykypolku_consents',
  );
  return createPgliteStore({ db, ...(organisation ? { organisation } : {}) });
}

describeEventStoreContract('the PGlite store opened for an organisation', () => emptyStoreFor('county-a'));
describeIndexedStoreContract('the PGlite store opened for an organisation', () => emptyStoreFor('county-a'));
describeOrganisationContract('the PGlite store', async () => ({
  unscoped: await emptyStoreFor(),
  forOrganisation: (organisation) => createPgliteStore({ db, organisation }),
}));
describeConsentContract('the PGlite store', async () => ({
  unscoped: await emptyStoreFor(),
  forOrganisation: (organisation) => createPgliteStore({ db, organisation }),
}));
describeAccessLogContract('the PGlite store', async () => ({
  unscoped: await emptyStoreFor(),
  forOrganisation: (organisation) => createPgliteStore({ db, organisation }),
}));
describeOrganisationRetentionContract('the PGlite store', async () => {
  await db.exec('TRUNCATE kykypolku_erasure_receipts');
  return { unscoped: await emptyStoreFor(), forOrganisation: (organisation) => createPgliteStore({ db, organisation }) };
});
describeSqlStoreFailures('the PGlite store', async () => ({ store: await emptyStore(), exec: async (sql) => void (await db.exec(sql)) }));

it('agrees with the model of an event store in random runs of appends, stale appends and reads', async () => {
  await fc.assert(eventStoreProperty(reviewPath, emptyStore), propertyRun('PGlite store against the model', 25));
});

it('agrees with the model when it reads in pages of 7 rows, so every run crosses many pages', async () => {
  // The integrity contract above may have left the database keyed: this store opens it without a key.
  await db.exec(
    'TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines, kykypolku_integrity, kykypolku_access_log, kykypolku_consents',
  );
  const smallPages = await createPgliteStore({ db, readPageSize: 7 });
  const empty = async () => {
    // Positions from 1 again: text order and number order part at 10, 100, 1 000.
    await db.exec('TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines RESTART IDENTITY');
    return smallPages;
  };
  await fc.assert(eventStoreProperty(reviewPath, empty), propertyRun('PGlite store, pages of 7, against the model', 25));
}, 180_000);
