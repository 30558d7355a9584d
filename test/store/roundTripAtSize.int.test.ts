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
import { longCase, seedStoreAtSize } from '../support/longCases.js';
import { useThrowawayServer } from '../support/postgresServer.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const maxRss = fileURLToPath(new URL('../support/maxRss.cjs', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-round-trip-'));
const postgres = useThrowawayServer();

afterAll(() => rmSync(directory, { recursive: true, force: true }));

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
  expect(validation.summary).toMatchObject({
    lines: 50_000,
    cases: 310,
    acceptedCases: 310,
    rejectedCases: 0,
    acceptedEvents: 50_000,
    malformedLines: 0,
  });
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

/**
 * Runs the built CLI's export in a child process; resolves to its peak RSS in MB. Linux keeps a
 * process's peak RSS across exec, so a child forked straight from this test worker would report
 * the worker's size: a shell forks the CLI instead (the trailing commands keep it from exec'ing).
 */
function exportInChild(storeArgs: readonly string[], out: string): { rssMb: number; ms: number } {
  const started = performance.now();
  const command = [process.execPath, '--require', maxRss, cli, 'export', '--format', 'ndjson', '--quiet', '--out', out, ...storeArgs];
  const run = spawnSync('/bin/sh', ['-c', '"$0" "$@"; status=$?; exit $status', ...command], { encoding: 'utf8', timeout: 120_000 });
  const ms = Math.round(performance.now() - started);
  expect(run.status, run.stderr).toBe(0);
  const kilobytes = Number(/maxRSS (\d+)/.exec(run.stderr)?.[1]);
  return { rssMb: Math.round(kilobytes / 1024), ms };
}

const heapProbe = fileURLToPath(new URL('../support/exportHeapProbe.mjs', import.meta.url));

/**
 * The live heap of an export in a child process (after a full collection every 5 000 events):
 * how much it grew from the first 5 000 events to the last. Streaming keeps it flat.
 */
function heapGrowthOfExport(storeArgs: readonly string[]): { growthMb: number; samples: { written: number; heapMb: number }[] } {
  const run = spawnSync(process.execPath, ['--expose-gc', heapProbe, ...storeArgs], { encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  const { events, samples } = JSON.parse(run.stdout) as { events: number; samples: { written: number; heapMb: number }[] };
  expect(events).toBe(50_000);
  return { growthMb: Math.round((samples[samples.length - 1]!.heapMb - samples[0]!.heapMb) * 10) / 10, samples };
}

/**
 * How much the live heap of an export may grow from its first 5 000 events to its 50 000th. An
 * export that held the events would grow by every page it read: holding the 45 000 lines alone
 * adds 14 MB (measured with the probe's `--buffer`, PostgreSQL server); streaming adds 0.1 MB.
 */
const heapGrowthLimitMb = 6;

describe('a store of 50 000 events, cases of 2 000, round-trips through NDJSON', () => {
  it('on PGlite: seeded in a directory, exported by the CLI in bounded memory, validated, imported into an empty store', async () => {
    const dataDir = join(directory, 'pglite');
    const source = await createPgliteStore({ dataDir });
    const started = performance.now();
    const appended = await seedStoreAtSize(source);
    const seedMs = Math.round(performance.now() - started);
    await source.close();

    const out = join(directory, 'pglite.ndjson');
    const exported = exportInChild(['--data-dir', dataDir], out);
    // The same export of a directory holding one case of 100 events, made the same way (so neither
    // run pays for initdb): PGlite's own heap, which the other 49 900 events must barely add to.
    const smallDir = join(directory, 'pglite-small');
    const small = await createPgliteStore({ dataDir: smallDir });
    await small.append('small', longCase('small', 100), { expectedSeq: 0 });
    await small.close();
    const baseline = exportInChild(['--data-dir', smallDir], join(directory, 'pglite-small.ndjson'));
    const db = new PGlite();
    const target = await createPgliteStore({ db });
    const timings = await validateAndImport(out, target, appended);
    await target.close();
    await db.close();
    const heap = heapGrowthOfExport(['--data-dir', dataDir]);
    const figures = {
      events: appended.length,
      bytes: statSync(out).size,
      seedMs,
      exportMs: exported.ms,
      exportPeakRssMb: exported.rssMb,
      smallExportPeakRssMb: baseline.rssMb,
      exportHeapGrowthMb: heap.growthMb,
      ...timings,
    };
    process.stdout.write(`[round trip] PGlite: ${JSON.stringify(figures)}\n`);
    expect(heap.growthMb).toBeLessThan(heapGrowthLimitMb);
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
    const heap = heapGrowthOfExport(['--database-url', url]);
    const figures = {
      events: appended.length,
      bytes: statSync(out).size,
      seedMs,
      exportMs,
      ...timings,
      cliExportMs: again.ms,
      cliExportPeakRssMb: again.rssMb,
      emptyExportPeakRssMb: baseline.rssMb,
      exportHeapGrowthMb: heap.growthMb,
    };
    process.stdout.write(`[round trip] PostgreSQL server: ${JSON.stringify(figures)}\n`);
    expect(heap.growthMb).toBeLessThan(heapGrowthLimitMb);
  }, 120_000);
});
