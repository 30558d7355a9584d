import fc from 'fast-check';
import { expect, it } from 'vitest';
import { eventStoreProperty } from 'kykypolku/testing';
import { checkCaseload, createCaseloadIndex, openCaseStore } from 'kykypolku';
import { ipsJobCoachingPath } from 'kykypolku/paths';
import { createPostgresStore, type SqlStoreOptions } from 'kykypolku/postgres';
import { closedWith, coachAssigned, referralReceived } from '../support/ipsInputs.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';
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

const postgres = useThrowawayServer();

/** A store on a fresh database of the throwaway server, migrated. */
async function freshStore() {
  const { pool } = await postgres.freshPool(4);
  const store = createPostgresStore({ pool });
  await store.migrate();
  return store;
}

it('runs on a real PostgreSQL server', () => {
  expect(postgres.server.version).toMatch(/^\d+/);
  process.stdout.write(`PostgreSQL server ${postgres.server.version} on port ${postgres.server.port}\n`);
});

describeEventStoreContract('the PostgreSQL store', freshStore);
describeIndexedStoreContract('the PostgreSQL store', freshStore);
describeDeadlineClaimsContract('the PostgreSQL store', freshStore);
describeRetentionContract('the PostgreSQL store', async (options = {}) => {
  const { pool } = await postgres.freshPool(4);
  const store = createPostgresStore({ pool, ...options });
  await store.migrate();
  return { store, sql: async (text, values) => (await pool.query(text, values)).rows };
});
describeEventStoreContract('the PostgreSQL store opened for an organisation', async () => {
  const { pool } = await postgres.freshPool(4);
  await createPostgresStore({ pool }).migrate();
  return createPostgresStore({ pool, organisation: 'county-a' });
});
describeIndexedStoreContract('the PostgreSQL store opened for an organisation', async () => {
  const { pool } = await postgres.freshPool(4);
  await createPostgresStore({ pool }).migrate();
  return createPostgresStore({ pool, organisation: 'county-a' });
});
describeOrganisationContract('the PostgreSQL store', async () => {
  const { pool } = await postgres.freshPool(4);
  const unscoped = createPostgresStore({ pool });
  await unscoped.migrate();
  return { unscoped, forOrganisation: async (organisation) => createPostgresStore({ pool, organisation }) };
});
describeConsentContract('the PostgreSQL store', async () => {
  const { pool } = await postgres.freshPool(4);
  const unscoped = createPostgresStore({ pool });
  await unscoped.migrate();
  return { unscoped, forOrganisation: async (organisation) => createPostgresStore({ pool, organisation }) };
});
describeAccessLogContract('the PostgreSQL store', async () => {
  const { pool } = await postgres.freshPool(4);
  const unscoped = createPostgresStore({ pool });
  await unscoped.migrate();
  return { unscoped, forOrganisation: async (organisation) => createPostgresStore({ pool, organisation }) };
});
describeOrganisationRetentionContract('the PostgreSQL store', async () => {
  const { pool } = await postgres.freshPool(4);
  const unscoped = createPostgresStore({ pool });
  await unscoped.migrate();
  return { unscoped, forOrganisation: async (organisation) => createPostgresStore({ pool, organisation }) };
});
describeSqlStoreFailures('the PostgreSQL store', async () => {
  const { pool } = await postgres.freshPool(4);
  const store = createPostgresStore({ pool });
  await store.migrate();
  return { store, exec: async (sql) => void (await pool.query(sql)) };
});
describeIntegrityContract('the PostgreSQL store', async (options) => {
  const { pool } = await postgres.freshPool(4);
  const reopen = async (reopened: SqlStoreOptions) => {
    const store = createPostgresStore({ pool, ...reopened });
    await store.migrate();
    return store;
  };
  return { store: await reopen(options), reopen, sql: async (text, values) => (await pool.query(text, values)).rows };
});

it("counts an IPS coach's caseload from its case rows, as the in-memory caseload index does", async () => {
  const store = await freshStore();
  const cases = openCaseStore(store, [ipsJobCoachingPath]);
  const coach = (id: string) => ({ role: 'coach', id }) as const;
  for (let n = 0; n < 12; n++) {
    const caseId = `ips-${n}`;
    await cases.record(caseId, referralReceived());
    await cases.record(caseId, coachAssigned(coach(n < 10 ? 'coach-7' : 'coach-8')));
    if (n === 0) await cases.record(caseId, closedWith('moved', coach('coach-7')));
  }
  const query = { pathId: 'ips-job-coaching', assignee: 'coach-7' };
  const index = createCaseloadIndex([ipsJobCoachingPath]);
  await index.catchUp(store);
  expect(await store.countActiveCases(query)).toBe(9);
  expect(await store.countActiveCases(query)).toBe(await index.countActiveCases(query));
  // Essote's half-time coaches: 10 clients at most (S1 001_55550c4af1568658.txt:243).
  expect(await checkCaseload(store, query, { fte: 0.5 })).toEqual({ ok: true, active: 9, cap: 10 });
  await cases.record('ips-12', referralReceived());
  await cases.record('ips-12', coachAssigned(coach('coach-7')));
  expect(await checkCaseload(store, query, { fte: 0.5 })).toMatchObject({
    ok: false,
    rejection: { code: 'CASELOAD_FULL', active: 10, cap: 10 },
  });
});

it('agrees with the model of an event store in random runs of appends, stale appends and reads', async () => {
  await fc.assert(eventStoreProperty(reviewPath, freshStore), propertyRun('PostgreSQL store against the model', 15));
});

it('agrees with the model when it reads in pages of 7 rows, so every run crosses many pages', async () => {
  const smallPages = async () => {
    const { pool } = await postgres.freshPool(4);
    const store = createPostgresStore({ pool, readPageSize: 7 });
    await store.migrate();
    return store;
  };
  await fc.assert(eventStoreProperty(reviewPath, smallPages), propertyRun('PostgreSQL store, pages of 7, against the model', 10));
}, 180_000);
