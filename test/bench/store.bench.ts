/**
 * Issue 7's benchmark, in one run on a throwaway PostgreSQL server with fsync on (durable commits):
 * - append throughput of the PostgreSQL store, single events and batches of 10, as a ratio to raw
 *   parameterised INSERTs with `pg` into a table of the same shape (target ≥ 0.7×);
 * - the same for the PGlite store against raw PGlite INSERTs;
 * Load + replay of 100 000 stored cases and the overdue list among them are in storeLoad.bench.ts.
 */
import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { it } from 'vitest';
import type { RecordedEvent } from 'kykypolku';
import { createPgliteStore, createPostgresStore, type SqlEventStore } from 'kykypolku/postgres';
import { useThrowawayServer } from '../support/postgresServer.js';
import { compareWithBaselineAsync, printRows } from './harness.js';

// fsync on: every commit waits for the disk, as on a real server.
const postgres = useThrowawayServer({ durable: true });

function newPool(url: string, max: number): pg.Pool {
  return postgres.newPool(url, max);
}

// The raw baseline's table: the store's events table, column for column, with the same keys.
const rawTable = `CREATE TABLE raw_events (
  case_id text COLLATE "C" NOT NULL, seq integer NOT NULL, position bigint GENERATED ALWAYS AS IDENTITY,
  event_id text, path_id text NOT NULL, path_version integer NOT NULL, type text NOT NULL, at text NOT NULL,
  actor_role text NOT NULL, actor_id text NOT NULL, payload jsonb NOT NULL, digest text NOT NULL,
  PRIMARY KEY (case_id, seq))`;
const rawIndexes = [
  'CREATE UNIQUE INDEX raw_events_event_id ON raw_events (case_id, event_id) WHERE event_id IS NOT NULL',
  'CREATE INDEX raw_events_position ON raw_events (position)',
];
const rawColumns = 'case_id, seq, event_id, path_id, path_version, type, at, actor_role, actor_id, payload, digest';

// Beside the baseline, not instead of it: the raw INSERT keeps no per-case head, which any append
// that chains a case's digests and checks the expected seq in the same statement must write. This
// row measures that write with nothing else of the store's, so the gap it explains is visible.
const rawHeadTable = 'CREATE TABLE raw_heads (case_id text COLLATE "C" PRIMARY KEY, last_seq integer NOT NULL, chain text NOT NULL)';

/** The raw INSERT and the case's head row upserted in the same statement: parameters case id, last seq, chain, then the rows. */
function rawInsertWithHead(rows: number): string {
  const tuples = Array.from(
    { length: rows },
    (_, row) => `(${Array.from({ length: 11 }, (_, column) => `$${row * 11 + column + 4}`).join(', ')})`,
  );
  return `WITH inserted AS (INSERT INTO raw_events (${rawColumns}) VALUES ${tuples.join(', ')} RETURNING seq)
  INSERT INTO raw_heads (case_id, last_seq, chain) SELECT $1, $2::int, $3 WHERE EXISTS (SELECT 1 FROM inserted)
  ON CONFLICT (case_id) DO UPDATE SET last_seq = EXCLUDED.last_seq, chain = EXCLUDED.chain`;
}

/** A multi-row parameterised INSERT of `rows` events: what a hand-written writer would send. */
function rawInsert(rows: number): string {
  const tuples = Array.from(
    { length: rows },
    (_, row) => `(${Array.from({ length: 11 }, (_, column) => `$${row * 11 + column + 1}`).join(', ')})`,
  );
  return `INSERT INTO raw_events (${rawColumns}) VALUES ${tuples.join(', ')}`;
}

const template = {
  type: 'HEALTH_CHECK_DONE',
  at: '2025-03-12T10:00:00Z',
  actor: { role: 'nurse', id: 'nurse-17' },
  payload: { mode: 'clinic' },
  path: { id: 'workability-path', version: 1 },
} as const;

/** Events per case before a writer opens the next one: a case lasts months, with tens of events. */
const eventsPerCase = 20;

