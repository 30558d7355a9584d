// What the store needs of PGlite, in a module of its own: the store and its start-up both name it.
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
