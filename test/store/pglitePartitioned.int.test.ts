// PGlite (PostgreSQL compiled to WebAssembly) partitions too: the store opened with
// `partitions: { byHashOfCase: 8 }` keeps the conformance suite, reads one partition per case,
// and an unpartitioned PGlite store is converted in place with every case readable.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { longCase } from '../support/longCases.js';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';
import { describeDeadlineClaimsContract } from './deadlineClaimsContract.js';

let db: PGlite;
let store: PgliteStore;
const partitions = { byHashOfCase: 8 } as const;

beforeAll(async () => {
  db = new PGlite();
  store = await createPgliteStore({ db, partitions });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await db?.close();
});

async function emptyStore() {
  await db.exec('TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines');
  return store;
}

it('partitions the four case tables on PGlite, and reads one partition for one case', async () => {
  expect(await store.migrate()).toMatchObject({ applied: [], partitions });
  const { rows } = await db.query<{ relname: string; parts: number }>(
    `SELECT c.relname, (SELECT count(*)::int FROM pg_inherits i WHERE i.inhparent = c.oid) AS parts
       FROM pg_class c WHERE c.relkind = 'p' AND c.relname LIKE 'kykypolku%' ORDER BY c.relname`,
  );
  expect(rows).toEqual(
    ['kykypolku_cases', 'kykypolku_deadlines', 'kykypolku_events', 'kykypolku_heads'].map((relname) => ({ relname, parts: 8 })),
  );
  await emptyStore();
  for (let n = 0; n < 40; n++) await store.append(`p-${n}`, longCase(`p-${n}`, 5), { expectedSeq: 0 });
  const plan = await db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (COSTS OFF) SELECT * FROM (SELECT 1) AS one LEFT JOIN kykypolku_heads h ON h.case_id = $1
       LEFT JOIN kykypolku_events e ON e.case_id = $1 ORDER BY e.seq`,
    ['p-7'],
  );
  const scanned = new Set(plan.rows.flatMap((row) => /on (kykypolku_\w+)/.exec(row['QUERY PLAN'])?.[1] ?? []));
  const { rows: holder } = await db.query<{ partition: string }>(
    `SELECT tableoid::regclass::text AS partition FROM kykypolku_heads WHERE case_id = 'p-7'`,
  );
  const part = /_p\d+$/.exec(holder[0]!.partition)![0];
  expect([...scanned].filter((relation) => !relation.endsWith('_pkey')).sort()).toEqual([
    `kykypolku_events${part}`,
    `kykypolku_heads${part}`,
  ]);
});

it('converts an unpartitioned PGlite store in place, every case readable', async () => {
  const own = new PGlite();
  try {
    const today = await createPgliteStore({ db: own });
    const cases = Array.from({ length: 30 }, (_, n) => longCase(`c-${n}`, n === 0 ? 1200 : 5, n));
    for (const history of cases)
      for (let from = 0; from < history.length; from += 1000)
        await today.append(history[0]!.caseId, history.slice(from, from + 1000), { expectedSeq: from });
    const partitioned = await createPgliteStore({ db: own, partitions });
    expect(await partitioned.migrate()).toMatchObject({ applied: [], partitions });
    for (const history of cases) expect(await partitioned.read(history[0]!.caseId)).toEqual(history);
  } finally {
    await own.close();
  }
});

describeEventStoreContract('the partitioned PGlite store', emptyStore);
describeIndexedStoreContract('the partitioned PGlite store', emptyStore);
describeDeadlineClaimsContract('the partitioned PGlite store', emptyStore);

it('refuses a partition count that is not one before it locks the directory or starts the database', async () => {
  await expect(createPgliteStore({ dataDir: '/nonexistent/never-made', partitions: { byHashOfCase: 1 } })).rejects.toThrow(
    /partitions\.byHashOfCase must be an integer from 2 to 1 024/,
  );
  await expect(createPgliteStore({ db, partitions: { byHashOfCase: 4 } })).rejects.toMatchObject({
    name: 'PartitioningError',
    code: 'PARTITIONS_MISMATCH',
    partitioned: 8,
    asked: 4,
  });
});
