import type { EventChain } from './eventChain.js';
import { IntegrityKeyError } from './integrityKeyError.js';
import { sealEvents, type SealReport } from './sealEvents.js';
import type { SqlClient, SqlSession } from './sqlClient.js';
import { organisationStatements } from './organisationSchema.js';
import { consentStatements } from './consentSchema.js';
import { receiptOrganisationStatements } from './receiptOrganisationSchema.js';
import { partitionByHashOfCase, partitionCountOf } from './partitionTables.js';
import { PartitioningError } from './partitioningError.js';
import type { StorePartitions } from './storePartitions.js';

/** What the host asked `migrate()` for beyond the schema every store has. @internal */
export interface SchemaRequest {
  readonly partitions?: StorePartitions;
}

/** One step of the store's schema, applied once, in order, inside the migration transaction. */
interface SchemaMigration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
  /** Work on the rows the step's statements cannot do in SQL alone, run after them. */
  readonly rows?: (session: SqlSession, chain: EventChain) => Promise<SealReport>;
  /**
   * A step applied only when the host asks for it (and then once, whenever that is): a store
   * without it is complete too. Such a step must work on whatever the tables hold by the time it
   * runs, later steps' columns included, and the steps after it must work with or without it.
   */
  readonly whenAsked?: (request: SchemaRequest) => ((session: SqlSession) => Promise<void>) | undefined;
}

/**
 * The store's schema, as versioned steps. A released step never changes; a change is a new step.
 * Every table is keyed by `case_id` first, so it can be distributed by `case_id` (docs/scaling.md).
 * Case ids compare bytewise (COLLATE "C"): the same order on every server and in the memory store.
 * The case rows are rewritten on every append: room left in each page (fillfactor) lets PostgreSQL
 * update a row in place when no indexed column changed.
 *
 * @internal
 */
