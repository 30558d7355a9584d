// The migration types live in definition.ts, beside the definition a migration may name (`fromPath`);
// this module keeps the old import path working for code that imports them from here.
export type { AnyPathMigration, MigratedEventFor, PathMigration } from './definition.js';
