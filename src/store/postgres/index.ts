// kykypolku/postgres: the event stores on PostgreSQL, a server through `pg` or embedded PGlite.
// Both drivers are optional peer dependencies: install the one you use.
export {
  createPostgresStore,
  type PgPoolClientLike,
  type PgPoolLike,
  type PgQueryConfig,
  type PostgresStoreOptions,
} from './postgresStore.js';
export { createPgliteStore, type PgliteLike, type PgliteQueryable, type PgliteStore, type PgliteStoreOptions } from './pgliteStore.js';
export type { PgliteStart, PgliteTemplateMiss } from './pgliteTemplate.js';
export type { SqlEventStore, SqlStoreOptions } from './sqlEventStore.js';
export type { SchemaMigrationReport } from './schemaMigrations.js';
export type { SealReport } from './sealEvents.js';
export type { IntegrityKey } from './eventChain.js';
export { IntegrityKeyError } from './integrityKeyError.js';
export { PartitioningError } from './partitioningError.js';
export type { StorePartitions } from './storePartitions.js';
export { organisationGrants, type OrganisationRole } from './organisationGrants.js';