export const schemaMigrations: readonly SchemaMigration[] = [
  {
    version: 1,
    name: 'events and case projections',
    statements: [
      `CREATE TABLE kykypolku_events (
         case_id      text COLLATE "C" NOT NULL,
         seq          integer NOT NULL CHECK (seq >= 1),
         position     bigint GENERATED ALWAYS AS IDENTITY,
         event_id     text,
         path_id      text NOT NULL,
         path_version integer NOT NULL,
         type         text NOT NULL,
         at           text NOT NULL,
         actor_role   text NOT NULL,
         actor_id     text NOT NULL,
         payload      jsonb NOT NULL,
         digest       text NOT NULL,
         PRIMARY KEY (case_id, seq)
       )`,
      `CREATE UNIQUE INDEX kykypolku_events_event_id ON kykypolku_events (case_id, event_id) WHERE event_id IS NOT NULL`,
      `CREATE INDEX kykypolku_events_position ON kykypolku_events (position)`,
      `CREATE TABLE kykypolku_cases (
         case_id       text COLLATE "C" PRIMARY KEY,
         last_seq      integer NOT NULL,
         path_id       text NOT NULL,
         path_version  integer NOT NULL,
         last_event_at text NOT NULL,
         state         text NOT NULL,
         status        text NOT NULL CHECK (status IN ('open', 'closed')),
         assignee      text,
         next_due      text,
         next_due_at   timestamptz
       ) WITH (fillfactor = 80)`,
      `CREATE INDEX kykypolku_cases_path_state ON kykypolku_cases (path_id, state)`,
      `CREATE INDEX kykypolku_cases_next_due ON kykypolku_cases (next_due_at, case_id) WHERE status = 'open' AND next_due_at IS NOT NULL`,
      `CREATE INDEX kykypolku_cases_caseload ON kykypolku_cases (assignee, path_id) WHERE status = 'open'`,
    ],
  },
  {
    version: 2,
    name: 'chained event digests and case heads',
    statements: [
      // Each event's link: its digest chained to the link before it (HMAC under the host's key, or SHA-256).
      `ALTER TABLE kykypolku_events ADD COLUMN chain text`,
      // The last seq and link of every case, kept apart from the case rows, which an append
      // without a projection deletes: a case whose last events are gone no longer matches it. The
      // seal (keyed like the links) is what the link of the row before last cannot stand in for.
      `CREATE TABLE kykypolku_heads (
         case_id  text COLLATE "C" PRIMARY KEY,
         last_seq integer NOT NULL,
         chain    text NOT NULL,
         seal     text NOT NULL,
         -- The position of its last event: readAll checks the heads of the cases it read whole.
         last_position bigint NOT NULL
       ) WITH (fillfactor = 80)`,
      // Whether the chain is keyed, and a check value of the key: a store opened with another key
      // (or none) is refused at migrate(), instead of every case reading as tampered.
      `CREATE TABLE kykypolku_integrity (
         singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
         keyed     boolean NOT NULL,
         key_check text
       )`,
    ],
    rows: sealEvents,
  },
  {
    version: 3,
    name: 'armed deadlines',
    statements: [
      // One row per case × deadline id × due instant the case's projection arms, written with its
      // events. A row is `settled` once a worker completed it; `attempts` counts its claims, so a
      // claim whose lease ran out and was handed out again can no longer settle it. `available_at`
      // is when it may next be claimed: its due instant, or the end of the lease that holds it, so
      // the claim's index scan never wades through rows other workers hold.
      `CREATE TABLE kykypolku_deadlines (
         case_id     text COLLATE "C" NOT NULL,
         deadline_id text COLLATE "C" NOT NULL,
         due_at_ts   timestamptz NOT NULL,
         due_at      text NOT NULL,
         path_id     text NOT NULL,
         settled     boolean NOT NULL DEFAULT false,
         attempts    integer NOT NULL DEFAULT 0,
         worker_id   text,
         lease_until timestamptz,
         available_at timestamptz NOT NULL,
         PRIMARY KEY (case_id, deadline_id, due_at_ts)
       ) WITH (fillfactor = 80)`,
      // The claim's scan: unsettled rows in the order they are handed out.
      `CREATE INDEX kykypolku_deadlines_available ON kykypolku_deadlines (available_at, case_id, deadline_id) WHERE NOT settled`,
      // Cases stored before this step have no armed rows: only a replay with their definitions can
      // say which deadlines they arm. Their rows are marked, and armDeadlines() replays them.
      `ALTER TABLE kykypolku_cases ADD COLUMN deadlines_armed boolean NOT NULL DEFAULT false`,
      `ALTER TABLE kykypolku_cases ALTER COLUMN deadlines_armed SET DEFAULT true`,
      `CREATE INDEX kykypolku_cases_unarmed ON kykypolku_cases (case_id) WHERE status = 'open' AND NOT deadlines_armed`,
    ],
  },
  {
    version: 4,
    name: 'event instants as timestamptz',
    statements: [
      // The instant of each event as a timestamptz, written with it (storeStatements.ts), so the
      // indicator statements compare and group stored instants instead of casting the text `at`
      // of every matching row: the cast was most of their time on a year of 100 000 cases
      // (docs/performance.md). `at` stays the event's own text, the one its digest covers.
      `ALTER TABLE kykypolku_events ADD COLUMN at_instant timestamptz`,
      `UPDATE kykypolku_events SET at_instant = at::timestamptz`,
      `ALTER TABLE kykypolku_events ALTER COLUMN at_instant SET NOT NULL`,
    ],
  },
  {
    version: 5,
    name: 'organisations, row-level security, access and disclosure logs',
    statements: organisationStatements,
  },
  {
    version: 6,
    name: 'erasure receipts',
    statements: [
      // One row per case destroyed at the end of its retention period (purgeExpired): what the
      // integrity checks accept in place of the case's head. `seal` is keyed like the heads, over
      // every other column, so a receipt written through SQL for a case deleted by hand is detected.
      `CREATE TABLE kykypolku_erasure_receipts (
         case_id      text COLLATE "C" PRIMARY KEY,
         path_id      text NOT NULL,
         path_version integer NOT NULL,
         closed_at    text NOT NULL,
         purged_at    text NOT NULL,
         event_count  integer NOT NULL CHECK (event_count >= 1),
         last_chain   text NOT NULL,
         seal         text NOT NULL
       )`,
      // The plan's scan: closed cases in case id order.
      `CREATE INDEX kykypolku_cases_closed ON kykypolku_cases (case_id) WHERE status = 'closed'`,
    ],
  },
  {
    version: 7,
    name: 'partitioned by hash of case id',
    // Only when asked (`partitions: { byHashOfCase }`): the events, heads, case rows and armed
    // deadlines become partitioned tables, their rows moved, under the same names (partitionTables.ts).
    // Every unique key of these tables holds case_id, so each stays enforced by a partitioned index.
    statements: [],
    whenAsked: (request) => {
      const count = request.partitions?.byHashOfCase;
      return count === undefined ? undefined : (session) => partitionByHashOfCase(session, count);
    },
  },
  {
    version: 8,
    name: 'consents to share a case with a partner organisation',
    statements: consentStatements,
  },
  {
    version: 9,
    name: 'organisation and row-level security on erasure receipts',
    statements: receiptOrganisationStatements,
  },
];

/** What `migrate()` did. */
export interface SchemaMigrationReport {
  /** The schema version after the run: the last step it has (steps applied only when asked count once applied). */
  readonly version: number;
  /** The versions this run applied; empty when the schema was already current. */
  readonly applied: readonly number[];
  /**
   * When this run brought the events of an older schema into the chain (version 2): the cases
   * sealed, and those left out because a row was already changed before the upgrade.
   */
  readonly sealed?: SealReport;
  /** When the store's tables are partitioned (schema step 7): by hash of the case id, into how many partitions. */
  readonly partitions?: StorePartitions;
}

// Any constant will do, as long as every kykypolku process uses the same one.
const migrationLockKey = 7_385_120_311;

/**
 * Brings the schema up to date in one transaction, under a transaction-scoped advisory lock: two
 * processes migrating at once take turns, and the second finds nothing left to do.
 *
 * @internal
 */
