// Integration: the PGlite store prepares each named statement once per database (issue 19 item 3),
// and a prepared statement behaves as query() did — errors, second stores, a host's DEALLOCATE ALL,
// and the one lock that keeps two writers from both winning.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from 'kykypolku';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { reviewPath } from '../support/reviewPath.js';

let db: PGlite;
let store: PgliteStore;

beforeAll(async () => {
  db = new PGlite();
  store = await createPgliteStore({ db });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await db?.close();
});

function historyOf(caseId: string, events: number) {
  const caseRef = openCase(reviewPath, { caseId });
  caseRef.record({ type: 'SUBMITTED', at: '2025-01-01T08:00:00Z', actor: { role: 'author', id: 'a-1' }, payload: { priority: 'low' } });
  for (let index = 1; caseRef.history.length < events; index++) {
    const at = new Date(Date.UTC(2025, 0, 1, 8, index)).toISOString();
    const outcome = caseRef.record({ type: 'COMMENTED', at, actor: { role: 'reviewer', id: 'r-1' } });
    if (!outcome.ok) throw new Error(outcome.rejection.message);
  }
  return caseRef.history;
}

async function preparedNames(): Promise<string[]> {
  const result = await db.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name');
  return result.rows.map((row) => row.name);
}

it('prepares the statements it names once, and binds them afterwards', async () => {
  await db.exec('DEALLOCATE ALL');
  const history = historyOf('prepared-1', 3);
  expect(await store.append('prepared-1', history.slice(0, 1), { expectedSeq: 0 })).toMatchObject({ ok: true });
  const afterOne = await preparedNames();
  expect(afterOne).toContain('kykypolku_appendUnprojected_1');
  expect(await store.append('prepared-1', history.slice(1, 2), { expectedSeq: 1 })).toMatchObject({ ok: true });
  expect(await store.append('prepared-1', history.slice(2, 3), { expectedSeq: 2 })).toMatchObject({ ok: true });
  // The same names, prepared once: the second and third appends bound the first's statement.
  expect((await preparedNames()).filter((name) => name === 'kykypolku_appendUnprojected_1')).toHaveLength(1);
  expect(await store.read('prepared-1')).toEqual(history);
});

it('answers a refused append and keeps the connection usable', async () => {
  const history = historyOf('prepared-2', 2);
  expect(await store.append('prepared-2', history, { expectedSeq: 0 })).toMatchObject({ ok: true });
  // The same batch again: refused inside the prepared run, and the next statements still run.
  expect(await store.append('prepared-2', history, { expectedSeq: 0 })).toMatchObject({
    ok: false,
    failure: { code: 'CONCURRENCY_CONFLICT', actualSeq: 2 },
  });
  const other = historyOf('prepared-3', 2);
  expect(await store.append('prepared-3', other, { expectedSeq: 0 })).toMatchObject({ ok: true });
  expect(await store.read('prepared-3')).toEqual(other);
});

it('a second store on the same database shares the prepared statements', async () => {
  const second = await createPgliteStore({ db });
  const history = historyOf('prepared-4', 2);
  expect(await second.append('prepared-4', history, { expectedSeq: 0 })).toMatchObject({ ok: true });
  expect(await store.read('prepared-4')).toEqual(history);
  await second.close();
});

it("prepares again after a host's DEALLOCATE ALL", async () => {
  const history = historyOf('prepared-5', 2);
  expect(await store.append('prepared-5', history.slice(0, 1), { expectedSeq: 0 })).toMatchObject({ ok: true });
  await db.exec('DEALLOCATE ALL');
  expect(await preparedNames()).toEqual([]);
  expect(await store.append('prepared-5', history.slice(1), { expectedSeq: 1 })).toMatchObject({ ok: true });
  expect(await store.read('prepared-5')).toEqual(history);
});

it('two writers at the same seq: exactly one wins, through the prepared statement', async () => {
  const first = historyOf('prepared-6', 2);
  const rival = historyOf('prepared-6', 3).slice(0, 2);
  const results = await Promise.all([
    store.append('prepared-6', first, { expectedSeq: 0 }),
    store.append('prepared-6', [{ ...rival[0]!, at: '2025-01-01T08:00:30Z' }, rival[1]!], { expectedSeq: 0 }),
  ]);
  expect(results.filter((result) => result.ok)).toHaveLength(1);
  expect(results.filter((result) => !result.ok && result.failure.code === 'CONCURRENCY_CONFLICT')).toHaveLength(1);
});
