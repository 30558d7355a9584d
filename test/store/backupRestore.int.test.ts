// Issue 20, docs/operations.md "Backup and restore": `pg_dump` of the kykypolku tables only (a host
// database holds its own tables beside them), restored with `pg_restore` into a fresh server, gives
// back every case equal — the same events with the same digests in the same append order, the same
// stored projections, the same replayed state and context — and a store that keeps working: the
// hash chain verifies, appends continue after the restored ones. At a real size: 6 001 cases,
// 32 000 events, past the stores' 5 000-row read page on both tables.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectCase, type RecordedEvent, replayCase } from 'kykypolku';
import { lifestyleGuidancePath } from 'kykypolku/paths';
import { createPostgresStore } from 'kykypolku/postgres';
import { digestOf } from '../../src/store/postgres/eventRow.js';
import { longCase } from '../support/longCases.js';
import { findBinDir, type PostgresServer, startPostgresServer, useThrowawayServer } from '../support/postgresServer.js';

const run = promisify(execFile);
const source = useThrowawayServer();
let target: PostgresServer | undefined;
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-backup-'));

beforeAll(async () => {
  target = await startPostgresServer();
}, 120_000);

afterAll(async () => {
  await target?.dispose();
  rmSync(directory, { recursive: true, force: true });
}, 120_000);

/** Every event of the store in append order, as `caseId#seq digest`. */
async function log(store: ReturnType<typeof createPostgresStore>): Promise<string[]> {
  const lines: string[] = [];
  for await (const event of store.readAll()) lines.push(`${event.caseId}#${event.seq} ${digestOf(event)}`);
  return lines;
}

/** The stored projections, one line a case, in case id order. */
async function projections(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query(
    `SELECT case_id, last_seq, path_id, path_version, state, status, assignee, next_due, next_due_at FROM kykypolku_cases ORDER BY case_id`,
  );
  return rows.map((row) => JSON.stringify(row));
}

/**
 * Each case replayed from what the store reads back (one readAll pass, grouped by case): its state
 * (value, context, status, outcome) and seq.
 */
async function replayed(store: ReturnType<typeof createPostgresStore>): Promise<Map<string, string>> {
  const histories = new Map<string, RecordedEvent[]>();
  for await (const event of store.readAll()) histories.set(event.caseId, [...(histories.get(event.caseId) ?? []), event]);
  const byCase = new Map<string, string>();
  for (const [caseId, history] of histories) {
    const outcome = replayCase(lifestyleGuidancePath, history);
    if (!outcome.ok) throw new Error(`${caseId}: ${outcome.failure.code}`);
    byCase.set(caseId, JSON.stringify({ state: outcome.case.state, seq: outcome.case.seq }));
  }
  return byCase;
}

it('pg_dump -t kykypolku_* and pg_restore into a fresh server: 6 001 cases replay equal, and the restored store keeps appending', async () => {
  const { pool, url } = await source.freshPool(8);
  const store = createPostgresStore({ pool });
  await store.migrate();
  // A table of the host's own beside ours: the dump leaves it out.
  await pool.query('CREATE TABLE host_appointments (id int PRIMARY KEY)');

  // 6 000 cases of 5 events and one of 2 000, each appended with its projection, eight at a time.
  const histories: RecordedEvent[][] = [
    longCase('bk-long', 2000),
    ...Array.from({ length: 6000 }, (_, n) => longCase(`bk-${String(n).padStart(4, '0')}`, 5, n)),
  ];
  const queue = [...histories];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let history = queue.shift(); history; history = queue.shift()) {
        const replay = replayCase(lifestyleGuidancePath, history);
        if (!replay.ok) throw new Error(replay.failure.code);
        for (let from = 0; from < history.length; from += 1000) {
          const batch = history.slice(from, from + 1000);
          const last = from + batch.length === history.length;
          const saved = await store.append(batch[0]!.caseId, batch, {
            expectedSeq: from,
            ...(last ? { projection: projectCase(replay.case) } : {}),
          });
          if (!saved.ok) throw new Error(JSON.stringify(saved.failure));
        }
      }
    }),
  );
  const caseIds = histories.map((history) => history[0]!.caseId);

  // The backup: the kykypolku tables only, custom format (what pg_restore reads).
  const bin = findBinDir();
  const dump = join(directory, 'kykypolku.dump');
  await run(join(bin, 'pg_dump'), ['--format=custom', '--no-owner', '--table=kykypolku_*', `--file=${dump}`, `--dbname=${url}`]);
  const listing = (await run(join(bin, 'pg_restore'), ['--list', dump])).stdout;
  expect(listing).not.toMatch(/host_appointments/);
  expect(listing).toMatch(/TABLE DATA public kykypolku_events/);

  // The restore: into a fresh database of another server, then the same store over it.
  const restoredUrl = await target!.createDatabase();
  await run(join(bin, 'pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, dump]);
  const restoredPool = new pg.Pool({ connectionString: restoredUrl, max: 4 });
  try {
    const restored = createPostgresStore({ pool: restoredPool });
    // Nothing to migrate: the schema's migration table came with the dump.
    expect(await restored.migrate()).toMatchObject({ applied: [] });

    const before = await log(store);
    const after = await log(restored);
    expect(after.length).toBe(32_000);
    expect(after).toEqual(before);
    expect((await projections(restoredPool)).length).toBe(6001);
    expect(await projections(restoredPool)).toEqual(await projections(pool));
    const replayedAfter = await replayed(restored);
    expect([...replayedAfter.keys()].sort()).toEqual([...caseIds].sort());
    expect(replayedAfter).toEqual(await replayed(store));
    // And the per-case read a host makes, for a sample spread over the store.
    for (const caseId of caseIds.filter((_, n) => n % 500 === 0)) expect(await restored.read(caseId)).toEqual(await store.read(caseId));

    // The restored store is live: the chain continues, and a new append comes after every restored one.
    const next = longCase('bk-long', 2001).slice(2000);
    expect(await restored.append('bk-long', next, { expectedSeq: 2000 })).toMatchObject({ ok: true, seq: 2001 });
    const fresh = longCase('bk-after-restore', 5);
    expect(await restored.append('bk-after-restore', fresh, { expectedSeq: 0 })).toMatchObject({ ok: true, seq: 5 });
    const continued = await log(restored);
    expect(continued.slice(0, 32_000)).toEqual(before);
    expect(continued.slice(32_000).map((line) => line.split(' ')[0])).toEqual([
      'bk-long#2001',
      ...fresh.map((event) => `${event.caseId}#${event.seq}`),
    ]);
  } finally {
    await restoredPool.end();
  }
}, 180_000);
