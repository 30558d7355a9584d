/**
 * Issue 18's benchmark: every declared indicator for a year by month on a PostgreSQL server
 * holding 100 000 cases (≈ 1.5 M events), timed as a ratio to one scan of the events table, with
 * the plan of each statement (EXPLAIN ANALYZE).
 *
 * The store is seeded from real cohorts: a base cohort of each path recorded through the rules and
 * appended through the store, then copied in SQL under new case ids, each copy shifted by whole
 * days so the year's months fill (the statements read only the case rows and the events, so the
 * copies need no chain of their own). KYKYPOLKU_BENCH_CASES sets the size (default 100 000).
 * Copy k belongs to organisation `org-<k % 4>` (the base cohort to none), so each indicator is also
 * timed grouped by organisation, and on a store opened for one organisation.
 */
import { expect, it } from 'vitest';
import { type AnyPathDefinition, countIndicators, projectCase, simulateCohort } from 'kykypolku';
import { coordinatorServicePath, ipsJobCoachingPath, supportTeamIntakePath, workabilityPath } from 'kykypolku/paths';
import { createPostgresStore } from 'kykypolku/postgres';
import { checkIndicatorQuery } from '../../src/indicators/indicatorPeriod.js';
import { indicatorStatement } from '../../src/indicators/indicatorSql.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { medianOf } from './harness.js';

const postgres = useThrowawayServer({ durable: false });

const targetCases = Number(process.env.KYKYPOLKU_BENCH_CASES ?? 100_000);
// Base cohorts per path (their share of the store) and how many copies of each make the target.
const base: readonly { definition: AnyPathDefinition; clients: number }[] = [
  { definition: workabilityPath, clients: 1_500 },
  { definition: ipsJobCoachingPath, clients: 300 },
  { definition: supportTeamIntakePath, clients: 200 },
  { definition: coordinatorServicePath, clients: 200 },
];
const query = { from: '2025-01-01', to: '2025-12-31', by: 'month' } as const;
const rounds = 5;

