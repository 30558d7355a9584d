import { createSqlEventStore, type SqlEventStore } from './sqlEventStore.js';
import type { SqlClient, SqlResult, SqlSession } from './sqlClient.js';

/** Options of {@link createPgliteStore}. */
export interface PgliteStoreOptions {
  /** A directory to keep the database in; in memory (gone at exit) when left out. */
  readonly dataDir?: string;
  /**
   * A PGlite database the host has already opened, to use instead of making one (`dataDir` is
   * then ignored, and `close()` leaves it open).
   */
  readonly db?: PgliteLike;
}

/** An embedded PGlite store: the SQL store, and `close()` to shut the database down. */
export interface PgliteStore extends SqlEventStore {
  /** Closes the embedded database; the store cannot be used afterwards. */
  close(): Promise<void>;
}

/** What the store needs of a PGlite transaction. */
export interface PgliteQueryable {
  query<T>(text: string, values?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
}

/** What the store needs of a PGlite database: any `new PGlite()` is one. */
export interface PgliteLike extends PgliteQueryable {
  transaction<T>(work: (tx: PgliteQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly closed: boolean;
  readonly waitReady: Promise<void>;
}

function asSession(target: PgliteQueryable): SqlSession {
  return {
    // PGlite runs in this process: there is no round trip for a prepared statement to save.
    async query<TRow>(text: string, values?: readonly unknown[]): Promise<SqlResult<TRow>> {
      const result = await target.query<TRow>(text, values ? [...values] : undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

async function loadPglite(dataDir: string | undefined): Promise<PgliteLike> {
  let module: { PGlite: new (dataDir?: string) => PgliteLike };
  try {
    module = (await import('@electric-sql/pglite')) as unknown as typeof module;
  } catch (error) {
    throw new Error('createPgliteStore needs the optional peer dependency @electric-sql/pglite: npm install @electric-sql/pglite', { cause: error });
  }
  const db = new module.PGlite(dataDir);
  await db.waitReady;
  return db;
}

/**
 * An event store on PGlite, real PostgreSQL compiled to WebAssembly and embedded in the process:
 * the same SQL and contract as the server store, with no server to run. In memory unless a
 * `dataDir` is given. The schema is migrated before the store is returned.
 * `@electric-sql/pglite` is an optional peer dependency of `kykypolku/postgres`.
 *
 * @example
 * ```ts
 * import { createPgliteStore } from 'kykypolku/postgres';
 *
 * const store = await createPgliteStore({ dataDir: './cases' });
 * await store.append(caseRef.caseId, caseRef.history, { expectedSeq: 0 });
 * await store.close();
 * ```
 */
export async function createPgliteStore(options: PgliteStoreOptions = {}): Promise<PgliteStore> {
  const db = options.db ?? (await loadPglite(options.dataDir));
  const client: SqlClient = {
    ...asSession(db),
    transaction: (work) => db.transaction((tx) => work(asSession(tx))),
    isUnavailable: () => db.closed,
  };
  const store = createSqlEventStore(client, 'the PGlite store');
  await store.migrate();
  return Object.assign(store, { close: () => (options.db ? Promise.resolve() : db.close()) });
}
