// rebuildProjections writes the case rows in transactions of 500 updates: a store of 1 200 cases,
// appended without their rows, gets every row back, each equal to the case replayed from its events.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCaseStore, projectCase, replayCase } from 'kykypolku';
import { lifestyleGuidancePath } from 'kykypolku/paths';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { longCase } from '../support/longCases.js';

const caseCount = 1200;
const histories = Array.from({ length: caseCount }, (_, n) => longCase(`case-${String(n).padStart(4, '0')}`, 5, n));
let store: PgliteStore;

beforeAll(async () => {
  store = await createPgliteStore();
  // No projection: each case's row is left unwritten until the rebuild.
  for (const history of histories) {
    const saved = await store.append(history[0]!.caseId, history, { expectedSeq: 0 });
    if (!saved.ok) throw new Error(saved.failure.message);
  }
}, 300_000);

afterAll(async () => {
  await store?.close();
});

it('writes every case row past one transaction of updates, each equal to the replayed case', async () => {
  expect(await store.listCases({ limit: 10_000 })).toHaveLength(0);
  const report = await openCaseStore(store, [lifestyleGuidancePath]).rebuildProjections();
  expect(report).toEqual({ cases: caseCount, written: caseCount, unreadable: [] });
  const rows = await store.listCases({ limit: 10_000 });
  expect(rows).toHaveLength(caseCount);
  const byId = new Map(rows.map((row) => [row.caseId, row]));
  for (const history of histories) {
    const replayed = replayCase(lifestyleGuidancePath, history);
    if (!replayed.ok) throw new Error(replayed.failure.message);
    // The row keeps what listCases gives; the deadlines it arms are in the deadlines table.
    const { deadlines: _armed, ...row } = projectCase(replayed.case);
    expect(byId.get(history[0]!.caseId)).toMatchObject({ seq: 5, ...row });
  }
});
