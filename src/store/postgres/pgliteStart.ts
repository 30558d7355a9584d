import type { PgliteLike } from './pglite.js';
import {
  bundledTemplateDirectory,
  findPgliteTemplate,
  installedPgliteVersion,
  type PgliteStart,
  type PgliteTemplateLookup,
} from './pgliteTemplate.js';

/** The options of `new PGlite(…)` this module passes. @internal */
export interface PgliteConstructorOptions {
  readonly dataDir?: string;
  readonly loadDataDir?: Blob;
  readonly startParams?: string[];
}

/** The PGlite class, as the store uses it (`defaultStartParams` is a static of PGlite's). @internal */
export type PgliteConstructor = (new (options: PgliteConstructorOptions) => PgliteLike) & { readonly defaultStartParams?: unknown };

/**
 * Server settings of a fresh in-memory database, whose files live in this process's memory
 * beside PostgreSQL's own: every page PostgreSQL buffers is held twice, and every WAL segment it
 * keeps is 16 MB of memory. Measured on the demo (5 000 cases, 83 000 events): 128 MB of shared
 * buffers and PostgreSQL's 80 MB–1 GB of kept WAL made 750 MB resident; 16 MB and 32 MB make
 * about 550 MB, at the same CPU time (docs/performance.md). A data directory keeps PGlite's
 * defaults: its files are on disk, not in memory.
 */
export const inMemorySettings = ['shared_buffers=16MB', 'min_wal_size=32MB', 'max_wal_size=32MB'] as const;

function inMemoryOptions(PGlite: PgliteConstructor): PgliteConstructorOptions {
  const defaults = PGlite.defaultStartParams;
  if (!Array.isArray(defaults) || !defaults.every((parameter) => typeof parameter === 'string')) return {};
  return { startParams: [...defaults, ...inMemorySettings.flatMap((setting) => ['-c', setting])] };
}

/** Where the template comes from: the bundle's directory, unless a test names another. @internal */
export interface PgliteTemplateSource {
  readonly directory: URL | undefined;
  readonly pgliteVersion: () => Promise<string | undefined>;
}

const bundledTemplate: PgliteTemplateSource = { directory: bundledTemplateDirectory(), pgliteVersion: installedPgliteVersion };

/** A database nobody else can have written: PGlite's memory file system, gone at exit. */
function isFreshInMemory(dataDir: string | undefined): boolean {
  return dataDir === undefined || dataDir === '' || dataDir.startsWith('memory://');
}

async function started(db: PgliteLike): Promise<PgliteLike> {
  await db.waitReady;
  return db;
}

/**
 * A started PGlite database and how it started. A fresh in-memory database starts from the
 * template when there is a usable one, and otherwise (or when PGlite refuses the template) as
 * PGlite starts by itself; a data directory is always PGlite's own to open or create, so nothing
 * the template holds can ever meet data already on disk.
 *
 * @internal
 */
export async function startPglite(
  PGlite: PgliteConstructor,
  dataDir: string | undefined,
  template: PgliteTemplateSource = bundledTemplate,
): Promise<{ readonly db: PgliteLike; readonly start: PgliteStart }> {
  if (!isFreshInMemory(dataDir)) return { db: await started(new PGlite({ dataDir: dataDir! })), start: { from: 'data-directory' } };
  const options = { ...(dataDir === undefined ? {} : { dataDir }), ...inMemoryOptions(PGlite) };
  const lookup: PgliteTemplateLookup =
    template.directory === undefined
      ? { ok: false, reason: 'TEMPLATE_MISSING' }
      : await findPgliteTemplate(template.directory, await template.pgliteVersion());
  if (!lookup.ok) return { db: await started(new PGlite(options)), start: { from: 'initdb', reason: lookup.reason } };
  let fromTemplate: PgliteLike | undefined;
  try {
    fromTemplate = new PGlite({ ...options, loadDataDir: lookup.archive });
    return { db: await started(fromTemplate), start: { from: 'template' } };
  } catch {
    // An archive PGlite cannot unpack or start from: let that instance go and run initdb.
    await fromTemplate?.close().catch(() => undefined);
    return { db: await started(new PGlite(options)), start: { from: 'initdb', reason: 'TEMPLATE_REFUSED' } };
  }
}
