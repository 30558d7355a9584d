// The schema's steps as the tests name them: the latest version, and how to take step 5 away so
// that a database is left exactly as a store of schema steps 1–3 (today's main before step 5) had it.
import { schemaMigrations } from '../../src/store/postgres/schemaMigrations.js';

/** Every step a store gets unasked, in order: all but those applied only when asked (partitioning, step 7). */
export const schemaVersions = schemaMigrations.filter((migration) => !migration.whenAsked).map((migration) => migration.version);

/** The schema version a store migrated without options reports. */
export const latestSchemaVersion = Math.max(...schemaVersions);

/** The steps after `version`, as a migration from it applies them. */
export const stepsAfter = (version: number) => schemaVersions.filter((step) => step > version);

const caseTables = ['kykypolku_events', 'kykypolku_heads', 'kykypolku_cases', 'kykypolku_deadlines'];

/**
 * Statements that undo step 9 (the organisation and row-level security on erasure receipts): the
 * receipts table as step 6 left it, rows kept. Step 9's policy reads the role mapping of step 5, so
 * undoing step 5 undoes step 9 first.
 */
export const undoStepNine: readonly string[] = [
  'DROP POLICY kykypolku_erasure_receipts_administrator ON kykypolku_erasure_receipts',
  'DROP POLICY kykypolku_erasure_receipts_read ON kykypolku_erasure_receipts',
  'ALTER TABLE kykypolku_erasure_receipts NO FORCE ROW LEVEL SECURITY',
  'ALTER TABLE kykypolku_erasure_receipts DISABLE ROW LEVEL SECURITY',
  'DROP INDEX kykypolku_erasure_receipts_organisation',
  'ALTER TABLE kykypolku_erasure_receipts DROP COLUMN organisation',
  'DELETE FROM kykypolku_schema_migrations WHERE version = 9',
];

/** Statements that undo step 8 (consents and the policies that share a case by them): the tables as step 7 left them. */
export const undoStepEight: readonly string[] = [
  ...['kykypolku_events', 'kykypolku_heads', 'kykypolku_cases'].map((table) => `DROP POLICY ${table}_consent ON ${table}`),
  'DROP TABLE kykypolku_consents',
  'DELETE FROM kykypolku_schema_migrations WHERE version = 8',
];

/**
 * Statements that undo step 5 (organisations, row-level security, logs): the tables as steps 1–3 left them, rows kept.
 * Steps 8's and 9's policies read step 5's role mapping, so they go first: a migration then applies them again.
 */
export const undoStepFive: readonly string[] = [
  ...undoStepNine,
  ...undoStepEight,
  ...caseTables.flatMap((table) => [
    `DROP POLICY ${table}_administrator ON ${table}`,
    `DROP POLICY ${table}_organisation ON ${table}`,
    `ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} DROP COLUMN organisation`,
  ]),
  // The access log's policies read the role mapping: the log goes first.
  'DROP TABLE kykypolku_access_log',
  'DROP TABLE kykypolku_organisation_roles',
  'DELETE FROM kykypolku_schema_migrations WHERE version = 5',
];