export async function migrateSchema(client: SqlClient, chain: EventChain, request: SchemaRequest = {}): Promise<SchemaMigrationReport> {
  return client.transaction(async (session) => {
    // A current schema needs no lock and no DDL: a role of one organisation, which may create
    // nothing, opens its store with migrate() like any other.
    const current = await appliedIfCurrent(session, request);
    if (current) return finish(session, chain, request, current, [], undefined);
    await session.query(`/* kykypolku:migrationLock:schema */ SELECT pg_advisory_xact_lock(${migrationLockKey})`);
    await session.query(
      `/* kykypolku:migrationTable:schema */ CREATE TABLE IF NOT EXISTS kykypolku_schema_migrations (
         version    integer PRIMARY KEY,
         name       text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = await session.query<{ version: number }>(
      `/* kykypolku:appliedMigrations:schema */ SELECT version FROM kykypolku_schema_migrations`,
    );
    const applied = new Set(done.rows.map((row) => row.version));
    const now: number[] = [];
    let sealed: SealReport | undefined;
    for (const migration of schemaMigrations) {
      if (applied.has(migration.version)) continue;
      const asked = migration.whenAsked?.(request);
      if (migration.whenAsked && !asked) continue;
      for (const statement of migration.statements)
        await session.query(`/* kykypolku:migration${migration.version}:schema */ ${statement}`);
      if (migration.rows) sealed = await migration.rows(session, chain);
      if (asked) await asked(session);
      await session.query(
        `/* kykypolku:recordMigration:schema */ INSERT INTO kykypolku_schema_migrations (version, name) VALUES ($1, $2)`,
        [migration.version, migration.name],
      );
      now.push(migration.version);
      applied.add(migration.version);
    }
    return finish(session, chain, request, applied, now, sealed);
  });
}

/** The integrity key checked, the partitions as asked, and the report of a run that applied `now`. */
async function finish(
  session: SqlSession,
  chain: EventChain,
  request: SchemaRequest,
  applied: ReadonlySet<number>,
  now: readonly number[],
  sealed: SealReport | undefined,
): Promise<SchemaMigrationReport> {
  await checkIntegrityKey(session, chain);
  const partitions = await partitionCountOf(session);
  const asked = request.partitions?.byHashOfCase;
  // A store keeps the partitions it was first given: another count is refused, not silently ignored.
  if (partitions !== undefined && asked !== undefined && asked !== partitions) throw new PartitioningError(partitions, asked);
  return {
    version: Math.max(...applied),
    applied: now,
    ...(sealed ? { sealed } : {}),
    ...(partitions === undefined ? {} : { partitions: { byHashOfCase: partitions } }),
  };
}

/** Whether every step is applied already: read without creating anything. */
/**
 * The steps applied, when nothing is left to apply: every step is, but those applied only when asked
 * and not asked for now. Undefined when a step is left (or the schema was never made).
 */
async function appliedIfCurrent(session: SqlSession, request: SchemaRequest): Promise<ReadonlySet<number> | undefined> {
  const { rows } = await session.query<{ present: boolean }>(
    `/* kykypolku:migrationTablePresent:schema */ SELECT to_regclass('kykypolku_schema_migrations') IS NOT NULL AS present`,
  );
  if (!rows[0]?.present) return undefined;
  const done = await session.query<{ version: number }>(
    `/* kykypolku:appliedMigrations:schema */ SELECT version FROM kykypolku_schema_migrations`,
  );
  const versions = new Set(done.rows.map((row) => row.version));
  const current = schemaMigrations.every(
    (migration) => versions.has(migration.version) || (migration.whenAsked !== undefined && migration.whenAsked(request) === undefined),
  );
  return current ? versions : undefined;
}

/**
 * Records the chain's mode on first use, and refuses a store opened with another key than the one
 * its events were chained with, or with a key when they were not (or none when they were).
 */
async function checkIntegrityKey(session: SqlSession, chain: EventChain): Promise<void> {
  const { rows } = await session.query<{ keyed: boolean; key_check: string | null }>(
    `/* kykypolku:integrityMode:schema */ SELECT keyed, key_check FROM kykypolku_integrity`,
  );
  const recorded = rows[0];
  if (!recorded) {
    await session.query(`/* kykypolku:recordIntegrityMode:schema */ INSERT INTO kykypolku_integrity (keyed, key_check) VALUES ($1, $2)`, [
      chain.keyed,
      chain.keyCheck,
    ]);
    return;
  }
  if (recorded.keyed !== chain.keyed || recorded.key_check !== chain.keyCheck) {
    const was = recorded.keyed ? 'with an integrityKey' : 'without an integrityKey';
    const now = chain.keyed ? (recorded.keyed ? 'another integrityKey' : 'an integrityKey') : 'no integrityKey';
    const message = `the store's events were chained ${was}, and it was opened with ${now}: open it with the key it was sealed with`;
    throw new IntegrityKeyError(message);
  }
}
