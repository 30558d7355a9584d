import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { artifactsDirectory } from './browser.js';

/**
 * A host's own catalogue (both review-path versions, test/support/reviewCatalogue.ts) built to
 * JavaScript as a host ships it, for `--module` (or another such module of test/support, by name). kykypolku, xstate and zod stay imports, resolved
 * as in a host's project (here, this package itself, so `dist/` must be built). Returns its path.
 */
export async function buildHostModule(entry = 'reviewCatalogue'): Promise<string> {
  const outfile = join(artifactsDirectory, 'host-module', `${entry}.mjs`);
  await build({
    entryPoints: [fileURLToPath(new URL(`./${entry}.ts`, import.meta.url))],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
  });
  return outfile;
}
