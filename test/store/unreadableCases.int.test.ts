// Defect 7 of issue 11: one tampered case stopped every reader of the whole store. Each reader now
// reports each unreadable case (id, code, seq) and reads every other one, at the stores' sizes:
// 7 500 events, past one 5 000-row read page, with three cases in the middle edited through SQL
// and one whose last ten events were deleted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  checkMigration,
  createCaseloadIndex,
  exportEvents,
  openCaseStore,
  type EventStore,
  type RecordedEvent,
  type UnreadableCase,
} from 'kykypolku';
import { historiesFromStore } from 'kykypolku/diagram';
import { lifestyleGuidancePath } from 'kykypolku/paths';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { main } from '../../src/cli/main.js';
import { longCase } from '../support/longCases.js';

const directory = mkdtempSync(join(tmpdir(), 'kykypolku-unreadable-'));
const dataDir = join(directory, 'cases');
const caseCount = 30;
const length = 250;
const histories = Array.from({ length: caseCount }, (_, n) => longCase(`case-${String(n).padStart(2, '0')}`, length, n));
/** The tampered cases and the seq edited in each. */
const bad = { 'case-09': 120, 'case-14': 1, 'case-21': 250 } as const;
/** The case whose last ten events are deleted. */
const cut = { caseId: 'case-27', seq: 241 } as const;
const badIds = [...Object.keys(bad), cut.caseId];
const expectedProblems = [...Object.entries(bad), [cut.caseId, cut.seq] as const].map(([caseId, seq]) => ({
  caseId,
  code: 'TAMPERED_EVENT',
  seq,
}));
let store: PgliteStore;

beforeAll(async () => {
  const writer = await createPgliteStore({ dataDir });
  // In turns of 50 events, so that the cases interleave in append order.
  for (let from = 0; from < length; from += 50) {
    for (const history of histories) {
      const caseRef = history.slice(from, from + 50);
      const saved = await writer.append(history[0]!.caseId, caseRef, { expectedSeq: from });
      if (!saved.ok) throw new Error(saved.failure.message);
    }
  }
  await writer.close();
  store = await createPgliteStore({ dataDir });
}, 600_000);

afterAll(async () => {
  await store?.close();
  rmSync(directory, { recursive: true, force: true });
});

/** Edits the payload of each bad case in SQL, as an intruder (or a careless repair) would. */
async function tamper(): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  await store.close();
  const db = new PGlite(dataDir);
  for (const [caseId, seq] of Object.entries(bad)) {
    await db.query(`UPDATE kykypolku_events SET payload = '{"channel": "phone"}' WHERE case_id = $1 AND seq = $2`, [caseId, seq]);
  }
  // And one case loses its last ten events.
  await db.query(`DELETE FROM kykypolku_events WHERE case_id = 'case-27' AND seq > 240`);
  await db.close();
  store = await createPgliteStore({ dataDir });
}

/** Problems as (case, code, seq), in case id order: a scan in append order meets them in its own. */
const pick = (problems: readonly { caseId: string; code: string; seq?: number }[]) =>
  problems.map(({ caseId, code, seq }) => ({ caseId, code, seq })).sort((a, b) => (a.caseId < b.caseId ? -1 : 1));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (chunk: Buffer) => (chunks.out += chunk.toString()));
  err.on('data', (chunk: Buffer) => (chunks.err += chunk.toString()));
  await store.close();
  try {
    const code = await main(args, { out: out as never, err: err as never });
    return { code, ...chunks };
  } finally {
    store = await createPgliteStore({ dataDir });
  }
}

it('rebuilds every readable case, and names each tampered one with its seq', async () => {
  await tamper();
  const report = await openCaseStore(store, [lifestyleGuidancePath]).rebuildProjections();
  expect(report.cases).toBe(caseCount - badIds.length);
  expect(report.written).toBe(caseCount - badIds.length);
  expect(
    report.unreadable.map(({ caseId, failure }) => ({ caseId, code: failure.code, seq: 'seq' in failure ? failure.seq : undefined })),
  ).toEqual(expectedProblems);
});

it('runs the migration gate over every readable case, and fails it for the tampered ones', async () => {
  const report = await checkMigration(store, [lifestyleGuidancePath], {
    id: lifestyleGuidancePath.id,
    version: lifestyleGuidancePath.version,
  });
  expect(report).toMatchObject({ cases: caseCount - badIds.length, onTarget: caseCount - badIds.length, blockers: [] });
  expect(pick(report.unreadable)).toEqual(expectedProblems);
});

