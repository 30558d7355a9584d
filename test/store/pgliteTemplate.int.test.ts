// Integration: a fresh in-memory PGlite store starts from the data directory the build made
// (issue 19 item 5: initdb's second PGlite instance kept 300–400 MB of the demo's memory), checked
// against the running PGlite's version and the archive's digest, and falls back to initdb —
// visibly, with a reason — when the template is missing, made by another PGlite, damaged or refused.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStore } from 'kykypolku/postgres';
import { type PgliteConstructor, type PgliteConstructorOptions, startPglite } from '../../src/store/postgres/pgliteStart.js';
import { installedPgliteVersion, pgliteTemplateFiles, pgliteTemplateManifest } from '../../src/store/postgres/pgliteTemplate.js';
import { reviewPath } from '../support/reviewPath.js';
import { openCase } from 'kykypolku';

const scratch = mkdtempSync(join(tmpdir(), 'kykypolku-template-'));
let archive: Uint8Array;
let version: string;

/** A template directory holding `bytes` with a manifest naming `manifestVersion` and the digest of `digestOf`. */
async function templateDirectory(name: string, bytes: Uint8Array, manifestVersion = version, digestOf = bytes): Promise<URL> {
  const made = join(scratch, name);
  mkdirSync(made, { recursive: true });
  writeFileSync(join(made, pgliteTemplateFiles.archive), bytes);
  writeFileSync(join(made, pgliteTemplateFiles.manifest), JSON.stringify(await pgliteTemplateManifest(digestOf, manifestVersion)));
  return pathToFileURL(`${made}/`);
}

/** PGlite, recording the options of every instance the start makes. */
function recordingPglite(): { PGlite: PgliteConstructor; made: PgliteConstructorOptions[] } {
  const made: PgliteConstructorOptions[] = [];
  class Recording extends PGlite {
    constructor(options: PgliteConstructorOptions) {
      super(options);
      made.push(options);
    }
  }
  return { PGlite: Recording as unknown as PgliteConstructor, made };
}

/** Whether the database holds the marker table only the test's template has: proof it was copied, not made by initdb. */
async function hasMarker(db: { query<T>(text: string): Promise<{ rows: T[] }> }): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>("SELECT to_regclass('public.template_marker') IS NOT NULL AS found");
  return rows[0]!.found;
}

async function setting(db: { query<T>(text: string): Promise<{ rows: T[] }> }, name: string): Promise<string> {
  const { rows } = await db.query<Record<string, string>>(`SHOW ${name}`);
  return Object.values(rows[0]!)[0]!;
}

beforeAll(async () => {
  version = (await installedPgliteVersion())!;
  const maker = new PGlite();
  await maker.exec('CREATE TABLE template_marker (id int)');
  archive = new Uint8Array(await (await maker.dumpDataDir('gzip')).arrayBuffer());
  await maker.close();
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('reads the version of the installed PGlite', async () => {
  expect(version).toMatch(/^\d+\.\d+\.\d+/);
});

it('starts a fresh in-memory database from the template, with no initdb: the copy holds what the template held', async () => {
  const { PGlite: Recording, made } = recordingPglite();
  const { db, start } = await startPglite(Recording, undefined, {
    directory: await templateDirectory('good', archive),
    pgliteVersion: async () => version,
  });
  try {
    expect(start).toEqual({ from: 'template' });
    expect(made).toHaveLength(1);
    expect(made[0]!.loadDataDir).toBeInstanceOf(Blob);
    expect(await hasMarker(db)).toBe(true);
    expect(await setting(db, 'shared_buffers')).toBe('16MB');
    expect(await setting(db, 'max_wal_size')).toBe('32MB');
  } finally {
    await db.close();
  }
}, 60_000);

describe('falls back to initdb, saying why, and the database works', () => {
  const cases: [string, () => Promise<{ directory: URL | undefined; pgliteVersion: () => Promise<string | undefined> }>, string][] = [
    [
      'no template',
      async () => ({ directory: pathToFileURL(`${join(scratch, 'nothing-here')}/`), pgliteVersion: async () => version }),
      'TEMPLATE_MISSING',
    ],
    [
      'a template another PGlite made',
      async () => ({ directory: await templateDirectory('other', archive, '0.0.1'), pgliteVersion: async () => version }),
      'TEMPLATE_VERSION_MISMATCH',
    ],
    [
      'an unknown PGlite version',
      async () => ({ directory: await templateDirectory('unknown', archive), pgliteVersion: async () => undefined }),
      'TEMPLATE_VERSION_MISMATCH',
    ],
    [
      'a cut-off archive',
      async () => ({
        directory: await templateDirectory('cut', archive.subarray(0, archive.length >> 1), version, archive),
        pgliteVersion: async () => version,
      }),
      'TEMPLATE_CORRUPT',
    ],
    [
      'an archive PGlite cannot start from, whose digest matches',
      async () => ({
        directory: await templateDirectory('garbage', new TextEncoder().encode('not a tar.gz')),
        pgliteVersion: async () => version,
      }),
      'TEMPLATE_REFUSED',
    ],
  ];
  it.each(cases)(
    '%s',
    async (_name, source, reason) => {
      const { db, start } = await startPglite(PGlite as unknown as PgliteConstructor, undefined, await source());
      try {
        expect(start).toEqual({ from: 'initdb', reason });
        expect(await hasMarker(db)).toBe(false);
        expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await db.close();
      }
    },
    60_000,
  );

  it('a manifest that is not JSON', async () => {
    const directory = await templateDirectory('bad-manifest', archive);
    writeFileSync(new URL(pgliteTemplateFiles.manifest, directory), '{ not json');
    const { db, start } = await startPglite(PGlite as unknown as PgliteConstructor, undefined, {
      directory,
      pgliteVersion: async () => version,
    });
    await db.close();
    expect(start).toEqual({ from: 'initdb', reason: 'TEMPLATE_CORRUPT' });
  }, 60_000);
});

it('never uses the template for a data directory: PGlite opens or creates it itself', async () => {
  const dataDir = join(scratch, 'data');
  const { PGlite: Recording, made } = recordingPglite();
  const { db, start } = await startPglite(Recording, dataDir, {
    directory: await templateDirectory('dir', archive),
    pgliteVersion: async () => version,
  });
  try {
    expect(start).toEqual({ from: 'data-directory' });
    expect(made[0]!.loadDataDir).toBeUndefined();
    expect(await hasMarker(db)).toBe(false);
    // PGlite's own settings: the files are on disk, so nothing is held twice in memory.
    expect(await setting(db, 'shared_buffers')).toBe('128MB');
  } finally {
    await db.close();
  }
}, 60_000);

it('says how a store started: initdb from source (no template beside src/), host for a database it was given', async () => {
  const own = await createPgliteStore();
  expect(own.start).toEqual({ from: 'initdb', reason: 'TEMPLATE_MISSING' });
  await own.close();
  const db = new PGlite();
  const hosted = await createPgliteStore({ db });
  expect(hosted.start).toEqual({ from: 'host' });
  const caseRef = openCase(reviewPath, { caseId: 'c-1' });
  caseRef.record({ type: 'SUBMITTED', at: '2025-01-01T08:00:00Z', actor: { role: 'author', id: 'a-1' }, payload: { priority: 'low' } });
  expect(await hosted.append('c-1', caseRef.history, { expectedSeq: 0 })).toMatchObject({ ok: true });
  await hosted.close();
  await db.close();
}, 60_000);
