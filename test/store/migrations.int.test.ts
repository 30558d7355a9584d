import { expect, it } from 'vitest';
import { createPostgresStore } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';

const postgres = useThrowawayServer();

it('migrates a new database once when four processes start at the same moment, each with its own connections', async () => {
  const url = await postgres.server.createDatabase();
  const pools = Array.from({ length: 4 }, () => postgres.newPool(url, 1));
  const stores = pools.map((pool) => createPostgresStore({ pool }));
  const reports = await Promise.all(stores.map((store) => store.migrate()));
  expect(reports.filter((report) => report.applied.length > 0)).toEqual([{ version: 1, applied: [1] }]);
  expect(reports.every((report) => report.version === 1)).toBe(true);
  expect(await stores[0]!.migrate()).toEqual({ version: 1, applied: [] });
  const { rows } = await pools[0]!.query<{ version: number }>('SELECT version FROM kykypolku_schema_migrations');
  expect(rows).toEqual([{ version: 1 }]);
});

it('tells a host that forgot to migrate what to do', async () => {
  const { pool } = await postgres.freshPool(1);
  await expect(createPostgresStore({ pool }).read('case-1')).rejects.toThrow(/call store.migrate\(\) once/);
});

it('refuses a pool that is not one', () => {
  expect(() => createPostgresStore({ pool: {} as never })).toThrow(/pass \{ pool \}/);
});
