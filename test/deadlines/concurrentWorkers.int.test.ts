// Eight deadline workers, each a process of its own, on one PostgreSQL database over 20 000 due
// deadlines, on a compressed clock they share: every deadline is completed exactly once, the claims
// of a worker killed with SIGKILL while it holds them come back after their lease, none is claimed
// before it is due or later than one polling interval after (a killed worker's: after its lease),
// and none met before it fell due is ever handed out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase, type CaseProjection, type RecordedEvent } from 'kykypolku';
import { createPostgresStore } from 'kykypolku/postgres';
import { author, reviewPath } from '../support/reviewPath.js';
import { bundleDeadlineWorker, startDeadlineWorker, type RunningWorker } from '../support/deadlineWorkers.js';
import { useThrowawayServer } from '../support/postgresServer.js';

const postgres = useThrowawayServer();
let worker: Awaited<ReturnType<typeof bundleDeadlineWorker>>;
beforeAll(async () => {
  worker = await bundleDeadlineWorker();
});
afterAll(() => worker?.dispose());

const cases = 2750;
const perCase = 8;
/** One real millisecond is this many simulated ones: the run's 30 seconds are about seven simulated hours. */
const factor = 1000;
const pollMs = 1000;
// Long enough for a batch of 500 to be settled on a busy machine: a lease that ran out hands the claim out again, by design.
const leaseMs = 8000;
const simStart = Date.UTC(2025, 0, 1);
/** Deadlines fall due from 5 s to 25 s of wall time after the workers start. */
const firstDueMs = 5000;
const spreadMs = 20_000;

function submitted(caseId: string): readonly RecordedEvent[] {
  const caseRef = openCase(reviewPath, { caseId });
  caseRef.record({ type: 'SUBMITTED', at: '2024-12-01T09:00:00Z', actor: author, payload: { priority: 'low' } });
  caseRef.record({ type: 'COMMENTED', at: '2024-12-01T09:01:00Z', actor: author, payload: {} });
  return caseRef.history;
}

const open = (deadlines: CaseProjection['deadlines']): CaseProjection => ({
  state: 'active.review',
  status: 'open',
  assignee: undefined,
  nextDueAt: undefined,
  deadlines,
});

