// A purge of 6 000 closed cases (18 000 events: past the 5 000-row read page and the 5 000-case
// plan page) on a real PostgreSQL server, stopped with `pg_ctl -m immediate` in the middle: every
// case is then whole (events, head and row) or gone with a receipt, a receipt exactly for each gone
// case, each receipt with the organisation its case had (schema step 9); a second run finishes the
// purge (issue 16 item 3).
import { expect, it } from 'vitest';
import { openCaseStore, type UnreadableCase } from 'kykypolku';
import { createPostgresStore, type PgPoolLike, type PgQueryConfig } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';
import { retentionCatalogue, reviewHistory, rules, storeCase } from '../support/retentionCases.js';

const postgres = useThrowawayServer();
const caseCount = 6000;
const now = '2040-01-01T00:00:00Z';

interface CaseState {
  readonly case_id: string;
  readonly events: number;
  readonly heads: number;
  readonly rows: number;
  readonly receipts: number;
  readonly receipt_events: number | null;
  readonly receipt_organisation: string | null;
}

async function statesOf(query: (text: string) => Promise<{ rows: CaseState[] }>): Promise<CaseState[]> {
  const { rows } = await query(`
    WITH ids AS (SELECT 'r-' || lpad(n::text, 5, '0') AS case_id FROM generate_series(0, ${caseCount - 1}) AS n)
    SELECT ids.case_id,
           (SELECT count(*)::int FROM kykypolku_events e WHERE e.case_id = ids.case_id) AS events,
           (SELECT count(*)::int FROM kykypolku_heads h WHERE h.case_id = ids.case_id) AS heads,
           (SELECT count(*)::int FROM kykypolku_cases c WHERE c.case_id = ids.case_id) AS rows,
           (SELECT count(*)::int FROM kykypolku_erasure_receipts r WHERE r.case_id = ids.case_id) AS receipts,
           (SELECT event_count FROM kykypolku_erasure_receipts r WHERE r.case_id = ids.case_id) AS receipt_events,
           (SELECT organisation FROM kykypolku_erasure_receipts r WHERE r.case_id = ids.case_id) AS receipt_organisation
      FROM ids ORDER BY ids.case_id`);
  return rows;
}

