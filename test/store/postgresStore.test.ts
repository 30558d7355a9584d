import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresStore } from 'kykypolku/postgres';
import { startPostgresServer, type PostgresServer } from '../support/postgresServer.js';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';

let server: PostgresServer;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server?.dispose();
});

/** A store on a fresh database of the throwaway server, migrated. */
async function freshStore() {
  const pool = new pg.Pool({ connectionString: await server.createDatabase(), max: 4 });
  pools.push(pool);
  const store = createPostgresStore({ pool });
  await store.migrate();
  return store;
}

it('runs on a real PostgreSQL server', () => {
  expect(server.version).toMatch(/^\d+/);
  process.stdout.write(`PostgreSQL server ${server.version} on port ${server.port}\n`);
});

describeEventStoreContract('the PostgreSQL store', freshStore);
describeIndexedStoreContract('the PostgreSQL store', freshStore);
