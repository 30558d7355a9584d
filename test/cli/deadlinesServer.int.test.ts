// `kykypolku deadlines --database-url …` against a real PostgreSQL server: notices as NDJSON on
// standard output, the summary on standard error, and a worker stopped by SIGTERM mid-batch gives
// back every claim it had not written: another worker gets them at once, not after the lease.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseStore } from 'kykypolku';
import { createPostgresStore } from 'kykypolku/postgres';
import { runCli as cli } from '../support/runCli.js';
import { bundleEntry } from '../support/deadlineWorkers.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { author, reviewer, reviewPath } from '../support/reviewPath.js';
import { workabilityPath } from 'kykypolku/paths';
import { contactReceived } from '../support/workabilityInputs.js';

const postgres = useThrowawayServer();
const module = ['--module', 'test/support/reviewCatalogue.ts'];
const lease = 3_600_000;

/** A fresh database of `count` review cases submitted in May 2025 (long due by any run's clock); every third reviewed when asked. */
async function reviewCases(count: number, options: { readonly reviewEveryThird?: boolean } = {}): Promise<string> {
  const { pool, url } = await postgres.freshPool(4);
  const store = createPostgresStore({ pool });
  await store.migrate();
  const cases = openCaseStore(store, [reviewPath]);
  for (let n = 1; n <= count; n++) {
    const caseId = `doc-${String(n).padStart(5, '0')}`;
    await cases.record(caseId, { type: 'SUBMITTED', at: '2025-05-01T09:00:00Z', actor: author, payload: { priority: 'low' } });
    if (options.reviewEveryThird && n % 3 === 0)
      await cases.record(caseId, { type: 'REVIEWED', at: '2025-05-02T09:00:00Z', actor: reviewer, payload: { approved: false } });
  }
  return url;
}

async function claimAll(url: string, now: string) {
  const store = createPostgresStore({ pool: postgres.newPool(url, 2) });
  const claimed = await store.claimDueDeadlines({ now, limit: 10_000, workerId: 'check', lease });
  expect(claimed.ok).toBe(true);
  return claimed.claims!;
}

describe('kykypolku deadlines --database-url', () => {
  let cliScript: Awaited<ReturnType<typeof bundleEntry>>;
  beforeAll(async () => {
    cliScript = await bundleEntry('src/cli/bin.ts');
  }, 60_000);
  afterAll(() => cliScript?.dispose());

  it('--once writes one NDJSON notice per due deadline to stdout, its summary to stderr, and settles each', async () => {
    const url = await reviewCases(30, { reviewEveryThird: true });
    const run = await cli('deadlines', '--database-url', url, '--once', '--worker-id', 'w-1', '--limit', '7', ...module);
    expect(run.code, run.err).toBe(0);
    const lines = run.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatchObject({
      type: 'deadlineDue',
      caseId: 'doc-00001',
      pathId: 'review-path',
      deadlineId: 'review-within-a-week',
      kind: 'target',
      dueAt: '2025-05-08T09:00:00.000Z',
      attempt: 1,
      workerId: 'w-1',
    });
    expect(new Set(lines.map((line) => line.caseId)).size).toBe(20);
    expect(lines.map((line) => line.caseId)).not.toContain('doc-00003');
    // Past its limit of 7: three claim calls, the last one short.
    expect(run.err).toMatch(
      /^deadlines: 20 notices, 0 no longer held, 0 given back, 3 claim calls as w-1 \(PostgreSQL at 127\.0\.0\.1:\d+\//,
    );
    expect(await claimAll(url, '2999-01-01T00:00:00Z')).toEqual([]);
    const again = await cli('deadlines', '--database-url', url, '--once', '--json', ...module);
    expect(again.out).toBe('');
    expect(JSON.parse(again.err)).toMatchObject({ notices: 0, notHeld: 0, released: 0, polls: 1, stopped: false });
  }, 120_000);

  it('SIGTERM during --every, mid-batch: stops with its summary, and every claim not written is free at once', async () => {
    // The built-in workability path (a spawned CLI loads no TypeScript module): 1 200 cases contacted in 2025.
    const { pool, url } = await postgres.freshPool(4);
    const store = createPostgresStore({ pool });
    await store.migrate();
    const cases = openCaseStore(store, [workabilityPath]);
    for (let n = 0; n < 1_200; n++) expect((await cases.record(`wp-${String(n).padStart(5, '0')}`, contactReceived())).ok).toBe(true);
    const due = Number((await pool.query('SELECT count(*) AS due FROM kykypolku_deadlines WHERE due_at_ts <= now()')).rows[0].due);
    expect(due).toBeGreaterThanOrEqual(1_200);
    const child = spawn(
      process.execPath,
      [cliScript.script, 'deadlines', '--database-url', url, '--every', '10m', '--limit', '1000', '--worker-id', 'w-term'],
      { stdio: 'pipe' },
    );
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const lines: string[] = [];
    let signalled = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (!signalled) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, err).toBe(0);
    const summary = /^deadlines: (\d+) notices, 0 no longer held, (\d+) given back, 1 claim calls as w-term .*, stopped\n$/.exec(err);
    expect(summary, err).not.toBeNull();
    const [notices, released] = [Number(summary![1]), Number(summary![2])];
    expect(notices).toBe(lines.length);
    // Stopped within its first batch of 1 000: the rest of the batch given back.
    expect(released).toBeGreaterThan(0);
    expect(notices + released).toBe(1_000);
    // Given back, not left to its lease: another worker is handed every deadline not written, now.
    const keyOf = ({ caseId, deadlineId }: { caseId: string; deadlineId: string }) => `${caseId}/${deadlineId}`;
    const written = new Set(lines.map((line) => keyOf(JSON.parse(line) as { caseId: string; deadlineId: string })));
    expect(written.size).toBe(notices);
    const free = await claimAll(url, new Date().toISOString());
    expect(free).toHaveLength(due - written.size);
    expect(free.filter((claim) => written.has(keyOf(claim)))).toEqual([]);
    // Those handed out again were claimed once before (attempt 2); those past its batch never were.
    expect(free.filter((claim) => claim.attempt === 2)).toHaveLength(released);
  }, 180_000);
});
