import { createSqlEventStore, type SqlEventStore, type SqlStoreOptions } from './sqlEventStore.js';
import type { SqlClient, SqlResult, SqlSession } from './sqlClient.js';
import { instrumentStore } from '../../telemetry/instrumentStore.js';

/** A statement as `pg` takes it: a `name` makes it a prepared statement of the connection. */
export interface PgQueryConfig {
  readonly text: string;
  readonly values?: unknown[];
  readonly name?: string;
}

/** What the store needs of a `pg` client that a pool lent: queries, and giving it back. */
export interface PgPoolClientLike {
  query(config: PgQueryConfig): Promise<{ rows: unknown[]; rowCount: number | null }>;
  /** Gives the client back to the pool; an error (or `true`) discards it instead. */
  release(error?: Error | boolean): void;
  /** `pg`'s client is an EventEmitter: the store listens for `error` while it holds the client. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** What the store needs of a `pg` `Pool`: any `new Pool({ connectionString })` is one. */
export interface PgPoolLike {
  query(config: PgQueryConfig): Promise<{ rows: unknown[]; rowCount: number | null }>;
  connect(): Promise<PgPoolClientLike>;
}

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions extends SqlStoreOptions {
  /** The host's `pg` pool; the store never ends it. */
  readonly pool: PgPoolLike;
}

// Connection exceptions (08…), the server shutting down or starting (57P01-57P03), the socket
// errors Node reports when the server is gone, and a read-only server (25006): a standby not yet
// promoted, or an old primary come back as one, where a pool points after a failover. None of
// them is the statement's fault; once a primary answers, the same append (same event ids) settles it.
const unavailableCodes = new Set([
  '25006',
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENOENT',
]);

// pg's own errors without a code: a connection lost or closed, a connect timeout, and
// `Query read timeout`, its `query_timeout` expiring: a server that stopped answering (a primary
// cut off by the network), whose statement may still commit.
const unavailableMessage =
  /Connection terminated|connection error|not queryable|Client was closed|timeout exceeded when trying to connect|Query read timeout/i;

/** @internal */
export function isPgUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('08') || unavailableCodes.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return unavailableMessage.test(message);
}

function asSession(target: Pick<PgPoolClientLike, 'query'>): SqlSession {
  return {
    async query<TRow>(text: string, values?: readonly unknown[], name?: string): Promise<SqlResult<TRow>> {
      const result = await target.query({ text, ...(values ? { values: [...values] } : {}), ...(name ? { name } : {}) });
      return { rows: result.rows as TRow[], rowCount: result.rowCount ?? 0 };
    },
  };
}

/**
 * An event store on a PostgreSQL server (15 or later) through the host's `pg` pool: the same
 * contract and case index as the memory store, durable, safe for many writers. Call `migrate()`
 * once at start-up. `pg` is an optional peer dependency of `kykypolku/postgres`.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresStore } from 'kykypolku/postgres';
 *
 * const store = createPostgresStore({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 * await store.migrate();
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): SqlEventStore {
  const pool = options?.pool;
  if (!pool || typeof pool.query !== 'function' || typeof pool.connect !== 'function') {
    throw new TypeError('createPostgresStore: pass { pool }, a pg Pool (new pg.Pool({ connectionString }))');
  }
  const client: SqlClient = {
    ...asSession(pool),
    async transaction(work) {
      const connection = await pool.connect();
      let broken: unknown;
      // A connection that dies between two statements of the transaction emits 'error' on the
      // client, not on a query: without a listener, Node ends the host's process with it. The next
      // statement fails on the dead client, and that failure is the one reported (STORE_UNAVAILABLE).
      const ignoreUntilNextStatement = () => undefined;
      connection.on?.('error', ignoreUntilNextStatement);
      try {
        await connection.query({ text: 'BEGIN' });
        const result = await work(asSession(connection));
        await connection.query({ text: 'COMMIT' });
        return result;
      } catch (error) {
        broken = error;
        await connection.query({ text: 'ROLLBACK' }).catch(() => undefined);
        throw error;
      } finally {
        connection.removeListener?.('error', ignoreUntilNextStatement);
        // A connection that failed mid-transaction is discarded, not lent out again.
        connection.release(broken !== undefined && isPgUnavailable(broken));
      }
    },
    isUnavailable: isPgUnavailable,
  };
  return instrumentStore(createSqlEventStore(client, 'the PostgreSQL store', options), 'postgresql', options.telemetry);
}
