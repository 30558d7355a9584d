// A deadline worker in a process of its own, for the multi-process claim test: bundled from the
// sources by test/support/deadlineWorkers.ts, it claims due deadlines on a PostgreSQL database on a
// compressed clock shared by every worker (simulated instant = simStart + elapsed wall time × factor),
// completes them, and reports each batch on stdout as one JSON line. Polls start at a fixed cadence,
// so a deadline due between two polls is claimed at the next. With `holdAfter`, it stops settling
// after that many non-empty batches and waits (holding its claims) to be killed.
import pg from 'pg';
import { createPostgresStore } from '../../src/store/postgres/index.js';

interface WorkerOptions {
  readonly url: string;
  readonly workerId: string;
  readonly wallStart: number;
  readonly simStart: number;
  readonly factor: number;
  readonly pollMs: number;
  readonly leaseMs: number;
  readonly limit: number;
  readonly endMillis: number;
  readonly holdAfter?: number;
}

const options = JSON.parse(process.argv[2]!) as WorkerOptions;
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const simNow = () => options.simStart + (Date.now() - options.wallStart) * options.factor;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const pool = new pg.Pool({ connectionString: options.url, max: 1 });
const store = createPostgresStore({ pool });
let batches = 0;
say({ event: 'started', workerId: options.workerId });
for (;;) {
  const pollStarted = Date.now();
  const now = simNow();
  if (now > options.endMillis) break;
  const claimed = await store.claimDueDeadlines({
    now: new Date(now).toISOString(),
    limit: options.limit,
    workerId: options.workerId,
    lease: options.leaseMs * options.factor,
  });
  if (!claimed.ok) {
    say({ event: 'failed', failure: claimed.failure });
    process.exit(1);
  }
  const claims = claimed.claims.map((claim) => ({
    key: `${claim.caseId}/${claim.deadlineId}`,
    dueAt: claim.dueAt,
    attempt: claim.attempt,
    leaseUntil: claim.leaseUntil,
  }));
  if (claims.length > 0) batches++;
  if (options.holdAfter !== undefined && batches >= options.holdAfter && claims.length > 0) {
    say({ event: 'holding', now, claims });
    await sleep(3_600_000);
  }
  const notHeld: string[] = [];
  for (const claim of claimed.claims) {
    const settled = await store.completeDeadline(claim);
    if (!settled.ok) notHeld.push(`${claim.caseId}/${claim.deadlineId}`);
  }
  if (claims.length > 0) say({ event: 'completed', now, claims, notHeld });
  // A full batch leaves more due: claim again at once. Otherwise wait for the next poll.
  if (claims.length < options.limit) await sleep(Math.max(0, options.pollMs - (Date.now() - pollStarted)));
}
await pool.end();
say({ event: 'stopped' });