/** A writer of one kind: raw or the store, on one database, continuing its own cases. */
function writers(label: string, rawQuery: (text: string, values: unknown[]) => Promise<unknown>, store: SqlEventStore) {
  let rawCase = 0;
  let rawSeq = 0;
  let storeCase = 0;
  let storeSeq = 0;
  let rowCase = 0;
  let rowSeq = 0;
  let headCase = 0;
  let headSeq = 0;
  const projection = { state: 'healthCheck', status: 'open', assignee: 'nurse-17', nextDueAt: '2025-03-13T10:00:00Z' } as const;
  const perRun = 20;
  const events = (caseId: string, from: number, count: number): RecordedEvent[] =>
    Array.from({ length: count }, (_, index) => ({ caseId, seq: from + index + 1, ...template, eventId: `${caseId}-${from + index + 1}` }));
  const rawValues = (batch: readonly RecordedEvent[]) =>
    batch.flatMap((event) => [
      event.caseId,
      event.seq,
      event.eventId,
      event.path.id,
      event.path.version,
      event.type,
      event.at,
      event.actor.role,
      event.actor.id,
      JSON.stringify(event.payload),
      'digest',
    ]);
  const task = (name: string, size: number, kind: 'raw' | 'rawHead' | 'store' | 'projected') => ({
    name: `${label}: ${name}`,
    opsPerRun: perRun * size,
    run: async () => {
      for (let step = 0; step < perRun; step++) {
        if (kind === 'projected') {
          if (rowSeq >= eventsPerCase) [rowCase, rowSeq] = [rowCase + 1, 0];
          const batch = events(`row-${size}-${rowCase}`, rowSeq, size);
          const saved = await store.append(batch[0]!.caseId, batch, { expectedSeq: rowSeq, projection });
          if (!saved.ok) throw new Error(saved.failure.message);
          rowSeq += size;
        } else if (kind === 'raw') {
          if (rawSeq >= eventsPerCase) [rawCase, rawSeq] = [rawCase + 1, 0];
          const batch = events(`raw-${size}-${rawCase}`, rawSeq, size);
          await rawQuery(rawInsert(size), rawValues(batch));
          rawSeq += size;
        } else if (kind === 'rawHead') {
          if (headSeq >= eventsPerCase) [headCase, headSeq] = [headCase + 1, 0];
          const batch = events(`head-${size}-${headCase}`, headSeq, size);
          await rawQuery(rawInsertWithHead(size), [batch[0]!.caseId, batch[batch.length - 1]!.seq, 'chain', ...rawValues(batch)]);
          headSeq += size;
        } else {
          if (storeSeq >= eventsPerCase) [storeCase, storeSeq] = [storeCase + 1, 0];
          const batch = events(`store-${size}-${storeCase}`, storeSeq, size);
          const saved = await store.append(batch[0]!.caseId, batch, { expectedSeq: storeSeq });
          if (!saved.ok) throw new Error(saved.failure.message);
          storeSeq += size;
        }
      }
    },
  });
  return { task };
}

async function appendRatios(label: string, rawQuery: (text: string, values: unknown[]) => Promise<unknown>, store: SqlEventStore) {
  for (const size of [1, 10]) {
    // Fresh writers per size, so raw and store rows grow the same tables at the same pace.
    const { task } = writers(label, rawQuery, store);
    const name = size === 1 ? 'single events, one commit each' : 'batches of 10, one commit each';
    const rows = await compareWithBaselineAsync(
      task(`raw parameterised INSERT, ${name}`, size, 'raw'),
      [
        task(`raw INSERT + head row upsert (what the baseline leaves out), ${name}`, size, 'rawHead'),
        task(`store.append, ${name}`, size, 'store'),
        task(`store.append + case row (openCaseStore), ${name}`, size, 'projected'),
      ],
      {
        rounds: 7,
        roundMs: 1500,
      },
    );
    printRows(
      `${label} append throughput, ${name} (ratio to raw INSERTs on the same ${label === 'PGlite' ? 'database' : 'server'})`,
      rows,
      'event',
    );
  }
}

it('appends to the PostgreSQL store nearly as fast as raw INSERTs', async () => {
  const url = await postgres.server.createDatabase();
  const pool = newPool(url, 1);
  const store = createPostgresStore({ pool });
  await store.migrate();
  await pool.query(rawTable);
  await pool.query(rawHeadTable);
  for (const index of rawIndexes) await pool.query(index);
  process.stdout.write(`\nPostgreSQL ${postgres.server.version}, fsync on, one connection, sequential writers\n`);
  await appendRatios('PostgreSQL', (text, values) => pool.query(text, values), store);
});

it('appends to the PGlite store nearly as fast as raw PGlite INSERTs', async () => {
  const db = new PGlite();
  const store = await createPgliteStore({ db });
  await db.exec(rawTable);
  await db.exec(rawHeadTable);
  for (const index of rawIndexes) await db.exec(index);
  await appendRatios('PGlite', (text, values) => db.query(text, values), store);
  await db.close();
});
