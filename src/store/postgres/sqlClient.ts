/** What a query answered. @internal */
export interface SqlResult<TRow> {
  readonly rows: readonly TRow[];
  readonly rowCount: number;
}

/** One connection's worth of querying. @internal */
export interface SqlSession {
  /**
   * Runs one statement. A `name` lets a driver that can (pg) prepare the statement once per
   * connection and skip parsing and planning it again; give it only to statements whose text never
   * changes.
   */
  query<TRow = Record<string, unknown>>(text: string, values?: readonly unknown[], name?: string): Promise<SqlResult<TRow>>;
}

/**
 * The little the SQL stores need of a database driver: single statements, and transactions on one
 * connection. `pg` and PGlite each get an adapter.
 *
 * @internal
 */
export interface SqlClient extends SqlSession {
  /** Runs `work` inside BEGIN … COMMIT on one connection; ROLLBACK when it throws. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Whether an error means the database cannot be reached or the connection was lost. */
  isUnavailable(error: unknown): boolean;
}
