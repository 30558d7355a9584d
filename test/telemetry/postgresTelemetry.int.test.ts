import pg from 'pg';
import { createPostgresStore } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';
import { describeStoreTelemetry } from './storeTelemetryContract.js';

const postgres = useThrowawayServer();

describeStoreTelemetry('the PostgreSQL store', {
  kind: 'postgresql',
  async fresh(options) {
    const { pool } = await postgres.freshPool(4);
    const store = createPostgresStore({ pool, ...(options?.caseIds ? { telemetry: { recordCaseIds: true } } : {}) });
    await store.migrate();
    return store;
  },
  async unreachable() {
    // Port 1 answers no one: every connection is refused.
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', max: 1, connectionTimeoutMillis: 2_000 });
    pool.on('error', () => undefined);
    return createPostgresStore({ pool });
  },
  async failing() {
    const { pool } = await postgres.freshPool(4);
    const store = createPostgresStore({ pool });
    await store.migrate();
    await pool.query('DROP TABLE kykypolku_heads CASCADE');
    return store;
  },
});
