// Integration (PGlite): what one append costs the database, read off its generic plan (the plan a
// named statement runs with after its fifth execution). An append is checked against its case's
// head alone: it never scans the case's events (a max(seq) over them was a bitmap scan of every
// row of the case, the largest single part of a single-event append on PGlite, issue 19 item 3),
// reads the head at most once, and sends no row back (its row count says whether it appended).
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { appendProjected, appendUnprojected } from '../../src/store/postgres/storeStatements.js';

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly Operation?: string;
  readonly 'CTE Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

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

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

async function planOf(text: string): Promise<PlanNode[]> {
  // The simple protocol: a plan with its parameters left as $n needs no values.
  const [result] = await db.exec(`EXPLAIN (FORMAT JSON, GENERIC_PLAN) ${text}`);
  const plan = (result!.rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'];
  return nodesOf(plan[0].Plan);
}

const statements = [1, 10, 1200].flatMap((size) =>
  (['new', 'continued'] as const).flatMap((start) => [
    { name: `appendUnprojected(${size}, ${start})`, start, text: appendUnprojected(size, start).text },
    { name: `appendProjected(${size}, ${start})`, start, text: appendProjected(size, start).text },
  ]),
);

it.each(statements)('$name reads none of the case’s events and its head at most once', async ({ start, text }) => {
  const nodes = await planOf(text);
  const scans = nodes.filter((node) => node['Node Type'].includes('Scan') && node['Relation Name'] !== undefined);
  expect(scans.filter((node) => node['Relation Name'] === 'kykypolku_events')).toEqual([]);
  // A new case: whether the store sees a head (one probe); a continued one: the head's check, then its update.
  const headScans = scans.filter((node) => node['Relation Name'] === 'kykypolku_heads');
  expect(headScans).toHaveLength(start === 'new' ? 1 : 2);
  // The events are inserted once and the head written once; what comes back is the head write's one row.
  expect(nodes.filter((node) => node['Node Type'] === 'ModifyTable' && node['Relation Name'] === 'kykypolku_events')).toHaveLength(1);
  expect(nodes.filter((node) => node['Node Type'] === 'ModifyTable' && node['Relation Name'] === 'kykypolku_heads')).toHaveLength(1);
  expect(nodes[0]).toMatchObject({ 'Node Type': 'CTE Scan', 'CTE Name': 'head_written' });
  // The events table is met before the heads table, the order schema step 7's conversion locks them
  // in (heads first deadlocked against it: test/store/partitionMigration.int.test.ts).
  expect(text.indexOf('kykypolku_events')).toBeLessThan(text.indexOf('kykypolku_heads'));
  expect(text).not.toMatch(/\bmax\(seq\)/);
});

it('appends whole and answers by its row count, a new case and a continued one, single events and batches', async () => {
  const at = '2025-03-12T10:00:00Z';
  const event = (seq: number) => ({
    caseId: 'plan-1',
    seq,
    type: 'HEALTH_CHECK_DONE',
    at,
    actor: { role: 'nurse', id: 'nurse-17' },
    payload: { mode: 'clinic' },
    path: { id: 'workability-path', version: 1 },
    eventId: `plan-1-${seq}`,
  });
  const events = Array.from({ length: 21 }, (_, index) => event(index + 1));
  expect(await store.append('plan-1', events.slice(0, 1), { expectedSeq: 0 })).toEqual({ ok: true, seq: 1, alreadyRecorded: false });
  expect(await store.append('plan-1', events.slice(1, 11), { expectedSeq: 1 })).toEqual({ ok: true, seq: 11, alreadyRecorded: false });
  expect(await store.append('plan-1', events.slice(11, 12), { expectedSeq: 11 })).toEqual({ ok: true, seq: 12, alreadyRecorded: false });
  // A stale expected seq: the head's check refuses it, nothing is written.
  const stale = await store.append('plan-1', [{ ...event(12), eventId: 'plan-1-other' }], { expectedSeq: 11 });
  expect(stale, JSON.stringify(stale)).toMatchObject({
    ok: false,
    failure: { code: 'CONCURRENCY_CONFLICT', expectedSeq: 11, actualSeq: 12 },
  });
  expect(await store.read('plan-1')).toEqual(events.slice(0, 12));
  const [head] = (await db.query<{ last_seq: number }>(`SELECT last_seq FROM kykypolku_heads WHERE case_id = 'plan-1'`)).rows;
  expect(head?.last_seq).toBe(12);
});

// A plan is made once per database (PGlite) or connection and kept: one made while the store had no
// deadlines must still find a case's deadlines by its case id, not by walking kykypolku_deadlines_available
// (due instant first: every unsettled deadline of every case, on each append).
it.each(statements)('$name finds the case’s deadlines by its case id, planned on an empty store', async ({ text }) => {
  const scans = (await planOf(text)).filter(
    (node) => node['Relation Name'] === 'kykypolku_deadlines' && node['Node Type'].includes('Scan'),
  );
  for (const scan of scans) expect(scan['Index Name'], scan['Node Type']).toBe('kykypolku_deadlines_pkey');
});