it('hands each of 20 000 due deadlines (22 000 armed, one in twenty met before due) to exactly one of 8 worker processes, through a SIGKILL', {
  timeout: 240_000,
}, async () => {
  const { pool, url } = await postgres.freshPool(8);
  const store = createPostgresStore({ pool });
  await store.migrate();
  const due = new Map<string, number>();
  const armedOf = new Map<string, { id: string; dueAt: string }[]>();
  for (let n = 0; n < cases; n++) {
    const caseId = `case-${String(n).padStart(5, '0')}`;
    const armed = Array.from({ length: perCase }, (_, d) => {
      // Spread evenly: deadline k of all 22 000 falls due at firstDue + k/20 000 of the spread.
      const k = d * cases + n;
      const dueAt = new Date(simStart + (firstDueMs + Math.floor((k * spreadMs) / (cases * perCase))) * factor).toISOString();
      due.set(`${caseId}/d-${d}`, Date.parse(dueAt));
      return { id: `d-${d}`, dueAt };
    });
    armedOf.set(caseId, armed);
  }
  const ids = [...armedOf.keys()];
  for (let start = 0; start < ids.length; start += 8)
    await Promise.all(
      ids.slice(start, start + 8).map(async (caseId) => {
        const result = await store.append(caseId, submitted(caseId).slice(0, 1), { expectedSeq: 0, projection: open(armedOf.get(caseId)) });
        if (!result.ok) throw new Error(result.failure.message);
      }),
    );

  const wallStart = Date.now() + 1500;
  const endMillis = simStart + (firstDueMs + spreadMs + leaseMs + 3 * pollMs) * factor;
  const common = { url, wallStart, simStart, factor, pollMs, leaseMs, limit: 500, endMillis };
  const workers: RunningWorker[] = Array.from({ length: 8 }, (_, n) =>
    startDeadlineWorker(worker.script, { ...common, workerId: `worker-${n}`, ...(n === 0 ? { holdAfter: 3 } : {}) }),
  );

  // While the workers run, every tenth case meets its deadlines (all still ahead: they fall due in the
  // last half of the run), then worker-0 is killed while it holds the claims of a batch.
  const met = new Set<string>();
  const metCases = ids.filter((_, n) => n % 10 === 0);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, wallStart - Date.now() + 500)));
  const events = new Map(metCases.map((caseId) => [caseId, submitted(caseId)]));
  for (const caseId of metCases) {
    const keep = armedOf.get(caseId)!.filter((deadline) => Date.parse(deadline.dueAt) < simStart + (firstDueMs + spreadMs / 2) * factor);
    const result = await store.append(caseId, events.get(caseId)!.slice(1), { expectedSeq: 1, projection: open(keep) });
    if (!result.ok) throw new Error(result.failure.message);
    for (const deadline of armedOf.get(caseId)!) if (!keep.includes(deadline)) met.add(`${caseId}/${deadline.id}`);
  }
  const metBy = simStart + (Date.now() - wallStart) * factor;
  expect(metBy).toBeLessThan(simStart + (firstDueMs + spreadMs / 2) * factor);
  const holding = await workers[0]!.until('holding');
  workers[0]!.kill('SIGKILL');
  const exits = await Promise.all(workers.map((running) => running.exited));
  expect(exits[0]!.signal).toBe('SIGKILL');
  for (const exit of exits.slice(1)) expect(exit, exit.stderr).toMatchObject({ code: 0 });

  const held = new Map(holding.claims!.map((claim) => [claim.key, claim]));
  expect(held.size).toBeGreaterThan(0);
  const completed = new Map<string, { now: number; attempt: number; leaseUntil: string; dueAt: string }[]>();
  const handedOut = new Map<string, number>();
  for (const running of workers)
    for (const line of running.lines) {
      for (const claim of line.claims ?? []) handedOut.set(claim.key, (handedOut.get(claim.key) ?? 0) + 1);
      if (line.event !== 'completed') continue;
      expect(line.notHeld).toEqual([]);
      for (const claim of line.claims!) completed.set(claim.key, [...(completed.get(claim.key) ?? []), { ...claim, now: line.now! }]);
    }
  const expected = [...due.keys()].filter((key) => !met.has(key)).sort();
  // Every deadline not met completed exactly once; none met ever handed out.
  expect([...completed.keys()].sort()).toEqual(expected);
  expect([...completed.values()].filter((settled) => settled.length !== 1)).toEqual([]);
  expect([...met].filter((key) => handedOut.has(key))).toEqual([]);
  // Handed out once, but for the killed worker's claims: to it, and once more after the lease.
  expect([...handedOut].filter(([key, times]) => times !== (held.has(key) ? 2 : 1))).toEqual([]);
  const late: string[] = [];
  for (const [key, [settled]] of completed) {
    const dueMillis = due.get(key)!;
    expect(settled!.now).toBeGreaterThanOrEqual(dueMillis);
    const from = held.has(key) ? Date.parse(held.get(key)!.leaseUntil) : dueMillis;
    if (held.has(key)) expect(settled!.now).toBeGreaterThanOrEqual(from);
    if (settled!.now - from > pollMs * factor) late.push(`${key}: ${(settled!.now - from) / factor} ms`);
  }
  expect(late).toEqual([]);
  const { rows } = await pool.query<{ unsettled: number }>('SELECT count(*)::int AS unsettled FROM kykypolku_deadlines WHERE NOT settled');
  expect(rows[0]!.unsettled).toBe(0);
  process.stdout.write(
    `[deadlines] ${expected.length} completed once by 8 processes, ${met.size} met before due never handed out, ` +
      `${held.size} held by the killed worker handed out again after the lease\n`,
  );
});
