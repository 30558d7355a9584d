// Runs initdb once, at build time, and writes the data directory it made into dist/ beside the
// bundle: dist/pglite-template.tar.gz and dist/pglite-template.json (the PGlite version that made
// it and the archive's SHA-256). A fresh in-memory PGlite store starts from a copy of it instead of
// running initdb itself (src/store/postgres/pgliteTemplate.ts reads and checks it).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

async function pgliteVersion() {
  let directory = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (let depth = 0; depth < 4; depth += 1) {
    const manifest = JSON.parse(await readFile(join(directory, 'package.json'), 'utf8').catch(() => '{}'));
    if (manifest.name === '@electric-sql/pglite') return manifest.version;
    directory = dirname(directory);
  }
  throw new Error('buildPgliteTemplate: the installed @electric-sql/pglite has no package.json to read its version from');
}

const db = new PGlite();
await db.waitReady;
const archive = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
await db.close();
const manifest = { pglite: await pgliteVersion(), sha256: createHash('sha256').update(archive).digest('hex') };
await writeFile(join(dist, 'pglite-template.tar.gz'), archive);
await writeFile(join(dist, 'pglite-template.json'), `${JSON.stringify(manifest, null, 2)}\n`);