it('exports every event of every readable case, in append order, and names each tampered case', async () => {
  const lines: string[] = [];
  const result = await exportEvents(store, (line) => void lines.push(line));
  const exported = lines.map((line) => JSON.parse(line) as RecordedEvent);
  const good = histories.filter((history) => !badIds.includes(history[0]!.caseId));
  for (const history of good) expect(exported.filter((event) => event.caseId === history[0]!.caseId)).toEqual(history);
  // Of a tampered case, the events before the tampered one were already written.
  for (const { caseId, seq } of expectedProblems) expect(exported.filter((event) => event.caseId === caseId)).toHaveLength(seq - 1);
  expect(result.events).toBe(exported.length);
  expect(pick(result.unreadable)).toEqual(expectedProblems);
});

it('catches a caseload index up on every readable case, with a problem for each tampered one', async () => {
  const problems = await createCaseloadIndex([lifestyleGuidancePath]).catchUp(store);
  expect(pick(problems.map(({ caseId, reason, seq }) => ({ caseId, code: reason, seq })))).toEqual(expectedProblems);
});

it('gives the report every readable case whole, and names each tampered one (readCases and readAll alike)', async () => {
  const good = histories.filter((history) => !badIds.includes(history[0]!.caseId));
  const byCase = (problems: UnreadableCase[]) => pick(problems);
  const unreadable: UnreadableCase[] = [];
  const histories1 = await historiesFromStore(store, lifestyleGuidancePath.id, { onUnreadable: (problem) => unreadable.push(problem) });
  expect(histories1).toEqual(good);
  expect(byCase(unreadable)).toEqual(expectedProblems);
  // A host's store with readAll only: the same cases, a tampered one left out whole.
  const readAllOnly = {
    read: store.read.bind(store),
    readAll: store.readAll.bind(store),
    append: store.append.bind(store),
  } as unknown as EventStore;
  const unreadable2: UnreadableCase[] = [];
  const histories2 = await historiesFromStore(readAllOnly, lifestyleGuidancePath.id, {
    onUnreadable: (problem) => unreadable2.push(problem),
  });
  expect(histories2.sort((a, b) => (a[0]!.caseId < b[0]!.caseId ? -1 : 1))).toEqual(good);
  expect(byCase(unreadable2)).toEqual(expectedProblems);
  // Without onUnreadable the store's error is thrown, as before.
  await expect(historiesFromStore(store, lifestyleGuidancePath.id)).rejects.toMatchObject({ failure: { code: 'TAMPERED_EVENT' } });
});

it('kykypolku export writes every readable event, lists each tampered case, and exits 1', async () => {
  const out = join(directory, 'export.ndjson');
  const run = await cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--out', out, '--quiet');
  expect(run.code).toBe(1);
  const written = readFileSync(out, 'utf8').trim().split('\n');
  expect(written).toHaveLength((caseCount - badIds.length) * length + 119 + 0 + 249 + 240);
  for (const { caseId, seq } of expectedProblems) expect(run.err).toContain(`${caseId} seq ${seq}: TAMPERED_EVENT`);
  expect(run.err).toContain('4 cases unreadable');
});

it('kykypolku migrate-check lists each tampered case and exits 1', async () => {
  const run = await cli('migrate-check', '--to', `${lifestyleGuidancePath.id}@${lifestyleGuidancePath.version}`, '--data-dir', dataDir);
  expect(run.code).toBe(1);
  expect(run.out).toContain(`cases of ${lifestyleGuidancePath.id}: ${caseCount - badIds.length};`);
  expect(run.out).toContain('cases that could not be read (4):');
  for (const { caseId, seq } of expectedProblems) expect(run.out).toContain(`${caseId} seq ${seq}: TAMPERED_EVENT`);
});

it('kykypolku export with a key the store was not chained with says so on one line, and exits 1', async () => {
  process.env.KYKYPOLKU_INTEGRITY_KEY = 'a host secret of at least thirty-two bytes';
  try {
    const run = await cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--quiet');
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      "kykypolku: INTEGRITY_KEY_MISMATCH: the store's events were chained without an integrityKey, and it was opened with an integrityKey: open it with the key it was sealed with\n",
    );
    expect(run.out).toBe('');
  } finally {
    delete process.env.KYKYPOLKU_INTEGRITY_KEY;
  }
});