it('counts each indicator for a year by month, as a ratio to one scan of the events', async () => {
  const url = await postgres.server.createDatabase();
  const pool = postgres.newPool(url, 4);
  const store = createPostgresStore({ pool });
  await store.migrate();
  const baseClients = base.reduce((sum, entry) => sum + entry.clients, 0);
  // At least the target: 2 200 base cases × 46 copies = 101 200 cases.
  const copies = Math.max(1, Math.ceil(targetCases / baseClients));
  let started = performance.now();
  for (const { definition, clients } of base) {
    const cohort = simulateCohort(definition, { clients, seed: 1, faultRate: 0 });
    for (const live of cohort.cases) {
      const saved = await store.append(live.caseId, live.history, { expectedSeq: 0, projection: projectCase(live) });
      if (!saved.ok) throw new Error(saved.failure.message);
    }
  }
  // Copy k of every base case: a new id, every instant k days later (so the months fill).
  const shifted = (column: string) =>
    `to_char((${column}::timestamptz + make_interval(days => k % 365)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  await pool.query(
    `INSERT INTO kykypolku_events (case_id, organisation, seq, event_id, path_id, path_version, type, at, at_instant, actor_role,
                                   actor_id, payload, digest, chain)
     SELECT e.case_id || '~' || k, 'org-' || (k % 4), e.seq, e.event_id, e.path_id, e.path_version, e.type, ${shifted('e.at')},
            ${shifted('e.at')}::timestamptz, e.actor_role, e.actor_id, e.payload, e.digest, e.chain
     FROM kykypolku_events e CROSS JOIN generate_series(1, $1::int - 1) AS k`,
    [copies],
  );
  await pool.query(
    `INSERT INTO kykypolku_cases (case_id, organisation, last_seq, path_id, path_version, last_event_at, state, status, assignee,
                                  next_due, next_due_at)
     SELECT c.case_id || '~' || k, 'org-' || (k % 4), c.last_seq, c.path_id, c.path_version, ${shifted('c.last_event_at')}, c.state, c.status, c.assignee, NULL, NULL
     FROM kykypolku_cases c CROSS JOIN generate_series(1, $1::int - 1) AS k WHERE c.case_id NOT LIKE '%~%'`,
    [copies],
  );
  await pool.query('VACUUM ANALYZE kykypolku_events');
  await pool.query('VACUUM ANALYZE kykypolku_cases');
  const size = await pool.query<{ cases: number; events: number }>(
    'SELECT (SELECT count(*)::int FROM kykypolku_cases) AS cases, (SELECT count(*)::int FROM kykypolku_events) AS events',
  );
  const { cases, events } = size.rows[0]!;
  const seedSeconds = (performance.now() - started) / 1000;
  const lines = [
    '',
    `seeded ${cases.toLocaleString('en-US')} cases, ${events.toLocaleString('en-US')} events in ${seedSeconds.toFixed(0)} s ` +
      `(${baseClients} cases through the store, ${copies} copies)`,
  ];

  // One scan of the events, reading every row's instant: the unit the indicators are measured in.
  const scanTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    started = performance.now();
    await pool.query('SELECT count(*), max(at) FROM kykypolku_events');
    scanTimes.push(performance.now() - started);
  }
  const scan = medianOf(scanTimes);
  lines.push(`one scan of the events (SELECT count(*), max(at)): median ${scan.toFixed(0)} ms over ${rounds}`);

  const checked = checkIndicatorQuery(query);
  if (!checked.ok) throw new Error(checked.message);
  const plans: string[] = [];
  const scopedStore = createPostgresStore({ pool, organisation: 'org-1' });
  /** The median time of a count over `rounds`. */
  const timed = async (count: () => Promise<unknown>) => {
    const each: number[] = [];
    for (let round = 0; round < rounds; round++) {
      started = performance.now();
      await count();
      each.push(performance.now() - started);
    }
    return medianOf(each);
  };
  for (const { definition } of base) {
    for (const indicator of definition.indicators ?? []) {
      const times: number[] = [];
      for (let round = 0; round < rounds; round++) {
        started = performance.now();
        const counted = await countIndicators(store, [{ id: definition.id, indicators: [indicator] }], query);
        times.push(performance.now() - started);
        expect(counted.ok && counted.cells.length).toBeGreaterThan(0);
      }
      const time = medianOf(times);
      const statement = indicatorStatement(definition.id, indicator, checked.query);
      // The same statement as it read before schema step 4: casting each event's text `at`.
      const castText = statement.text.replaceAll('e.at_instant', 'e.at::timestamptz');
      const castTimes: number[] = [];
      for (let round = 0; round < rounds; round++) {
        started = performance.now();
        await underAggregateSettings(pool, castText, statement.values);
        castTimes.push(performance.now() - started);
      }
      const cast = medianOf(castTimes);
      const only = [{ id: definition.id, indicators: [indicator] }];
      const grouped = await timed(() => countIndicators(store, only, { ...query, byOrganisation: true }));
      const scoped = await timed(() => countIndicators(scopedStore, only, query));
      lines.push(
        `${`${definition.id}/${indicator.id}`.padEnd(66)} ${time.toFixed(0).padStart(6)} ms  ${(time / scan).toFixed(2)}× a scan` +
          `   (casting the text at: ${cast.toFixed(0)} ms, ${(cast / scan).toFixed(2)}×)` +
          `   by organisation ${grouped.toFixed(0)} ms, ${(grouped / scan).toFixed(2)}×; one organisation's store ` +
          `${scoped.toFixed(0)} ms, ${(scoped / scan).toFixed(2)}×`,
      );
      const plan = await underAggregateSettings<{ 'QUERY PLAN': string }>(
        pool,
        `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
        statement.values,
      );
      plans.push(`plan of ${definition.id}/${indicator.id}:`, ...plan.map((row) => `    ${row['QUERY PLAN']}`));
    }
  }
  process.stdout.write(`${[...lines, '', ...plans].join('\n')}\n`);
}, 1_800_000);

/** A statement run as the store's aggregate() runs it: one transaction with its work_mem. */
async function underAggregateSettings<TRow extends object>(
  pool: import('pg').Pool,
  text: string,
  values: readonly unknown[],
): Promise<TRow[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL work_mem = '64MB'`);
    const result = await client.query<TRow>(text, [...values]);
    await client.query('ROLLBACK');
    return result.rows;
  } finally {
    client.release();
  }
}
