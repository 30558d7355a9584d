import { schemaMigrations } from '../../src/store/postgres/schemaMigrations.js';

/** The schema steps every store gets, in order: all but those applied only when asked (partitioning). */
export const alwaysAppliedSteps = schemaMigrations.filter((step) => !step.whenAsked).map((step) => step.version);

/** The schema version of a store migrated without options: its highest always-applied step. */
export const schemaVersion = Math.max(...alwaysAppliedSteps);
