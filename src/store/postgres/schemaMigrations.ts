import type { SqlClient } from './sqlClient.js';

/** One step of the store's schema, applied once, in order, inside the migration transaction. */
interface SchemaMigration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
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
];

/** What `migrate()` did. */
export interface SchemaMigrationReport {
  /** The schema version after the run. */
  readonly version: number;
  /** The versions this run applied; empty when the schema was already current. */
  readonly applied: readonly number[];
}

// Any constant will do, as long as every kykypolku process uses the same one.
const migrationLockKey = 7_385_120_311;

/**
 * Brings the schema up to date in one transaction, under a transaction-scoped advisory lock: two
 * processes migrating at once take turns, and the second finds nothing left to do.
 *
 * @internal
 */
export async function migrateSchema(client: SqlClient): Promise<SchemaMigrationReport> {
  return client.transaction(async (session) => {
    await session.query(`/* kykypolku:migrationLock:schema */ SELECT pg_advisory_xact_lock(${migrationLockKey})`);
    await session.query(
      `/* kykypolku:migrationTable:schema */ CREATE TABLE IF NOT EXISTS kykypolku_schema_migrations (
         version    integer PRIMARY KEY,
         name       text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = await session.query<{ version: number }>(`/* kykypolku:appliedMigrations:schema */ SELECT version FROM kykypolku_schema_migrations`);
    const applied = new Set(done.rows.map((row) => row.version));
    const now: number[] = [];
    for (const migration of schemaMigrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await session.query(`/* kykypolku:migration${migration.version}:schema */ ${statement}`);
      await session.query(`/* kykypolku:recordMigration:schema */ INSERT INTO kykypolku_schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      now.push(migration.version);
    }
    return { version: schemaMigrations[schemaMigrations.length - 1]!.version, applied: now };
  });
}
