import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMigration, openCaseStore, replayCase } from 'kykypolku';
import { createPgliteStore } from 'kykypolku/postgres';
import { runCli as cli } from '../support/runCli.js';
import { author, reviewer, reviewPath } from '../support/reviewPath.js';
import { reviewPathV2, reviewPathV2AuthorsSilenced } from '../support/reviewPathV2.js';

const directory = mkdtempSync(join(tmpdir(), 'kykypolku-migrate-'));
const dataDir = join(directory, 'cases');
const day = (n: number) => `2025-05-${String(n).padStart(2, '0')}T09:00:00Z`;

// The store as it stands before v2 is deployed: cases recorded under v1 only. Every fourth case
// had a comment from its author; every fifth was approved and done.
beforeAll(async () => {
  const store = await createPgliteStore({ dataDir });
  const cases = openCaseStore(store, [reviewPath]);
  for (let n = 1; n <= 20; n++) {
    const caseId = `doc-${String(n).padStart(2, '0')}`;
    await cases.record(caseId, { type: 'SUBMITTED', at: day(1), actor: author, payload: { priority: n % 2 ? 'low' : 'high' } });
    if (n % 4 === 0) await cases.record(caseId, { type: 'COMMENTED', at: day(2), actor: author, payload: {} });
    if (n % 5 === 0) {
      await cases.record(caseId, { type: 'REVIEWED', at: day(3), actor: reviewer, payload: { approved: true } });
      await cases.record(caseId, { type: 'DONE', at: day(4), actor: reviewer, payload: {} });
    }
  }
  await store.close();
}, 60_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('kykypolku migrate-check', () => {
  it('passes a v2 that adds a state: every open v1 case would move, closed ones stay', async () => {
    const run = await cli('migrate-check', '--to', 'review-path@2', '--module', 'test/support/reviewCatalogue.ts', '--data-dir', dataDir);
    expect(run.code).toBe(0);
    expect(run.out).toContain('migrate-check review-path → v2 (embedded PostgreSQL (PGlite) in');
    expect(run.out).toContain(
      'cases of review-path: 20; on v2 already: 0; open on an older version that would move: 16; closed, staying on their version: 4; on a newer version: 0',
    );
    expect(run.out).toContain('every case replays: nothing stops the migration');
    expect(run.out).toContain('model check of v2: every rule holds');
  });

  it('lists every case a v2 would refuse, with its seq, and exits 1', async () => {
    const run = await cli(
      'migrate-check',
      '--to',
      'review-path@2',
      '--module',
      'test/support/reviewCatalogueAuthorsSilenced.ts',
      '--data-dir',
      dataDir,
    );
    expect(run.code).toBe(1);
    // doc-04, 08, 12 and 16 are open with an author's comment; doc-20 is closed and stays on v1.
    const listed = run.out.split('\n').filter((line) => line.startsWith('    doc-'));
    expect(listed.map((line) => line.trim().split(' ')[0])).toEqual(['doc-04', 'doc-08', 'doc-12', 'doc-16']);
    expect(listed[0]).toContain("doc-04 (v1, under its new version) seq 2: EVENT_REJECTED: seq 2: role 'author' may not record COMMENTED");
  });

  it("answers the same through the library, as a host's CI would run it", async () => {
    const store = await createPgliteStore({ dataDir });
    try {
      const report = await checkMigration(store, [reviewPath, reviewPathV2AuthorsSilenced], { id: 'review-path', version: 2 });
      expect(report).toMatchObject({ cases: 20, wouldMove: 12, closedStaying: 4, onTarget: 0 });
      expect(report.blockers.map((blocker) => [blocker.caseId, 'seq' in blocker.failure && blocker.failure.seq])).toEqual([
        ['doc-04', 2],
        ['doc-08', 2],
        ['doc-12', 2],
        ['doc-16', 2],
      ]);
      // What the gate replays is what loading the case under v2 would do.
      expect(replayCase(reviewPathV2, await store.read('doc-04')).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('fails the gate when the new version breaks a rule, whatever the stored cases', async () => {
    const run = await cli(
      'migrate-check',
      '--to',
      'review-path@2',
      '--module',
      'test/support/reviewCatalogueUnguarded.ts',
      '--data-dir',
      dataDir,
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain('model check of v2: FAILED');
    expect(run.out).toContain('approved-before-done');
  });

  it('lists how each open case’s due dates move under a v2 whose deadline moves, in text and --json', async () => {
    // v2 wants a review within two weeks; its deadline keeps the time left at the case's last v1 event.
    const args = ['migrate-check', '--to', 'review-path@2', '--module', 'test/support/reviewDeadlineCatalogue.ts', '--data-dir', dataDir];
    const run = await cli(...args, '--at', '2025-05-05T09:00:00Z');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('  due dates of the open cases if they move at 2025-05-05T09:00:00Z: 16 would move, 0 stay');
    // doc-01 was last written on 1 May, 7 days before its due date; doc-04 on 2 May, with 6 days left.
    expect(run.out).toContain('    doc-01 review-within-a-week: 2025-05-08T09:00:00.000Z → 2025-05-12T09:00:00.000Z (keep-remaining)');
    expect(run.out).toContain('    doc-04 review-within-a-week: 2025-05-08T09:00:00.000Z → 2025-05-11T09:00:00.000Z (keep-remaining)');
    expect(run.out).not.toContain('doc-05 review');
    const json = JSON.parse((await cli(...args, '--at', '2025-05-05T09:00:00Z', '--json')).out);
    expect(json.migratedAt).toBe('2025-05-05T09:00:00Z');
    expect(json.dueDates).toHaveLength(16);
    expect(json.dueDates[0]).toEqual({
      caseId: 'doc-01',
      fromVersion: 1,
      deadlines: [
        {
          id: 'review-within-a-week',
          onMigration: 'keep-remaining',
          oldDueAt: '2025-05-08T09:00:00.000Z',
          newDueAt: '2025-05-12T09:00:00.000Z',
        },
      ],
    });
    // Without --at, each case moves at its last event: nothing is lost, so nothing moves.
    const atLast = await cli(...args);
    expect(atLast.out).toContain('  due dates of the open cases if they move each at its last event: 0 would move, 16 stay');
    const bad = await cli(...args, '--at', 'next week');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--at must be an ISO 8601 instant');
  });

  it('answers bad usage with exit code 2', async () => {
    expect((await cli('migrate-check', '--to', 'review-path')).code).toBe(2);
    const unknown = await cli('migrate-check', '--to', 'workability-path@9');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('the catalogue holds no workability-path@9');
  });

  it('checks the built-in paths by default', async () => {
    const run = await cli('migrate-check', '--to', 'workability-path@1', '--data-dir', dataDir, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ path: { id: 'workability-path', version: 1 }, cases: 0, blockers: [] });
  });
});
