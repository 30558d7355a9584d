// The round trip at size: a store of 50 000 events, with cases of 2 000, exported to
// NDJSON, validated and imported into an empty store gives the same events in the same order
// (count and digests compared), on PGlite and on a PostgreSQL server. The PGlite export runs as
// the built CLI in a child process whose peak memory is measured: export must stream.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { exportEvents, importEventLog, validateEventLog, type EventStore, type RecordedEvent } from 'kykypolku';
import { lifestyleGuidancePath } from 'kykypolku/paths';
import { createPgliteStore, createPostgresStore } from 'kykypolku/postgres';
import { digestOf } from '../../src/store/postgres/eventRow.js';
import { seedStoreAtSize } from '../support/longCases.js';
import { useThrowawayServer } from '../support/postgresServer.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const maxRss = fileURLToPath(new URL('../support/maxRss.cjs', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-round-trip-'));
const postgres = useThrowawayServer();

afterAll(() => rmSync(directory, { recursive: true, force: true }));

/**
 * How much more peak memory an export of the 50 000 events may take than one of an empty store.
 * Holding the events at once costs more: parsed and serialised in one process they add 77 MB of
 * RSS (measured with Node 20); streaming adds about 1 MB.
 */
const bufferedGrowthMb = 48;

/** Every event's digest, in the order the store reads them back. */
async function digests(store: Pick<EventStore, 'readAll'>): Promise<string[]> {
  const all: string[] = [];
  for await (const event of store.readAll()) all.push(digestOf(event));
  return all;
}

const lines = (file: string) => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });

/** Validates the exported log, imports it into `target`, and checks the target holds the source. */
async function validateAndImport(file: string, target: EventStore, appended: readonly RecordedEvent[]): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  let started = performance.now();
  const validation = await validateEventLog(lifestyleGuidancePath, lines(file));
  timings.validateMs = Math.round(performance.now() - started);
  expect(validation.summary).toMatchObject({ lines: 50_000, cases: 310, acceptedCases: 310, rejectedCases: 0, acceptedEvents: 50_000, malformedLines: 0 });
  started = performance.now();
  const imported = await importEventLog(lifestyleGuidancePath, lines(file), target);
  timings.importMs = Math.round(performance.now() - started);
  expect(imported).toMatchObject({ storedCases: 310, storedEvents: 50_000 });
  started = performance.now();
  const read = await digests(target);
  timings.readBackMs = Math.round(performance.now() - started);
  expect(read.length).toBe(50_000);
  expect(read).toEqual(appended.map(digestOf));
  return timings;
}

/** Runs the built CLI's export in a child process; resolves to its peak RSS in MB. */
function exportInChild(storeArgs: readonly string[], out: string): { rssMb: number; ms: number } {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', maxRss, cli, 'export', '--format', 'ndjson', '--quiet', '--out', out, ...storeArgs], { encoding: 'utf8', timeout: 120_000 });
  const ms = Math.round(performance.now() - started);
  expect(run.status, run.stderr).toBe(0);
  const kilobytes = Number(/maxRSS (\d+)/.exec(run.stderr)?.[1]);
  return { rssMb: Math.round(kilobytes / 1024), ms };
}

describe('a store of 50 000 events, cases of 2 000, round-trips through NDJSON', () => {
  it('on PGlite: seeded in a directory, exported by the CLI in bounded memory, validated, imported into an empty store', async () => {
    const dataDir = join(directory, 'pglite');
    const source = await createPgliteStore({ dataDir });
    let started = performance.now();
    const appended = await seedStoreAtSize(source);
    const seedMs = Math.round(performance.now() - started);
    await source.close();

    const out = join(directory, 'pglite.ndjson');
    const exported = exportInChild(['--data-dir', dataDir], out);
    // The same export of an empty directory (made once, so neither run pays for initdb): PGlite's
    // own heap, which the 50 000 events must barely add to.
    const emptyDir = join(directory, 'pglite-empty');
    await (await createPgliteStore({ dataDir: emptyDir })).close();
    const baseline = exportInChild(['--data-dir', emptyDir], join(directory, 'pglite-empty.ndjson'));
    const db = new PGlite();
    const target = await createPgliteStore({ db });
    const timings = await validateAndImport(out, target, appended);
    await target.close();
    await db.close();
    const figures = { events: appended.length, bytes: statSync(out).size, seedMs, exportMs: exported.ms, exportPeakRssMb: exported.rssMb, emptyExportPeakRssMb: baseline.rssMb, ...timings };
    process.stdout.write(`[round trip] PGlite: ${JSON.stringify(figures)}\n`);
    expect(exported.rssMb - baseline.rssMb).toBeLessThan(bufferedGrowthMb);
  }, 120_000);

  it('on a PostgreSQL server: exported, validated, imported into an empty database', async () => {
    const { pool } = await postgres.freshPool(4);
    const source = createPostgresStore({ pool });
    await source.migrate();
    let started = performance.now();
    const appended = await seedStoreAtSize(source);
    const seedMs = Math.round(performance.now() - started);

    const out = join(directory, 'server.ndjson');
    started = performance.now();
    const file = createWriteStream(out, { encoding: 'utf8' });
    await exportEvents(source, async (line) => {
      if (!file.write(`${line}\n`)) await once(file, 'drain');
    });
    file.end();
    await once(file, 'finish');
    const exportMs = Math.round(performance.now() - started);

    const { pool: targetPool, url } = await postgres.freshPool(4);
    const target = createPostgresStore({ pool: targetPool });
    await target.migrate();
    const timings = await validateAndImport(out, target, appended);
    const again = exportInChild(['--database-url', url], join(directory, 'server-again.ndjson'));
    expect(statSync(join(directory, 'server-again.ndjson')).size).toBe(statSync(out).size);
    const baseline = exportInChild(['--database-url', await postgres.server.createDatabase()], join(directory, 'server-empty.ndjson'));
    const figures = { events: appended.length, bytes: statSync(out).size, seedMs, exportMs, ...timings, cliExportMs: again.ms, cliExportPeakRssMb: again.rssMb, emptyExportPeakRssMb: baseline.rssMb };
    process.stdout.write(`[round trip] PostgreSQL server: ${JSON.stringify(figures)}\n`);
    expect(again.rssMb - baseline.rssMb).toBeLessThan(bufferedGrowthMb);
  }, 120_000);
});
