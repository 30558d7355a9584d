// Integration: a PGlite store whose database started from the template data directory (a fresh
// in-memory store from the built package, issue 19 item 5), with its in-memory server settings,
// behaves as every other store: the same conformance suites the PGlite store passes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgliteStore, type PgliteLike, type PgliteStore } from 'kykypolku/postgres';
import { type PgliteConstructor, startPglite } from '../../src/store/postgres/pgliteStart.js';
import { installedPgliteVersion, pgliteTemplateFiles, pgliteTemplateManifest } from '../../src/store/postgres/pgliteTemplate.js';
import { describeEventStoreContract } from './eventStoreContract.js';
import { describeIndexedStoreContract } from './indexedStoreContract.js';
import { describeDeadlineClaimsContract } from './deadlineClaimsContract.js';
import { describeSqlStoreFailures } from './sqlStoreFailures.js';

const scratch = mkdtempSync(join(tmpdir(), 'kykypolku-from-template-'));
let db: PgliteLike;
let store: PgliteStore;
let startedFrom: string;

beforeAll(async () => {
  // The template as scripts/buildPgliteTemplate.mjs makes it: initdb's data directory, dumped.
  const maker = new PGlite();
  await maker.waitReady;
  const archive = new Uint8Array(await (await maker.dumpDataDir('gzip')).arrayBuffer());
  await maker.close();
  const version = (await installedPgliteVersion())!;
  mkdirSync(scratch, { recursive: true });
  writeFileSync(join(scratch, pgliteTemplateFiles.archive), archive);
  writeFileSync(join(scratch, pgliteTemplateFiles.manifest), JSON.stringify(await pgliteTemplateManifest(archive, version)));
  const started = await startPglite(PGlite as unknown as PgliteConstructor, undefined, {
    directory: pathToFileURL(`${scratch}/`),
    pgliteVersion: async () => version,
  });
  db = started.db;
  startedFrom = started.start.from;
  store = await createPgliteStore({ db });
}, 120_000);

afterAll(async () => {
  await store?.close();
  await db?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function emptyStore() {
  await db.query('TRUNCATE kykypolku_events, kykypolku_cases, kykypolku_heads, kykypolku_deadlines, kykypolku_erasure_receipts');
  return store;
}

it('started from the template', () => {
  expect(startedFrom).toBe('template');
});

describeEventStoreContract('the PGlite store from the template', emptyStore);
describeIndexedStoreContract('the PGlite store from the template', emptyStore);
describeDeadlineClaimsContract('the PGlite store from the template', emptyStore);
describeSqlStoreFailures('the PGlite store from the template', async () => ({
  store: await emptyStore(),
  exec: async (sql) => void (await db.query(sql)),
}));
