// Partitioned by hash of the case id (createPostgresStore({ partitions: { byHashOfCase: 16 } })),
// every statement about one case reads one partition of each table: the server's plans for every
// `case` statement the store sends, both as planned for its values (plan-time pruning) and as the
// generic plan a prepared statement falls back to after five runs (pruning when the executor
// starts). docs/operations.md ("Partitioning") shows the plans this prints.
import type pg from 'pg';
import { expect, it } from 'vitest';
import { createPostgresStore } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';
import { recordingPool, runEveryStatement, tagOf, taggedOnly, type Issued } from '../support/statementWorkload.js';
import { longCase } from '../support/longCases.js';
import { storeStatements } from '../../src/store/postgres/storeStatements.js';

const postgres = useThrowawayServer();
const partitions = 16;
const partitionedTables = ['kykypolku_events', 'kykypolku_cases', 'kykypolku_heads', 'kykypolku_deadlines'];

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Subplans Removed'?: number;
  readonly 'Index Cond'?: string;
  readonly Plans?: readonly PlanNode[];
}

/**
 * The consent rows (schema step 8) are one small table keyed by `(case_id, grantee, given_seq)` and not
 * partitioned (step 7 partitions the four tables a case's events fill): a statement about one case may read
 * it only through its key, by the case id, never by a scan.
 */
function unpartitionedLookups(node: PlanNode): PlanNode[] {
  const own = node['Relation Name'] === 'kykypolku_consents' && node['Node Type'] !== 'ModifyTable' ? [node] : [];
  return [...own, ...(node.Plans ?? []).flatMap(unpartitionedLookups)];
}

/** The tables and partitions a plan reads (its scans; a ModifyTable's targets are not scans). */
function scannedRelations(node: PlanNode): string[] {
  const own = node['Relation Name']?.startsWith('kykypolku_') && node['Node Type'] !== 'ModifyTable' ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scannedRelations)];
}

/** A value as an SQL literal, for EXECUTE of a prepared statement. */
function literal(client: pg.PoolClient, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => (item === null ? 'NULL' : `"${String(item).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`));
    return client.escapeLiteral(`{${items.join(',')}}`);
  }
  return client.escapeLiteral(String(value));
}

/** The remainder of the case's hash: the partition number that holds its rows, in every table. */
async function partitionOf(client: pg.PoolClient, caseId: string): Promise<number> {
  const { rows } = await client.query<{ r: number }>(
    `SELECT r FROM generate_series(0, $2::int - 1) AS r WHERE satisfies_hash_partition('kykypolku_events'::regclass, $2::int, r, $1::text)`,
    [caseId, partitions],
  );
  return rows[0]!.r;
}

