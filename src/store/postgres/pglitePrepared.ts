import { bindMessage } from './pgliteBind.js';
import type { SqlResult } from './sqlClient.js';

// PGlite's `query()` sends Parse, Describe, Bind, Describe, Execute and Sync as six calls into the
// WebAssembly backend, so every statement is parsed and planned again. A statement the store names
// is parsed once per database instead (Parse with a name, its parameter types kept), and each run
// is then one call: Bind, Describe, Execute, Sync (written here in one buffer, pgliteBind.ts). The
// backend is the same single connection that `query()` uses, under the same two locks, so nothing another caller runs can interleave.

/** The PGlite module's wire-protocol helpers this file uses. */
interface PgliteProtocolModule {
  readonly protocol: {
    readonly serialize: {
      parse(config: { name: string; text: string }): Uint8Array;
      describe(config: { type: 'S' | 'P'; name?: string }): Uint8Array;
      execute(config: Record<string, never>): Uint8Array;
      sync(): Uint8Array;
    };
  };
  readonly parse: {
    parseResults(messages: unknown[], parsers: unknown): { rows: unknown[]; affectedRows?: number }[];
    parseDescribeStatementResults(messages: unknown[]): number[];
  };
}

/**
 * What a PGlite instance offers beside `query()` for running a prepared statement. These are
 * PGlite's own members: the locks are underscored (protected in its types) but are what its
 * `query()` and `transaction()` take, and a database lacking any of them gets `query()` instead.
 */
interface PgliteInternals {
  execProtocolStream(message: Uint8Array, options: { syncToFs: boolean }): Promise<unknown[]>;
  _runExclusiveQuery<T>(work: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(work: () => Promise<T>): Promise<T>;
  syncToFs(): Promise<void>;
  readonly parsers: unknown;
  readonly serializers: Record<number | string, ((value: unknown) => string) | undefined>;
}

/** Runs a named statement on PGlite, inside a transaction or on its own. @internal */
export interface PglitePreparedRunner {
  run<TRow>(name: string, text: string, values: readonly unknown[], inTransaction: boolean): Promise<SqlResult<TRow>>;
}

const preparedByDatabase = new WeakMap<object, Map<string, { readonly text: string; readonly parameterTypes: readonly number[] }>>();

function hasInternals(db: unknown): db is PgliteInternals {
  const candidate = db as Partial<Record<keyof PgliteInternals, unknown>> | null;
  return (
    typeof candidate?.execProtocolStream === 'function' &&
    typeof candidate._runExclusiveQuery === 'function' &&
    typeof candidate._runExclusiveTransaction === 'function' &&
    typeof candidate.syncToFs === 'function' &&
    typeof candidate.serializers === 'object' &&
    candidate.parsers !== undefined
  );
}

function hasProtocol(module: unknown): module is PgliteProtocolModule {
  const candidate = module as { protocol?: { serialize?: unknown }; parse?: { parseResults?: unknown } } | null;
  return typeof candidate?.protocol?.serialize === 'object' && typeof candidate.parse?.parseResults === 'function';
}

function concatenate(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const message = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

/**
 * A runner of named statements on one PGlite database, or undefined when the database or the
 * module lacks what it needs (a host's own PGlite-like object, another PGlite version): the store
 * then sends every statement through `query()`, as before.
 *
 * @internal
 */
export function preparedRunnerFor(db: unknown, module: unknown): PglitePreparedRunner | undefined {
  if (!hasInternals(db) || !hasProtocol(module)) return undefined;
  const { serialize } = module.protocol;
  const { parseResults, parseDescribeStatementResults } = module.parse;
  // Per database, not per store: a statement name stays taken in the backend for as long as the
  // database is open, whichever store (a test's second one, a reopened one) prepared it.
  let prepared = preparedByDatabase.get(db);
  if (!prepared) {
    prepared = new Map();
    preparedByDatabase.set(db, prepared);
  }
  const statements = prepared;
  // What follows every run's Bind: the same bytes each time.
  const runTail = concatenate([serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]);

  const prepare = async (name: string, text: string): Promise<readonly number[]> => {
    const known = statements.get(name);
    if (known) {
      if (known.text !== text) throw new TypeError(`statement ${name} was prepared with another text`);
      return known.parameterTypes;
    }
    // Parse and Describe with Sync: a failure (an aborted transaction) leaves the statement
    // unprepared and the connection ready, as a failed query() does.
    const messages = await db.execProtocolStream(
      concatenate([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const parameterTypes = Object.freeze(parseDescribeStatementResults(messages));
    statements.set(name, { text, parameterTypes });
    return parameterTypes;
  };

  const execute = async <TRow>(
    name: string,
    text: string,
    values: readonly unknown[],
    inTransaction: boolean,
  ): Promise<SqlResult<TRow>> => {
    try {
      return await executePrepared<TRow>(name, text, values);
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code !== '26000') throw error;
      // 26000: the backend no longer knows the name (a host ran DEALLOCATE ALL or DISCARD ALL on
      // the database). It is prepared again next time; on its own the statement is retried now,
      // while in a transaction the failure has aborted it and is the caller's to see.
      statements.delete(name);
      if (inTransaction) throw error;
      return executePrepared<TRow>(name, text, values);
    }
  };

  const executePrepared = async <TRow>(name: string, text: string, values: readonly unknown[]): Promise<SqlResult<TRow>> => {
    const parameterTypes = await prepare(name, text);
    const serialized = values.map((value, index) => {
      if (value === null || value === undefined) return null;
      const serializer = db.serializers[parameterTypes[index]!];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await db.execProtocolStream(bindMessage(name, serialized, runTail), { syncToFs: false });
    const result = parseResults(messages, db.parsers)[0] ?? { rows: [] };
    return { rows: result.rows as TRow[], rowCount: result.affectedRows ?? result.rows.length };
  };

  return {
    run(name, text, values, inTransaction) {
      if (inTransaction) return db._runExclusiveQuery(() => execute(name, text, values, true));
      // On its own, as query() runs one: both locks, and the files synced after it.
      return db._runExclusiveTransaction(() =>
        db._runExclusiveQuery(async () => {
          const result = await execute<never>(name, text, values, false);
          await db.syncToFs();
          return result;
        }),
      );
    },
  };
}
