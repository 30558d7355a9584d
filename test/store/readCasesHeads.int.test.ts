// readCases reads a page of whole cases with each case's head beside its rows (one statement, one
// snapshot). The heads were joined without a bound: the server merge-joined the heads index from its
// first case, so every page read every head before it, and a scan of a large store read its heads
// quadratically (at 100 000 cases, 100 000 heads for each page near the end). The plan of the very
// statement readCases sends, planned for its values and as the generic plan a prepared statement
// falls back to, must read about as many heads as the page holds cases.
import { expect, it } from 'vitest';
import { createPostgresStore } from 'kykypolku/postgres';
import { storeStatements } from '../../src/store/postgres/storeStatements.js';
import { useThrowawayServer } from '../support/postgresServer.js';

const postgres = useThrowawayServer();

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Actual Rows'?: number;
  readonly 'Actual Loops'?: number;
  readonly Plans?: readonly PlanNode[];
}

/** The rows the plan read from kykypolku_heads, over all its scans and loops. */
function headsRead(node: PlanNode): number {
  const own = node['Relation Name'] === 'kykypolku_heads' ? (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + headsRead(child), 0);
}

it('reads only the heads of the cases on the page, however many cases come before it', async () => {
  const { pool } = await postgres.freshPool(1);
  await createPostgresStore({ pool }).migrate();
  const cases = 3000;
  // Rows made in SQL (the plan is what is checked, not the digests): one event and one head per case.
  await pool.query(
    `INSERT INTO kykypolku_events (case_id, seq, path_id, path_version, type, at, actor_role, actor_id, payload, digest, chain, at_instant)
     SELECT 'c' || lpad(n::text, 6, '0'), 1, 'p', 1, 'T', '2025-01-01T00:00:00Z', 'r', 'a', '{}', 'd', 'l', '2025-01-01T00:00:00Z'
       FROM generate_series(1, $1::int) AS n`,
    [cases],
  );
  await pool.query(
    `INSERT INTO kykypolku_heads (case_id, last_seq, chain, seal, last_position)
     SELECT case_id, 1, 'l', 's', position FROM kykypolku_events`,
  );
  await pool.query('ANALYZE kykypolku_events');
  await pool.query('ANALYZE kykypolku_heads');
  const client = await pool.connect();
  try {
    await client.query(`PREPARE page AS ${storeStatements.readCasesPage.text}`);
    for (const mode of ['force_custom_plan', 'force_generic_plan']) {
      await client.query(`SET plan_cache_mode = ${mode}`);
      // A page of 50 rows near the end of the store: 2 900 cases come before it.
      const { rows } = await client.query<{ 'QUERY PLAN': readonly [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE page('c002900', 1, 50, NULL)`,
      );
      const read = headsRead(rows[0]!['QUERY PLAN'][0].Plan);
      expect(read, `heads read with ${mode}`).toBeLessThanOrEqual(60);
    }
  } finally {
    client.release();
  }
});
