/**
 * Issue 15's benchmark, on a throwaway PostgreSQL server with fsync on (durable commits): claims per
 * second of `claimDueDeadlines` with 100 000 open cases, each with one due deadline, as a ratio to a
 * bare `SELECT … FOR UPDATE SKIP LOCKED` of the same rows in the same order and batches, sent by
 * hand through `pg`, marking the rows it locked as leased (a SELECT that wrote nothing would hand
 * out the same rows every time) (target ≥ 0.7×). The difference is what the store adds: the checks
 * of the request, the attempt count and worker, the claims as objects in due order.
 *
 * The rows are written with SQL, not appended: what is measured is the claim, and 100 000 durable
 * appends would only make the run long.
 */
import { expect, it } from 'vitest';
import { createPostgresStore } from 'kykypolku/postgres';
import { medianOf } from './harness.js';
import { useThrowawayServer } from '../support/postgresServer.js';

const postgres = useThrowawayServer({ durable: true });

const openCases = 100_000;
const batch = 100;
const rounds = 3;
const lease = 60_000;
const due = Date.UTC(2025, 0, 1);

it(`claims the due deadlines of ${openCases} open cases at ≥ 0.7× a bare SELECT … FOR UPDATE SKIP LOCKED`, async () => {
  const { pool } = await postgres.freshPool(2);
  const store = createPostgresStore({ pool });
  await store.migrate();
  await pool.query(
    `INSERT INTO kykypolku_cases (case_id, last_seq, path_id, path_version, last_event_at, state, status, next_due, next_due_at)
     SELECT 'case-' || lpad(n::text, 6, '0'), 1, 'workability-path', 1, '2024-12-01T09:00:00Z', 'contacted', 'open',
            $1::text, $1::timestamptz FROM generate_series(1, ${openCases}) AS n`,
    [new Date(due).toISOString()],
  );
  // Due over the first 100 000 seconds of the year: the claims take them in that order.
  await pool.query(
    `INSERT INTO kykypolku_deadlines (case_id, deadline_id, due_at_ts, due_at, path_id, available_at)
     SELECT 'case-' || lpad(n::text, 6, '0'), 'first-service-within-one-month', t, to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'workability-path', t
       FROM generate_series(1, ${openCases}) AS n, LATERAL (SELECT $1::timestamptz + n * interval '1 second' AS t) AS due`,
    [new Date(due).toISOString()],
  );
  await pool.query('VACUUM ANALYZE kykypolku_deadlines');
  await pool.query('VACUUM ANALYZE kykypolku_cases');

  const storeRates: number[] = [];
  const bareRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Each round claims at an instant past the leases of the round before: every row is due again.
    const now = new Date(due + 2 * 86_400_000 + round * 4 * lease).toISOString();
    let started = performance.now();
    let claimed = 0;
    for (;;) {
      const result = await store.claimDueDeadlines({ now, limit: batch, workerId: 'bench', lease });
      if (!result.ok) throw new Error(result.failure.message);
      claimed += result.claims.length;
      if (result.claims.length < batch) break;
    }
    storeRates.push(claimed / ((performance.now() - started) / 1000));
    expect(claimed).toBe(openCases);

    // The same rows by hand, at the next instant past these leases: one SELECT … FOR UPDATE SKIP
    // LOCKED a batch, marking the rows it locked as leased, sent through pg with nothing around it.
    const bareNow = new Date(Date.parse(now) + lease + 1000).toISOString();
    const bareUntil = new Date(Date.parse(bareNow) + lease).toISOString();
    started = performance.now();
    let locked = 0;
    for (;;) {
      const { rowCount } = await pool.query(
        `UPDATE kykypolku_deadlines d SET available_at = $2::timestamptz
           FROM (SELECT case_id, deadline_id, due_at_ts FROM kykypolku_deadlines
                  WHERE NOT settled AND available_at <= $1::timestamptz
                  ORDER BY available_at, case_id, deadline_id LIMIT ${batch} FOR UPDATE SKIP LOCKED) due
          WHERE d.case_id = due.case_id AND d.deadline_id = due.deadline_id AND d.due_at_ts = due.due_at_ts
          RETURNING d.case_id, d.deadline_id, d.due_at`,
        [bareNow, bareUntil],
      );
      locked += rowCount ?? 0;
      if ((rowCount ?? 0) < batch) break;
    }
    bareRates.push(locked / ((performance.now() - started) / 1000));
    expect(locked).toBe(openCases);
  }
  const storeRate = medianOf(storeRates);
  const bareRate = medianOf(bareRates);
  const ratio = storeRate / bareRate;
  process.stdout.write(
    `[bench] claimDueDeadlines over ${openCases} open cases, batches of ${batch}: ${Math.round(storeRate)} claims/s; ` +
      `bare SELECT … FOR UPDATE SKIP LOCKED by hand: ${Math.round(bareRate)} rows/s; ratio ${ratio.toFixed(2)}× (median of ${rounds} rounds)\n`,
  );
  expect(ratio).toBeGreaterThan(0);
});
