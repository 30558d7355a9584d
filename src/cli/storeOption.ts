import type { IndexedEventStore } from '../store/eventStore.js';
import { createPgliteStore } from '../store/postgres/pgliteStore.js';
import { createPostgresStore, type PgPoolLike } from '../store/postgres/postgresStore.js';
import { organisationProblem } from '../store/organisation.js';
import { UsageError } from './command.js';

/** A store a command opened, with what to call it in output and how to close it. @internal */
export interface OpenedStore {
  readonly store: IndexedEventStore;
  readonly name: string;
  close(): Promise<void>;
}

/** The `--database-url` and `--data-dir` options every command with a store takes. @internal */
export const storeOptions = {
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** The usage text of {@link storeOptions}. @internal */
export const storeOptionsUsage = '[--database-url <postgres://…> | --data-dir <dir>]';

/**
 * The `--organisation <code>` option every command that reads or writes cases takes: the store is
 * opened for that organisation (data controller), and the command sees and writes only its cases.
 * `demo` leaves it out (its cohort is its own). @internal
 */
export const organisationOption = { organisation: { type: 'string' } } as const;

/** The usage text of {@link organisationOption}. @internal */
export const organisationOptionUsage = '[--organisation <code>]';

/** The store options with {@link organisationOption}: what a command over stored cases spreads into its options. @internal */
export const scopedStoreOptions = { ...storeOptions, ...organisationOption } as const;

/** The usage text of {@link scopedStoreOptions}. @internal */
export const scopedStoreOptionsUsage = `${storeOptionsUsage} ${organisationOptionUsage}`;

/** One sentence for a command's usage on what `--organisation` does. @internal */
export const organisationOptionHelp =
  '--organisation opens the store for one organisation (data controller): the command sees\n      and writes only its cases.';

/**
 * The organisation `--organisation` names, checked at once: a code that cannot be one is a usage
 * error naming the option and the reason, never the value (it may be anything a user typed).
 * Call it right after parsing, before anything is read or written.
 *
 * @internal
 */
export function organisationScope(values: { readonly organisation?: string }): { readonly organisation?: string } {
  const { organisation } = values;
  if (organisation === undefined) return {};
  const problem = organisationProblem(organisation);
  if (problem !== undefined) throw new UsageError(`--organisation ${problem}`);
  return { organisation };
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    throw new UsageError(`--database-url must be a URL such as postgres://user@localhost:5432/cases, got '${url}'`);
  }
}

/**
 * The host's integrity key, from the environment (never a command-line argument, which other users
 * of the machine can see): the key the store's events are chained with.
 */
function integrityKeyOption(): { readonly integrityKey?: string } {
  const key = process.env.KYKYPOLKU_INTEGRITY_KEY;
  return key === undefined || key === '' ? {} : { integrityKey: key };
}

/**
 * Opens the store the options name: a PostgreSQL server through `pg` (`--database-url`), an
 * embedded PGlite database kept in a directory (`--data-dir`), or by default an embedded PGlite in
 * memory. The drivers are loaded only when asked for. A store chained under a key is opened with
 * the key in `KYKYPOLKU_INTEGRITY_KEY`; with `scope.organisation`, the store is opened for that
 * organisation (checked here too, as {@link organisationScope} does).
 *
 * @internal
 */
export async function openStore(
  values: { readonly 'database-url'?: string; readonly 'data-dir'?: string },
  scope: { readonly organisation?: string } = {},
): Promise<OpenedStore> {
  const organisation = organisationScope(scope);
  const url = values['database-url'];
  const dataDir = values['data-dir'];
  if (url !== undefined && dataDir !== undefined) throw new UsageError('give --database-url or --data-dir, not both');
  if (url !== undefined) {
    const name = describeUrl(url);
    let pg: { Pool: new (config: { connectionString: string; max?: number }) => PgPoolLike & { end(): Promise<void> } };
    try {
      const module = (await import('pg')) as unknown as { default?: typeof pg } & typeof pg;
      pg = module.default ?? module;
    } catch (error) {
      throw new Error('--database-url needs the optional peer dependency pg: npm install pg', { cause: error });
    }
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const store = createPostgresStore({ pool, ...organisation, ...integrityKeyOption() });
    try {
      await store.migrate();
    } catch (error) {
      // An unreachable server: end the pool, so the command can report it and exit.
      await pool.end().catch(() => undefined);
      throw error;
    }
    return { store, name, close: () => pool.end() };
  }
  const store = await createPgliteStore({ ...(dataDir === undefined ? {} : { dataDir }), ...organisation, ...integrityKeyOption() });
  return {
    store,
    name: dataDir === undefined ? 'embedded PostgreSQL (PGlite, in memory)' : `embedded PostgreSQL (PGlite) in ${dataDir}`,
    close: () => store.close(),
  };
}
