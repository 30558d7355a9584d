/** The process a lock file names: its pid, on the host named. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
}

/** Why a store could not be opened, or could not answer a read or a query. */
export type StoreFailure =
  | {
      /**
       * No primary answered: the store could not be reached, the connection was lost, or the server
       * is read-only (a standby not yet promoted after a failover); try again later, an append with
       * the same event ids (docs/operations.md).
       */
      readonly code: 'STORE_UNAVAILABLE';
      readonly message: string;
    }
  | {
      /**
       * A stored event is not the event that was appended: its row was changed outside the store
       * (its digest no longer matches). The case must not be loaded as it is.
       */
      readonly code: 'TAMPERED_EVENT';
      readonly message: string;
      readonly caseId: string;
      readonly seq: number;
    }
  | {
      /**
       * A PGlite data directory is open in another process, or already in this one: one process
       * at a time may open it (PGlite has no locking of its own, and a second writer loses the
       * first one's events). Thrown by `createPgliteStore` before anything is opened.
       */
      readonly code: 'STORE_LOCKED';
      readonly message: string;
      /** The directory, as an absolute path. */
      readonly dataDir: string;
      /** The lock file naming the holder; remove it only when sure no process uses the directory. */
      readonly lockFile: string;
      /** The process that holds the directory; absent when the lock file names none. */
      readonly holder?: LockHolder;
    }
  | {
      /**
       * A query or read was given an argument no store can answer: `dueBefore` that is not an ISO
       * instant, a limit out of range, a case id with a NUL. Checked before any SQL, the same on
       * every store. `field` names the argument; the message never repeats its value.
       */
      readonly code: 'INVALID_QUERY';
      readonly message: string;
      readonly field: string;
    }
  | {
      /**
       * The database failed the statement for a reason the store does not expect (not an outage):
       * `sqlState` is PostgreSQL's error code. Nothing was written. Report it; retrying the same
       * call will most likely fail the same way.
       */
      readonly code: 'STORE_FAILED';
      readonly message: string;
      readonly sqlState: string | undefined;
    };

/** A stored event that is not the event appended: the failure of a read, or a case a scan reports and skips. */
export type TamperedEvent = Extract<StoreFailure, { readonly code: 'TAMPERED_EVENT' }>;

/**
 * Thrown by a store's reads and queries when it cannot answer: the store is unreachable, a stored
 * event was tampered with, the query's arguments are invalid, or the database failed unexpectedly;
 * and by `createPgliteStore` when its directory is locked. `openCaseStore` turns it into a typed
 * failure; code that reads a store directly switches on `failure.code`.
 *
 * @example
 * ```ts
 * try {
 *   await store.read('case-1');
 * } catch (error) {
 *   if (error instanceof EventStoreError && error.failure.code === 'TAMPERED_EVENT') alertAuditor(error.failure.seq);
 *   else throw error;
 * }
 * ```
 */
export class EventStoreError extends Error {
  override readonly name = 'EventStoreError';

  constructor(
    readonly failure: StoreFailure,
    options?: { readonly cause?: unknown },
  ) {
    super(failure.message, options);
  }

  /** The failure's code. */
  get code(): StoreFailure['code'] {
    return this.failure.code;
  }
}