it('leaves every case whole or gone with its receipt when the server stops mid-purge, and a rerun finishes', async () => {
  const { pool, url } = await postgres.freshPool(4);
  const store = createPostgresStore({ pool });
  await store.migrate();
  // Every case is one of two organisations', written through its store; the administrator purges them all.
  const organisationOf = (n: number) => (n % 2 === 0 ? 'county-a' : 'county-b');
  const scoped = {
    'county-a': createPostgresStore({ pool, organisation: 'county-a' }),
    'county-b': createPostgresStore({ pool, organisation: 'county-b' }),
  };
  const caseIds = Array.from({ length: caseCount }, (_, n) => `r-${String(n).padStart(5, '0')}`);
  for (let from = 0; from < caseCount; from += 8) {
    await Promise.all(
      caseIds.slice(from, from + 8).map((caseId, offset) => {
        const minute = (from + offset) % 1440;
        const closedAt = new Date(Date.UTC(2016, 0, 1) + minute * 60_000).toISOString();
        return storeCase(scoped[organisationOf(from + offset)], reviewHistory(caseId, (from + offset) % 3 === 0 ? 'B' : 'A', closedAt));
      }),
    );
  }
  const cases = openCaseStore(store, retentionCatalogue);
  const plan = await cases.planRetention({ now, rules });
  expect(plan.ok && plan.expired.length).toBe(caseCount);

  const watcher = postgres.newPool(url, 1);
  const purging = cases.purgeExpired({ now, rules }).then(
    (report) => ({ report, error: undefined }),
    (error: unknown) => ({ report: undefined, error }),
  );
  // Let a good part of the purge commit, then crash the server under it.
  let receipted = 0;
  while (receipted < 1500) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    receipted = (await watcher.query<{ n: number }>('SELECT count(*)::int AS n FROM kykypolku_erasure_receipts')).rows[0]!.n;
  }
  await postgres.server.stop('immediate');
  const interrupted = await purging;
  expect(interrupted.report).toBeUndefined();
  expect(interrupted.error).toMatchObject({ failure: { code: 'STORE_UNAVAILABLE' } });

  await postgres.server.start();
  const admin = postgres.newPool(url, 2);
  const states = await statesOf((text) => admin.query<CaseState>(text));
  const gone = states.filter((state) => state.receipts === 1);
  const whole = states.filter((state) => state.receipts === 0);
  const organisationOfCase = (caseId: string) => organisationOf(Number(caseId.slice(2)));
  for (const state of gone)
    expect(state, state.case_id).toEqual({
      ...state,
      events: 0,
      heads: 0,
      rows: 0,
      receipt_events: 3,
      receipt_organisation: organisationOfCase(state.case_id),
    });
  for (const state of whole)
    expect(state, state.case_id).toEqual({ ...state, events: 3, heads: 1, rows: 1, receipt_events: null, receipt_organisation: null });
  expect(gone.length + whole.length).toBe(caseCount);
  expect(gone.length).toBeGreaterThanOrEqual(1500);
  expect(whole.length).toBeGreaterThan(0);
  process.stdout.write(`server stopped -m immediate mid-purge: ${gone.length} cases gone with receipts, ${whole.length} whole\n`);

  const after = createPostgresStore({ pool: postgres.newPool(url, 4) });
  await after.migrate();
  const problems: UnreadableCase[] = [];
  for await (const events of after.readCases({ onUnreadable: (problem) => problems.push(problem) })) void events;
  expect(problems).toEqual([]);

  const started = performance.now();
  const rerun = await openCaseStore(after, retentionCatalogue).purgeExpired({ now, rules });
  if (!rerun.ok) throw new Error(rerun.failure.message);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `rerun purged ${rerun.purged.length} cases in ${seconds.toFixed(1)} s (${Math.round(rerun.purged.length / seconds)} cases/s)\n`,
  );
  expect(rerun.skipped).toEqual([]);
  expect(rerun.purged.map((receipt) => receipt.caseId)).toEqual(whole.map((state) => state.case_id));
  const final = await statesOf((text) => admin.query<CaseState>(text));
  expect(final.every((state) => state.receipts === 1 && state.events === 0 && state.heads === 0 && state.rows === 0)).toBe(true);
  expect(final.every((state) => state.receipt_organisation === organisationOfCase(state.case_id))).toBe(true);
  // Each organisation's store lists its own receipts, and verifies them.
  const ownReceipts = await createPostgresStore({ pool: admin, organisation: 'county-b' }).erasureReceipts({
    afterCaseId: '',
    limit: 10_000,
  });
  expect(ownReceipts).toHaveLength(caseCount / 2);
  expect(ownReceipts.every((receipt) => receipt.organisation === 'county-b')).toBe(true);
  let receipts = 0;
  for (let afterCaseId = ''; ; ) {
    const page = await after.erasureReceipts({ afterCaseId, limit: 5000 });
    receipts += page.length;
    if (page.length < 5000) break;
    afterCaseId = page[page.length - 1]!.caseId;
  }
  expect(receipts).toBe(caseCount);
}, 600_000);

it("answers STORE_UNAVAILABLE, never an uncaught 'error', when a purge's connection dies between its statements", async () => {
  const { pool, url } = await postgres.freshPool(2);
  const admin = postgres.newPool(url, 1);
  let killed = false;
  // A pool whose lent connection is terminated by the server right after the purge locked the head:
  // the client then sits between two statements of the transaction when its socket closes.
  const killing: PgPoolLike = {
    query: (config) => pool.query({ ...config }),
    async connect() {
      const client = await pool.connect();
      return {
        async query(config: PgQueryConfig) {
          const result = await client.query({ ...config });
          if (!killed && config.text.includes('kykypolku:lockHead:case')) {
            killed = true;
            const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
            await admin.query('SELECT pg_terminate_backend($1)', [pid]);
            // Let the socket's end arrive while no statement is running on the client.
            await new Promise((resolve) => setTimeout(resolve, 300));
          }
          return result;
        },
        release: (error?: Error | boolean) => client.release(error),
        on: (event: 'error', listener: (error: Error) => void) => client.on(event, listener),
        removeListener: (event: 'error', listener: (error: Error) => void) => client.removeListener(event, listener),
      };
    },
  };
  const store = createPostgresStore({ pool: killing });
  await store.migrate();
  const caseRef = reviewHistory('dies-1', 'A', '2016-01-01T10:00:00.000Z');
  await storeCase(store, caseRef);
  await expect(
    store.purgeCase({ caseId: 'dies-1', expectedSeq: 3, closedAt: '2016-01-01T10:00:00.000Z', purgedAt: '2040-01-01T00:00:00.000Z' }),
  ).rejects.toMatchObject({ failure: { code: 'STORE_UNAVAILABLE' } });
  expect(killed).toBe(true);
  expect(await store.read('dies-1')).toEqual(caseRef.history);
  expect(await store.erasureReceipts({ afterCaseId: '', limit: 10 })).toEqual([]);
});
