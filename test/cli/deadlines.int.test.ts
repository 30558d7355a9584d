import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseStore } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { createPgliteStore } from 'kykypolku/postgres';
import { main } from '../../src/cli/main.js';
import { requestStop } from '../../src/cli/stopRequest.js';
import { bundleEntry } from '../support/deadlineWorkers.js';
import { author, reviewer, reviewPath } from '../support/reviewPath.js';
import { contactReceived } from '../support/workabilityInputs.js';
import { clerk, reminderPath } from '../support/reminderPath.js';

const directory = mkdtempSync(join(tmpdir(), 'kykypolku-deadlines-cli-'));
const day = (n: number) => `2025-05-${String(n).padStart(2, '0')}T09:00:00Z`;

/** A data directory of 30 review cases submitted in May 2025 (long due by the clock of any run), every third reviewed. */
async function reviewCases(name: string): Promise<string> {
  const dataDir = join(directory, name);
  const store = await createPgliteStore({ dataDir });
  const cases = openCaseStore(store, [reviewPath]);
  for (let n = 1; n <= 30; n++) {
    const caseId = `doc-${String(n).padStart(2, '0')}`;
    await cases.record(caseId, { type: 'SUBMITTED', at: day(1), actor: author, payload: { priority: 'low' } });
    if (n % 3 === 0) await cases.record(caseId, { type: 'REVIEWED', at: day(2), actor: reviewer, payload: { approved: false } });
  }
  await store.close();
  return dataDir;
}

afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function cli(args: string[], onOut?: (text: string) => void): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (chunk: Buffer) => {
    chunks.out += chunk.toString();
    onOut?.(chunks.out);
  });
  err.on('data', (chunk: Buffer) => (chunks.err += chunk.toString()));
  const code = await main(args, { out: out as never, err: err as never });
  return { code, ...chunks };
}

const notices = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const module = ['--module', 'test/support/reviewCatalogue.ts'];

describe('kykypolku deadlines', () => {
  it('--once writes one NDJSON notice per due deadline, settles it, and a second run finds none', async () => {
    const dataDir = await reviewCases('once');
    const run = await cli(['deadlines', '--data-dir', dataDir, '--once', '--worker-id', 'w-1', ...module]);
    expect(run.code, run.err).toBe(0);
    const lines = notices(run.out);
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatchObject({
      type: 'deadlineDue',
      caseId: 'doc-01',
      pathId: 'review-path',
      deadlineId: 'review-within-a-week',
      kind: 'target',
      dueAt: '2025-05-08T09:00:00.000Z',
      attempt: 1,
      workerId: 'w-1',
    });
    expect(lines.map((line) => line.caseId)).not.toContain('doc-03');
    expect(run.err).toMatch(
      /^deadlines: 20 notices, 0 no longer held, 0 given back, 1 claim calls as w-1 \(embedded PostgreSQL \(PGlite\) in /,
    );
    const again = await cli(['deadlines', '--data-dir', dataDir, '--once', '--json', ...module]);
    expect(again.out).toBe('');
    expect(JSON.parse(again.err)).toMatchObject({ notices: 0, notHeld: 0, released: 0, polls: 1, stopped: false });
  });

  it('stops on request, giving back the claims of its batch not yet written; the next run writes them', async () => {
    const dataDir = await reviewCases('stop');
    let asked = false;
    const first = await cli(['deadlines', '--data-dir', dataDir, '--every', '1h', '--limit', '8', ...module], () => {
      if (!asked) {
        asked = true;
        requestStop(143);
      }
    });
    expect(first.code, first.err).toBe(0);
    expect(notices(first.out)).toHaveLength(1);
    expect(first.err).toMatch(/1 notices, 0 no longer held, 7 given back, 1 claim calls .*, stopped\n$/);
    const second = await cli(['deadlines', '--data-dir', dataDir, '--once', '--limit', '8', ...module]);
    const all = [...notices(first.out), ...notices(second.out)].map((line) => line.caseId);
    expect(all).toHaveLength(20);
    expect(new Set(all).size).toBe(20);
  });

  it("records the path's event for a deadline that declares one, and reports the one the rules refuse", async () => {
    const dataDir = join(directory, 'events');
    const store = await createPgliteStore({ dataDir });
    await openCaseStore(store, [reminderPath]).record('r-1', { type: 'REQUESTED', at: day(1), actor: clerk, payload: {} });
    await store.close();
    const run = await cli(['deadlines', '--data-dir', dataDir, '--once', '--module', 'test/support/reminderCatalogue.ts']);
    expect(run.code, run.err).toBe(0);
    expect(notices(run.out)).toMatchObject([
      { type: 'deadlineEventRecorded', event: 'REMINDED', seq: 2, caseId: 'r-1', deadlineId: 'answer-within-3-days' },
      { type: 'deadlineEventRefused', event: 'ANSWERED', code: 'EVENT_REJECTED', deadlineId: 'close-within-10-days' },
    ]);
  });

  it.each([
    [['--once'], /give --database-url or --data-dir/],
    [['--data-dir', 'x'], /give --once, or --every/],
    [['--data-dir', 'x', '--once', '--every', '5m'], /give --once, or --every/],
    [['--data-dir', 'x', '--every', 'often'], /--every must be a duration such as 30s/],
    [['--data-dir', 'x', '--every', '0s'], /--every must be a duration/],
    [['--data-dir', 'x', '--once', '--limit', '0'], /--limit must be an integer from 1 to 10000/],
    [['--data-dir', 'x', '--once', '--lease', '10ms'], /--lease must be a duration/],
  ])('refuses %j with a usage error', async (args, message) => {
    const run = await cli(['deadlines', ...args]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });
});

describe('kykypolku deadlines as a process', () => {
  let cliScript: Awaited<ReturnType<typeof bundleEntry>>;
  beforeAll(async () => {
    cliScript = await bundleEntry('src/cli/bin.ts');
  }, 60_000);
  afterAll(() => cliScript?.dispose());

  it('stops cleanly on SIGTERM, with its summary, and leaves no claim held', async () => {
    const dataDir = join(directory, 'sigterm');
    const store = await createPgliteStore({ dataDir });
    const cases = openCaseStore(store, [workabilityPath]);
    for (let n = 0; n < 5; n++) await cases.record(`wp-${n}`, contactReceived());
    await store.close();
    const child = spawn(process.execPath, [cliScript.script, 'deadlines', '--data-dir', dataDir, '--every', '1h'], { stdio: 'pipe' });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const lines: string[] = [];
    const firstLine = new Promise<void>((resolve) =>
      createInterface({ input: child.stdout }).on('line', (line) => lines.push(line) && resolve()),
    );
    await firstLine;
    // Past the first batch: the worker waits for its next poll, and stops at once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, err).toBe(0);
    expect(err).toMatch(/, stopped\n$/);
    const reopened = await createPgliteStore({ dataDir });
    const claimed = await reopened.claimDueDeadlines({ now: '2999-01-01T00:00:00Z', limit: 100, workerId: 'check', lease: 60_000 });
    await reopened.close();
    // What it wrote it settled: none of it is handed out again, even far past any lease.
    const written = new Set(lines.map((line) => `${JSON.parse(line).caseId}/${JSON.parse(line).deadlineId}`));
    expect(written.size).toBeGreaterThan(0);
    expect(claimed.claims?.filter((claim) => written.has(`${claim.caseId}/${claim.deadlineId}`))).toEqual([]);
  }, 120_000);
});