it('reads one partition of each table for every statement about one case, in custom and in generic plans', async () => {
  const { pool } = await postgres.freshPool(4);
  const issued: Issued[] = [];
  const store = createPostgresStore({ pool: recordingPool(pool, issued), partitions: { byHashOfCase: partitions } });
  expect(await store.migrate()).toMatchObject({ applied: expect.arrayContaining([7]), partitions: { byHashOfCase: partitions } });
  // 12 000 events in 2 000 cases, so no plan is about near-empty tables.
  for (let n = 0; n < 2000; n++) {
    const history = longCase(`filler-${n}`, 6, n);
    expect(await store.append(history[0]!.caseId, history, { expectedSeq: 0 })).toMatchObject({ ok: true });
  }
  issued.length = 0;
  await runEveryStatement(store);
  // readHead is sent only when two concurrent appends race one way: planned here whichever way they went.
  issued.push({ text: storeStatements.readHead.text, values: ['doc-1', null] });
  const client = await pool.connect();
  const plans = new Map<string, { custom: string; generic: string; scanned: string[] }>();
  try {
    await client.query('ANALYZE');
    // The consent table holds a handful of rows here, which the planner would rather scan whole; with
    // sequential scans priced out, a plan shows whether a statement can reach its rows by the case's key.
    // Which partitions a plan reads does not depend on it.
    await client.query('SET enable_seqscan = off');
    const { rows: kinds } = await client.query<{ relname: string; relkind: string; parts: number }>(
      `SELECT c.relname, c.relkind, (SELECT count(*)::int FROM pg_inherits i WHERE i.inhparent = c.oid) AS parts
         FROM pg_class c WHERE c.relname = ANY($1::text[]) ORDER BY c.relname`,
      [partitionedTables],
    );
    expect(kinds).toEqual([...partitionedTables].sort().map((relname) => ({ relname, relkind: 'p', parts: partitions })));
    let prepared = 0;
    for (const statement of taggedOnly(issued)) {
      const tag = tagOf(statement.text);
      if (tag?.scope !== 'case') continue;
      const caseId = String(statement.values[0]);
      const expected = await partitionOf(client, caseId);
      // Planned for its values, as a custom plan.
      const custom = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, [
        ...statement.values,
      ]);
      // The generic plan of the same statement, prepared as pg prepares a named statement.
      const name = `probe_${++prepared}`;
      await client.query(`PREPARE ${name} AS ${statement.text}`);
      await client.query('SET plan_cache_mode = force_generic_plan');
      const execute = `EXECUTE ${name}(${statement.values.map((value) => literal(client, value)).join(', ')})`;
      const generic = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${execute}`);
      const genericText = plans.has(tag.name)
        ? ''
        : (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${execute}`)).rows.map((row) => row['QUERY PLAN']).join('\n');
      await client.query('RESET plan_cache_mode');
      await client.query(`DEALLOCATE ${name}`);
      for (const [kind, plan] of [
        ['custom', custom.rows[0]!['QUERY PLAN'][0].Plan],
        ['generic', generic.rows[0]!['QUERY PLAN'][0].Plan],
      ] as const) {
        for (const lookup of unpartitionedLookups(plan)) {
          expect(lookup['Node Type'], `${tag.name} (${kind} plan) reads kykypolku_consents`).toMatch(
            /^(Index|Index Only|Bitmap Index) Scan$/,
          );
          expect(lookup['Index Cond'], `${tag.name} (${kind} plan) looks consents up by case`).toMatch(/case_id/);
        }
        const scanned = scannedRelations(plan).filter((relation) => relation !== 'kykypolku_consents');
        for (const relation of scanned) {
          expect(relation, `${tag.name} (${kind} plan) reads ${relation}, case ${caseId} is in partition ${expected}`).toMatch(
            new RegExp(`^kykypolku_(events|cases|heads|deadlines)_p${expected}$`),
          );
        }
        if (kind === 'custom' && !plans.has(tag.name)) {
          const text = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${statement.text}`, [...statement.values]);
          const customText = text.rows.map((row) => row['QUERY PLAN']).join('\n');
          plans.set(tag.name, { custom: customText, generic: genericText, scanned: [...new Set(scanned)] });
        }
      }
    }
  } finally {
    client.release();
  }
  // Every statement about one case the store has (storeStatements.ts, the two appends, the purge's, the consents').
  expect([...plans.keys()].sort()).toEqual([
    'appendProjected',
    'appendUnprojected',
    'caseSeq',
    'claimStanding',
    'clearProjection',
    'closedRow',
    'eventsByIds',
    'giveConsent',
    'lockHead',
    'purgeCase',
    'readCase',
    'readHead',
    'restoreConsents',
    'settleClaim',
    'withdrawConsent',
    'writeProjection',
  ]);
  // The reads are not vacuous: reading a case scans its events and its head, in their one partition.
  expect(
    plans
      .get('readCase')!
      .scanned.map((relation) => relation.replace(/_p\d+$/, ''))
      .sort(),
  ).toEqual(['kykypolku_events', 'kykypolku_heads']);
  process.stdout.write(`PostgreSQL ${postgres.server.version}, ${partitions} partitions\n`);
  for (const [name, plan] of plans) {
    process.stdout.write(
      `\n-- ${name}: ${plan.scanned.join(', ') || 'no scan'}\n${plan.custom}\n-- ${name}, generic plan\n${plan.generic}\n`,
    );
  }
}, 180_000);
