// Issue 15 item 3: what a migration to a new path version does to a deadline's due date is the
// deadline's to declare (`onMigration`), and every store arms and hands out the same moved date.
// v1 wants a review within a week of submission, v2 within two weeks. The case was submitted on
// 1 May and last written under v1 on 3 May; its first v2 event, on 5 May, migrates it.
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkMigration, createMemoryStore, definePath, openCaseStore, replayFromCatalogue, type IndexedEventStore } from 'kykypolku';
import { diffPaths, summarizeCases } from 'kykypolku/diagram';
import { createPgliteStore, createPostgresStore } from 'kykypolku/postgres';
import { author, reviewer, reviewPath } from '../support/reviewPath.js';
import { reviewSpecV2 } from '../support/reviewPathV2.js';
import { reviewPathV2Deadline } from '../support/reviewDeadlinePaths.js';
import { useThrowawayServer } from '../support/postgresServer.js';

const postgres = useThrowawayServer();
const at = (day: number, hour = 9) => `2025-05-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const submitted = (day: number) => ({ type: 'SUBMITTED', at: at(day), actor: author, payload: { priority: 'low' } }) as const;
const commented = (day: number) => ({ type: 'COMMENTED', at: at(day), actor: author, payload: {} }) as const;
const lease = 60_000;

/** The due date under v2 of a case submitted on 1 May, last written under v1 on 3 May, migrated on 5 May. */
const expected = {
  // The new rule over the whole history: submitted + 14 days.
  recompute: at(15),
  // The due date v1 armed stays: submitted + 7 days.
  'keep-due-date': at(8),
  // The 5 days left when the case was last written under v1 (3 → 8 May), counted from 5 May.
  'keep-remaining': at(10),
  // The new rule's 14 days, counted from the migration on 5 May.
  restart: at(19),
} as const;
const readings = Object.keys(expected) as (keyof typeof expected)[];

const stores: { name: string; open: () => Promise<IndexedEventStore> }[] = [
  { name: 'memory', open: async () => createMemoryStore() },
  { name: 'PGlite', open: async () => createPgliteStore({ db: new PGlite() }) },
  {
    name: 'PostgreSQL',
    open: async () => {
      const { pool } = await postgres.freshPool(2);
      const store = createPostgresStore({ pool });
      await store.migrate();
      return store;
    },
  },
];

/** doc-1 migrates with its v1 deadline open; doc-2 had its v1 deadline fired and settled before it migrated on 10 May. */
async function storeWithMigratedCases(open: () => Promise<IndexedEventStore>, reading: keyof typeof expected) {
  const store = await open();
  const v1 = openCaseStore(store, [reviewPath]);
  await v1.record('doc-1', submitted(1));
  await v1.record('doc-1', commented(3));
  await v1.record('doc-2', submitted(1));
  const fired = await store.claimDueDeadlines({ now: at(9), limit: 10, workerId: 'v1-worker', lease });
  expect(fired.claims?.map((claim) => [claim.caseId, claim.dueAt])).toEqual([
    ['doc-1', at(8)],
    ['doc-2', at(8)],
  ]);
  // doc-1's claim is given back (the notifier failed); doc-2's is settled.
  expect((await store.releaseDeadline(fired.claims![0]!)).ok).toBe(true);
  expect((await store.completeDeadline(fired.claims![1]!)).ok).toBe(true);
  const catalogue = [reviewPath, reviewPathV2Deadline(reading)];
  const cases = openCaseStore(store, catalogue);
  const moved = await cases.record('doc-1', commented(5));
  expect(moved.ok && moved.case.definition.version).toBe(2);
  expect((await cases.record('doc-2', commented(10))).ok).toBe(true);
  return { store, cases, catalogue };
}

describe.each(stores)('a deadline through a migration on the $name store', ({ open }) => {
  it.each(readings)("'%s': the due date moves as declared, and claims hand out the moved date only", async (reading) => {
    const { store, cases, catalogue } = await storeWithMigratedCases(open, reading);
    try {
      const loaded = await cases.load('doc-1');
      expect(loaded.case?.deadlines(at(5)).map((deadline) => deadline.dueAt)).toEqual([expected[reading]]);
      // Replaying the stored events from the catalogue, as any later load does, gives the same date.
      const replayed = replayFromCatalogue(catalogue, await store.read('doc-1'));
      expect(replayed.case?.deadlines(at(5)).map((deadline) => deadline.dueAt)).toEqual([expected[reading]]);
      expect((await store.listCases({ pathId: 'review-path' })).find((row) => row.caseId === 'doc-1')?.nextDueAt).toBe(expected[reading]);

      // Nothing is handed out before the moved date; the old date is not handed out unless kept.
      const early = await store.claimDueDeadlines({ now: at(9), limit: 10, workerId: 'w', lease });
      expect(early.claims?.map((claim) => [claim.caseId, claim.dueAt])).toEqual(reading === 'keep-due-date' ? [['doc-1', at(8)]] : []);
      for (const claim of early.claims ?? []) await store.releaseDeadline(claim);

      // doc-2's settled v1 deadline is never handed out again for the same due date: under
      // keep-due-date it keeps 8 May and stays settled; every other reading moves it to a new date.
      const doc2 = {
        recompute: at(15),
        'keep-due-date': undefined,
        // 7 days left when last written under v1 (1 → 8 May), counted from 10 May.
        'keep-remaining': at(17),
        restart: at(24),
      }[reading];
      const later = await store.claimDueDeadlines({ now: '2025-06-01T00:00:00Z', limit: 10, workerId: 'w', lease });
      expect(later.claims?.map((claim) => [claim.caseId, claim.dueAt])).toEqual(
        [['doc-1', expected[reading]] as const, ...(doc2 ? [['doc-2', doc2] as const] : [])].sort((a, b) => a[1].localeCompare(b[1])),
      );
      for (const claim of later.claims ?? []) expect((await store.completeDeadline(claim)).ok).toBe(true);

      // A restart re-arms from history: the same due dates, and nothing settled comes back.
      expect((await cases.rebuildProjections()).unreadable).toEqual([]);
      expect((await cases.armDeadlines()).unreadable).toEqual([]);
      expect((await store.claimDueDeadlines({ now: '2026-01-01T00:00:00Z', limit: 10, workerId: 'w', lease })).claims).toEqual([]);
    } finally {
      await (store as { close?: () => Promise<void> }).close?.();
    }
  });

  it('a deadline met after the migration is never handed out, whatever the reading', async () => {
    const { store, cases } = await storeWithMigratedCases(open, 'keep-due-date');
    try {
      await cases.record('doc-1', { type: 'REVIEWED', at: at(6), actor: reviewer, payload: { approved: false } });
      const claimed = await store.claimDueDeadlines({ now: '2026-01-01T00:00:00Z', limit: 10, workerId: 'w', lease });
      expect(claimed.claims?.map((claim) => claim.caseId)).toEqual([]);
    } finally {
      await (store as { close?: () => Promise<void> }).close?.();
    }
  });
});

describe('checkMigration lists how each open case’s due dates move', () => {
  let store: IndexedEventStore;
  beforeAll(async () => {
    store = createMemoryStore();
    const v1 = openCaseStore(store, [reviewPath]);
    await v1.record('doc-1', submitted(1));
    await v1.record('doc-1', commented(3));
    // Reviewed: nothing is due, nothing to list. Done: closed, stays on v1.
    await v1.record('doc-3', submitted(1));
    await v1.record('doc-3', { type: 'REVIEWED', at: at(2), actor: reviewer, payload: { approved: true } });
    await v1.record('doc-4', submitted(1));
    await v1.record('doc-4', { type: 'REVIEWED', at: at(2), actor: reviewer, payload: { approved: true } });
    await v1.record('doc-4', { type: 'DONE', at: at(3), actor: reviewer, payload: {} });
  });

  it.each(readings)("'%s': old and new due date per deadline, as a migration at the given instant would arm them", async (reading) => {
    const report = await checkMigration(
      store,
      [reviewPath, reviewPathV2Deadline(reading)],
      { id: 'review-path', version: 2 },
      {
        at: at(5),
      },
    );
    expect(report.migratedAt).toBe(at(5));
    expect(report.dueDates).toEqual([
      {
        caseId: 'doc-1',
        fromVersion: 1,
        deadlines: [{ id: 'review-within-a-week', onMigration: reading, oldDueAt: at(8), newDueAt: expected[reading] }],
      },
    ]);
  });

  it('without an instant, lists each case as migrating at its last event', async () => {
    const report = await checkMigration(store, [reviewPath, reviewPathV2Deadline('restart')], { id: 'review-path', version: 2 });
    expect(report.migratedAt).toBeUndefined();
    // Last written on 3 May: 14 days from then.
    expect(report.dueDates[0]?.deadlines[0]?.newDueAt).toBe(at(17));
  });
});

describe('the report counts a migrated case’s deadlines as the case arms them', () => {
  it.each([
    ['recompute', 0],
    ['keep-due-date', 1],
  ] as const)("'%s': overdue on 9 May: %i", async (reading, overdue) => {
    const { store } = await storeWithMigratedCases(async () => createMemoryStore(), reading);
    const summary = summarizeCases(reviewPathV2Deadline(reading), [await store.read('doc-1')], { now: at(9) });
    expect(summary.deadlines['review-within-a-week']).toEqual({ due: 1, overdue });
  });
});

describe('keep-remaining with no time left', () => {
  it('keeps the old date of a deadline already due when the case was last written under v1', async () => {
    const store = createMemoryStore();
    const v1 = openCaseStore(store, [reviewPath]);
    await v1.record('doc-1', submitted(1));
    // Last written on 9 May, a day after its due date: nothing remained to keep.
    await v1.record('doc-1', commented(9));
    const report = await checkMigration(
      store,
      [reviewPath, reviewPathV2Deadline('keep-remaining')],
      { id: 'review-path', version: 2 },
      {
        at: at(12),
      },
    );
    expect(report.dueDates[0]?.deadlines[0]).toMatchObject({ oldDueAt: at(8), newDueAt: at(8) });
    const moved = await openCaseStore(store, [reviewPath, reviewPathV2Deadline('keep-remaining')]).record('doc-1', commented(12));
    expect(moved.case?.deadlines(at(12)).map((deadline) => deadline.dueAt)).toEqual([at(8)]);
  });
});

describe('declaring a reading', () => {
  it('defaults to recompute, the new rule over the whole history', async () => {
    const report = await checkMigration(createMemoryStore(), [reviewPath, reviewPathV2Deadline(undefined)], {
      id: 'review-path',
      version: 2,
    });
    expect(report.dueDates).toEqual([]);
    const store = createMemoryStore();
    const v1 = openCaseStore(store, [reviewPath]);
    await v1.record('doc-1', submitted(1));
    await v1.record('doc-1', commented(3));
    const listed = await checkMigration(store, [reviewPath, reviewPathV2Deadline(undefined)], { id: 'review-path', version: 2 });
    expect(listed.dueDates[0]?.deadlines[0]).toMatchObject({ onMigration: 'recompute', newDueAt: at(15) });
  });

  it('is part of the deadline: the path diff an analyst reviews shows a changed reading', () => {
    const rows = diffPaths(reviewPathV2Deadline('recompute'), reviewPathV2Deadline('keep-due-date')).rows;
    expect(rows.map((row) => [row.subject, row.change, row.key])).toEqual([['deadline', 'changed', 'review-within-a-week']]);
    expect(diffPaths(reviewPathV2Deadline(undefined), reviewPathV2Deadline('recompute')).rows).toEqual([]);
  });

  it('refuses a reading that keeps the old due date when a migration does not name the version it moves from', () => {
    const v2 = reviewSpecV2();
    const build = (onMigration: string) => () =>
      definePath({ ...v2, deadlines: [{ ...v2.deadlines[0], onMigration: onMigration as 'keep-due-date' }], migrations: [{ from: 1 }] });
    expect(build('keep-due-date')).toThrow(
      /deadline 'review-within-a-week' keeps .* migration from version 1 must name that version \(fromPath\)/,
    );
    expect(build('keep-remaining')).toThrow(/fromPath/);
    expect(build('restart')).not.toThrow();
    expect(build('sometimes')).toThrow(/onMigration must be one of recompute, keep-due-date, keep-remaining, restart/);
    expect(() => definePath({ ...v2, migrations: [{ from: 1, fromPath: reviewPathV2Deadline('restart') }] })).toThrow(
      /fromPath must be version 1 of review-path/,
    );
  });
});

describe('at a real size', () => {
  it('a case of 2 000 events migrates with its kept due date, and records after it keep it', async () => {
    const store = createMemoryStore();
    const v1 = openCaseStore(store, [reviewPath]);
    await v1.record('doc-1', submitted(1));
    // 1 998 comments on 2 May, then the case moves with its 2 000th event on 5 May.
    const comments = Array.from({ length: 1_998 }, (_, index) => ({ ...commented(2), eventId: `c-${index}` }));
    for (const comment of comments) expect((await v1.record('doc-1', comment)).ok).toBe(true);
    const cases = openCaseStore(store, [reviewPath, reviewPathV2Deadline('keep-remaining')]);
    const started = performance.now();
    for (const day of [5, 6, 7]) expect((await cases.record('doc-1', commented(day))).ok).toBe(true);
    const perRecord = (performance.now() - started) / 3;
    console.log(`record on a migrated case of 2 000 events (keep-remaining): ${perRecord.toFixed(1)} ms each`);
    // 6 days left on 2 May (its last v1 event), counted from 5 May.
    expect((await cases.load('doc-1')).case?.deadlines(at(7)).map((deadline) => deadline.dueAt)).toEqual([at(11)]);
    const claimed = await store.claimDueDeadlines({ now: at(10, 23), limit: 10, workerId: 'w', lease });
    expect(claimed.claims).toEqual([]);
    expect((await store.claimDueDeadlines({ now: at(11), limit: 10, workerId: 'w', lease })).claims?.map((claim) => claim.dueAt)).toEqual([
      at(11),
    ]);
  }, 120_000);
});
