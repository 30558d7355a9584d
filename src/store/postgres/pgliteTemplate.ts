// A new PGlite database runs initdb first, in a second PGlite instance whose WebAssembly memory
// stays with the process (a bare `new PGlite()` is 640–760 MB resident, and seconds of CPU). The
// build runs initdb once instead (scripts/buildPgliteTemplate.mjs) and ships the data directory it
// made beside the bundle, `pglite-template.tar.gz` with `pglite-template.json` saying which PGlite
// made it; a fresh in-memory store starts from a copy of it (PGlite's `loadDataDir`): 320 MB and
// about four times faster. A template another PGlite version made, or one whose bytes are not the
// ones its manifest names, is not used: the store then starts as PGlite does by itself.

/** The template's archive and manifest, beside the bundle (dist/) that loads this module. */
export const pgliteTemplateFiles = { archive: 'pglite-template.tar.gz', manifest: 'pglite-template.json' } as const;

/** What `pglite-template.json` holds. @internal */
export interface PgliteTemplateManifest {
  /** The version of `@electric-sql/pglite` whose initdb made the archive. */
  readonly pglite: string;
  /** The SHA-256 of the archive, hexadecimal: a changed or cut-off archive is not used. */
  readonly sha256: string;
}

/** Why a fresh in-memory PGlite store ran initdb instead of starting from the template. */
export type PgliteTemplateMiss =
  /** No template beside the bundle (running from source, or not in Node). */
  | 'TEMPLATE_MISSING'
  /** The template was made by another version of PGlite than the one installed. */
  | 'TEMPLATE_VERSION_MISMATCH'
  /** The manifest cannot be read, or the archive's digest is not the manifest's. */
  | 'TEMPLATE_CORRUPT'
  /** PGlite did not start from the archive. */
  | 'TEMPLATE_REFUSED';

/**
 * How a PGlite store's database was started: from the template (a fresh in-memory database), by
 * PGlite's own initdb (with why the template was not used), from a data directory (PGlite opens
 * or creates it itself), or by the host (`options.db`).
 */
export type PgliteStart =
  | { readonly from: 'template' }
  | { readonly from: 'initdb'; readonly reason: PgliteTemplateMiss }
  | { readonly from: 'data-directory' }
  | { readonly from: 'host' };

/** A template ready to load, or why there is none. @internal */
export type PgliteTemplateLookup =
  | { readonly ok: true; readonly archive: Blob }
  | { readonly ok: false; readonly reason: Exclude<PgliteTemplateMiss, 'TEMPLATE_REFUSED'> };

/** The directory this module was loaded from: dist/ in the package, where the build put the template. @internal */
export function bundledTemplateDirectory(): URL | undefined {
  // In a browser (or from source) there is no template to read; the start just runs initdb.
  if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') return undefined;
  const here = import.meta.url;
  return typeof here === 'string' && here.startsWith('file:') ? new URL('.', here) : undefined;
}

/** The manifest of an archive made by `pgliteVersion`'s initdb. @internal */
export async function pgliteTemplateManifest(archive: Uint8Array, pgliteVersion: string): Promise<PgliteTemplateManifest> {
  const { createHash } = await import('node:crypto');
  return { pglite: pgliteVersion, sha256: createHash('sha256').update(archive).digest('hex') };
}

/** The version of the `@electric-sql/pglite` this module loads, from its package.json; undefined when it cannot be found. @internal */
export async function installedPgliteVersion(): Promise<string | undefined> {
  try {
    const [{ createRequire }, { readFile }, { dirname, join }] = await Promise.all([
      import('node:module'),
      import('node:fs/promises'),
      import('node:path'),
    ]);
    // The package exports no package.json: walk up from its entry to the manifest that names it.
    let directory = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    for (let depth = 0; depth < 4; depth += 1) {
      const manifest = await readFile(join(directory, 'package.json'), 'utf8').catch(() => undefined);
      if (manifest !== undefined) {
        const parsed = JSON.parse(manifest) as { name?: unknown; version?: unknown };
        if (parsed.name === '@electric-sql/pglite' && typeof parsed.version === 'string') return parsed.version;
      }
      directory = dirname(directory);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function isManifest(value: unknown): value is PgliteTemplateManifest {
  const candidate = value as Partial<Record<keyof PgliteTemplateManifest, unknown>> | null;
  return typeof candidate?.pglite === 'string' && typeof candidate.sha256 === 'string' && /^[0-9a-f]{64}$/.test(candidate.sha256);
}

/**
 * The template in `directory`, checked against the running PGlite's version and its manifest's
 * digest; or why it cannot be used. Never throws.
 *
 * @internal
 */
export async function findPgliteTemplate(directory: URL | undefined, pgliteVersion: string | undefined): Promise<PgliteTemplateLookup> {
  if (directory === undefined) return { ok: false, reason: 'TEMPLATE_MISSING' };
  let readFile: typeof import('node:fs/promises').readFile;
  try {
    ({ readFile } = await import('node:fs/promises'));
  } catch {
    return { ok: false, reason: 'TEMPLATE_MISSING' };
  }
  const manifestText = await readFile(new URL(pgliteTemplateFiles.manifest, directory), 'utf8').catch(() => undefined);
  if (manifestText === undefined) return { ok: false, reason: 'TEMPLATE_MISSING' };
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    return { ok: false, reason: 'TEMPLATE_CORRUPT' };
  }
  if (!isManifest(manifest)) return { ok: false, reason: 'TEMPLATE_CORRUPT' };
  if (pgliteVersion === undefined || manifest.pglite !== pgliteVersion) return { ok: false, reason: 'TEMPLATE_VERSION_MISMATCH' };
  const archive = await readFile(new URL(pgliteTemplateFiles.archive, directory)).catch(() => undefined);
  if (archive === undefined) return { ok: false, reason: 'TEMPLATE_MISSING' };
  if ((await pgliteTemplateManifest(archive, pgliteVersion)).sha256 !== manifest.sha256) return { ok: false, reason: 'TEMPLATE_CORRUPT' };
  return { ok: true, archive: new Blob([archive]) };
}
