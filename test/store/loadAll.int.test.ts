// Integration: openCaseStore's loadAll reads a whole store in bulk — past many read pages — and
// gives every case as load gives it: the replayed case, TAMPERED_EVENT for a case changed outside
// the store, CASE_UNREADABLE for one the catalogue cannot replay, and goes on past each.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, openCaseStore, simulateCohort, type IndexedEventStore } from 'kykypolku';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { reviewPath } from '../support/reviewPath.js';
import { reviewPathV2 } from '../support/reviewPathV2.js';

let db: PGlite;
let pglite: PgliteStore;

beforeAll(async () => {
  db = new PGlite();
  // A page of 7 rows: 300 cases of a dozen events cross hundreds of page boundaries.
  pglite = await createPgliteStore({ db, readPageSize: 7 });
}, 60_000);

afterAll(async () => {
  await pglite?.close();
  await db?.close();
});

async function fill(store: IndexedEventStore) {
  const cohort = simulateCohort(reviewPath, { clients: 300, seed: 5 });
  for (const live of cohort.cases) {
    const saved = await store.append(live.caseId, live.history, { expectedSeq: 0 });
    if (!saved.ok) throw new Error(saved.failure.message);
  }
  return cohort;
}

describe('integration: loadAll', () => {
  it.for(['memory', 'PGlite'] as const)('%s: every case, in case id order, equal to load', async (kind) => {
    const store = kind === 'memory' ? createMemoryStore() : pglite;
    if (kind === 'PGlite') await db.exec('TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads');
    const cohort = await fill(store);
    const cases = openCaseStore(store, [reviewPath]);
    const loaded = [];
    for await (const result of cases.loadAll()) loaded.push(result);
    const ids = cohort.cases.map((live) => live.caseId).sort();
    expect(loaded.map((result) => result.ok && result.case.caseId)).toEqual(ids);
    for (const live of cohort.cases) {
      const found = loaded.find((result) => result.ok && result.case.caseId === live.caseId);
      expect(found?.ok && found.case.state).toEqual(live.state);
      expect(found?.ok && found.case.history).toEqual(live.history);
    }
  });

  it('gives a tampered case and an unreplayable one in their places, and every other case whole', async () => {
    await db.exec('TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads');
    const cohort = await fill(pglite);
    const ids = cohort.cases.map((live) => live.caseId).sort();
    const [tamperedId, foreignId] = [ids[40]!, ids[200]!];
    await db.query(`UPDATE kykypolku_events SET at = '2025-01-01T00:00:00Z' WHERE case_id = $1 AND seq = 2`, [tamperedId]);
    // A case of a path version the catalogue below does not hold.
    const foreign = simulateCohort(reviewPathV2, { clients: 1, seed: 9 }).cases[0]!;
    const renamed = foreign.history.map((event) => ({ ...event, caseId: `${foreignId}-v2` }));
    expect(await pglite.append(`${foreignId}-v2`, renamed, { expectedSeq: 0 })).toMatchObject({ ok: true });

    const results = [];
    for await (const result of openCaseStore(pglite, [reviewPath]).loadAll()) results.push(result);
    const failures = results.filter((result) => !result.ok).map((result) => !result.ok && [result.failure.code, result.failure.caseId]);
    expect(failures).toEqual([
      ['TAMPERED_EVENT', tamperedId],
      ['CASE_UNREADABLE', `${foreignId}-v2`],
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(ids.length - 1);
    const loaded = await openCaseStore(pglite, [reviewPath]).load(tamperedId);
    expect(loaded).toMatchObject({ ok: false, failure: { code: 'TAMPERED_EVENT', caseId: tamperedId } });
  });
});
