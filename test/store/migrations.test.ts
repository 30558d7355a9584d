import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresStore } from 'kykypolku/postgres';
import { startPostgresServer, type PostgresServer } from '../support/postgresServer.js';

let server: PostgresServer;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server?.dispose();
});

it('migrates a new database once when four processes start at the same moment, each with its own connections', async () => {
  const url = await server.createDatabase();
  const stores = Array.from({ length: 4 }, () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pools.push(pool);
    return createPostgresStore({ pool });
  });
  const reports = await Promise.all(stores.map((store) => store.migrate()));
  expect(reports.filter((report) => report.applied.length > 0)).toEqual([{ version: 1, applied: [1] }]);
  expect(reports.every((report) => report.version === 1)).toBe(true);
  expect(await stores[0]!.migrate()).toEqual({ version: 1, applied: [] });
  const { rows } = await pools[0]!.query<{ version: number }>('SELECT version FROM kykypolku_schema_migrations');
  expect(rows).toEqual([{ version: 1 }]);
});

it('tells a host that forgot to migrate what to do', async () => {
  const pool = new pg.Pool({ connectionString: await server.createDatabase(), max: 1 });
  pools.push(pool);
  await expect(createPostgresStore({ pool }).read('case-1')).rejects.toThrow(/call store.migrate\(\) once/);
});

it('refuses a pool that is not one', () => {
  expect(() => createPostgresStore({ pool: {} as never })).toThrow(/pass \{ pool \}/);
});
