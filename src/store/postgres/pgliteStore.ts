import { EventStoreError } from '../eventStoreError.js';
import { createSqlEventStore, type SqlEventStore, type SqlStoreOptions } from './sqlEventStore.js';
import type { SqlClient, SqlResult, SqlSession } from './sqlClient.js';
import type { DirectoryLock } from './directoryLock.js';
import { preparedRunnerFor, type PglitePreparedRunner } from './pglitePrepared.js';
import { instrumentStore } from '../../telemetry/instrumentStore.js';
import { checkPartitions } from './storePartitions.js';
import { type PgliteConstructor, startPglite } from './pgliteStart.js';
import type { PgliteStart } from './pgliteTemplate.js';

/** Options of {@link createPgliteStore}. */
export interface PgliteStoreOptions extends SqlStoreOptions {
  /**
   * A directory to keep the database in; in memory (gone at exit) when left out. One process at a
   * time may open a directory: the store takes a lock in it (`kykypolku.lock.<n>`, naming this
   * process) and opening it while another process (or another store of this one) holds it throws
   * an `EventStoreError` with code `STORE_LOCKED`. `close()` lets it go, and so does the process's
   * exit; a lock left by a killed process is recovered by the next open.
   */
  readonly dataDir?: string;
  /**
   * A PGlite database the host has already opened, to use instead of making one (`dataDir` is
   * then ignored, and `close()` leaves it open). The store takes no lock then: keeping one process
   * per directory is the host's part.
   */
  readonly db?: PgliteLike;
}

/** An embedded PGlite store: the SQL store, and `close()` to shut the database down. */
export interface PgliteStore extends SqlEventStore {
  /** Closes the embedded database and lets go of its directory; the store cannot be used afterwards. */
  close(): Promise<void>;
  /**
   * How the database was started: `template` for a fresh in-memory database copied from the data
   * directory the build made (no initdb, a third of the memory), `initdb` with the reason the
   * template was not used, `data-directory` for a `dataDir`, `host` for `options.db`.
   */
  readonly start: PgliteStart;
}

import type { PgliteLike, PgliteQueryable } from './pglite.js';
export type { PgliteLike, PgliteQueryable } from './pglite.js';

function asSession(target: PgliteQueryable, prepared: PglitePreparedRunner | undefined, inTransaction: boolean): SqlSession {
  return {
    // A named statement is parsed once per database and then only bound and run (pglitePrepared.ts).
    async query<TRow>(text: string, values?: readonly unknown[], name?: string): Promise<SqlResult<TRow>> {
      if (name !== undefined && prepared) return prepared.run<TRow>(name, text, values ?? [], inTransaction);
      const result = await target.query<TRow>(text, values ? [...values] : undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

async function importPglite(): Promise<unknown> {
  try {
    return await import('@electric-sql/pglite');
  } catch (error) {
    throw new Error('createPgliteStore needs the optional peer dependency @electric-sql/pglite: npm install @electric-sql/pglite', {
      cause: error,
    });
  }
}

async function loadPglite(dataDir: string | undefined): Promise<{ readonly db: PgliteLike; readonly start: PgliteStart }> {
  const module = (await importPglite()) as { PGlite: PgliteConstructor };
  try {
    return await startPglite(module.PGlite, dataDir);
  } catch (error) {
    // A directory that cannot be made or written (ENOTDIR, EACCES, EROFS…): the store cannot be
    // reached, said in one line with the system's code, never as a stack trace from inside PGlite.
    const code = (error as { code?: unknown } | null)?.code;
    const reason = typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : 'it did not start';
    throw new EventStoreError(
      {
        code: 'STORE_UNAVAILABLE',
        message: `the PGlite store cannot open its data directory (${reason}): give a directory this process may create and write`,
      },
      { cause: error },
    );
  }
}

/**
 * The directory on this machine's filesystem a PGlite `dataDir` names, as PGlite reads it (a path,
 * or `file://` and a path); none for its in-memory and browser storage (`memory://`, `idb://`, …),
 * which no other process can open.
 */
function directoryOf(dataDir: string | undefined): string | undefined {
  if (dataDir === undefined || dataDir === '') return undefined;
  if (dataDir.startsWith('file://')) return dataDir.slice('file://'.length) || undefined;
  return /^[a-z0-9-]+:\/\//.test(dataDir) ? undefined : dataDir;
}

async function claim(dataDir: string | undefined): Promise<DirectoryLock | undefined> {
  const directory = directoryOf(dataDir);
  if (directory === undefined) return undefined;
  // Loaded only for a directory: the store stays free of node:fs where PGlite runs in a browser.
  const { claimDirectory } = await import('./directoryLock.js');
  return claimDirectory(directory);
}

/**
 * An event store on PGlite, real PostgreSQL compiled to WebAssembly and embedded in the process:
 * the same SQL and contract as the server store, with no server to run. In memory unless a
 * `dataDir` is given; one process at a time may open a directory (a second opener gets an
 * `EventStoreError` with code `STORE_LOCKED` naming the holder). The schema is migrated before
 * the store is returned. `@electric-sql/pglite` is an optional peer dependency of
 * `kykypolku/postgres`.
 *
 * @example
 * ```ts
 * import { EventStoreError } from 'kykypolku';
 * import { createPgliteStore } from 'kykypolku/postgres';
 *
 * try {
 *   const store = await createPgliteStore({ dataDir: './cases' });
 *   await store.append(caseRef.caseId, caseRef.history, { expectedSeq: 0 });
 *   await store.close();
 * } catch (error) {
 *   if (error instanceof EventStoreError && error.failure.code === 'STORE_LOCKED') console.error(error.message);
 *   else throw error;
 * }
 * ```
 */
export async function createPgliteStore(options: PgliteStoreOptions = {}): Promise<PgliteStore> {
  // A misuse is refused before the directory is locked or the database started.
  checkPartitions(options.partitions);
  const lock = options.db ? undefined : await claim(options.dataDir);
  let db: PgliteLike | undefined;
  try {
    const loaded = options.db ? { db: options.db, start: { from: 'host' } as const } : await loadPglite(options.dataDir);
    db = loaded.db;
    const opened = db;
    const prepared = preparedRunnerFor(opened, await importPglite());
    const client: SqlClient = {
      ...asSession(opened, prepared, false),
      transaction: (work) => opened.transaction((tx) => work(asSession(tx, prepared, true))),
      isUnavailable: () => opened.closed,
    };
    const store = instrumentStore(createSqlEventStore(client, 'the PGlite store', options), 'pglite', options.telemetry);
    await store.migrate();
    const close = async () => {
      try {
        if (!options.db) await opened.close();
      } finally {
        await lock?.release();
      }
    };
    return Object.assign(store, { close, start: loaded.start });
  } catch (error) {
    if (db && !options.db) await db.close().catch(() => undefined);
    await lock?.release();
    throw error;
  }
}
