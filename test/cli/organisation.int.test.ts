// Integration: `--organisation <code>` on every CLI command that opens a store (issues 16 and 18),
// on PGlite data directories as a CLI-only host runs them. The same log imported for two
// organisations under different case ids is counted per organisation; an export, a migration check,
// a deadline worker and a retention run opened for one organisation see only its cases; an import
// that would append to another organisation's case is refused ACCESS_DENIED and writes nothing;
// a bad code is a usage error (exit 2) that names the option and never echoes the value.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseStore } from 'kykypolku';
import { createPgliteStore } from 'kykypolku/postgres';
import { commands } from '../../src/cli/commands.js';
import { runCli as cli } from '../support/runCli.js';
import { author, reviewer, reviewPath } from '../support/reviewPath.js';
import { closings, reviewHistory, rules, storeCase } from '../support/retentionCases.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-organisation-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** case-ok of the example log: five accepted events. */
const caseOk = readFileSync(`${root}/docs/examples/two-cases.ndjson`, 'utf8')
  .split('\n')
  .filter((line) => line.includes('"case-ok"'));

/**
 * The example case under `count` case ids `<prefix>-<n>`: past the SQL stores' read page of 5 000
 * rows (1 050 cases of 5 events), so an export pages through them.
 */
function logFile(name: string, prefix: string, count: number): string {
  const lines: string[] = [];
  for (let n = 1; n <= count; n++) {
    const caseId = `${prefix}-${String(n).padStart(5, '0')}`;
    for (const line of caseOk) lines.push(line.replace('"case-ok"', `"${caseId}"`));
  }
  const file = join(directory, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const exportedCaseIds = (out: string) =>
  new Set(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { caseId: string }).caseId),
  );

const perOrganisation = 1050;

describe('kykypolku import, export and indicators --organisation', () => {
  const dataDir = join(directory, 'imported');
  const logA = logFile('a.ndjson', 'a', perOrganisation);
  const logB = logFile('b.ndjson', 'b', perOrganisation);

  beforeAll(async () => {
    const a = await cli('import', logA, '--path', 'workability-path', '--data-dir', dataDir, '--organisation', 'county-a', '--quiet');
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(a.out).toContain(`stored ${perOrganisation} cases (${perOrganisation * 5} events)`);
    const b = await cli('import', logB, '--path', 'workability-path', '--data-dir', dataDir, '--organisation=county-b', '--quiet');
    expect(b.code).toBe(0);
  }, 300_000);

  it('counts both organisations with --by-organisation, and one with --organisation', async () => {
    const range = ['--from', '2025-01-01', '--to', '2025-12-31', '--path', 'workability-path', '--format', 'csv'];
    const grouped = await cli('indicators', ...range, '--by-organisation', '--data-dir', dataDir);
    expect(grouped.code).toBe(0);
    const access = grouped.out.split('\n').filter((line) => line.startsWith('workability-path,access-within-one-month,'));
    expect(access).toEqual([
      expect.stringMatching(/^workability-path,access-within-one-month,2025-03,\d+,county-a,share,,1050,1050,/),
      expect.stringMatching(/^workability-path,access-within-one-month,2025-03,\d+,county-b,share,,1050,1050,/),
    ]);
  });

  it('exports only the organisation’s cases, past a read page', async () => {
    const a = await cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--organisation', 'county-a', '--quiet');
    expect(a.code).toBe(0);
    const ids = exportedCaseIds(a.out);
    expect(ids.size).toBe(perOrganisation);
    expect([...ids].every((caseId) => caseId.startsWith('a-'))).toBe(true);
    expect(a.out.split('\n').filter(Boolean)).toHaveLength(perOrganisation * 5);
    const all = await cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--quiet');
    expect(exportedCaseIds(all.out).size).toBe(2 * perOrganisation);
  });

  it("refuses an import to another organisation's case with ACCESS_DENIED per case, and writes nothing", async () => {
    const before = await cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--quiet');
    // B's first three cases with one more event each, and one case of A's own: imported as A's.
    const extra = logB.replace('b.ndjson', 'b-more.ndjson');
    const lines = readFileSync(logB, 'utf8').split('\n').slice(0, 15);
    writeFileSync(extra, `${lines.join('\n')}\n`);
    const run = await cli(
      'import',
      extra,
      '--path',
      'workability-path',
      '--data-dir',
      dataDir,
      '--organisation',
      'county-a',
      '--json',
      '--quiet',
    );
    expect(run.code).toBe(1);
    const verdicts = run.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const caseId of ['b-00001', 'b-00002', 'b-00003'])
      expect(verdicts).toContainEqual(expect.objectContaining({ caseId, status: 'notStored', code: 'ACCESS_DENIED' }));
    expect(run.out).not.toContain('county-b');
    expect(verdicts.at(-1)).toMatchObject({ storedCases: 0, storedEvents: 0 });
    const text = await cli('import', extra, '--path', 'workability-path', '--data-dir', dataDir, '--organisation', 'county-a', '--quiet');
    expect(text.code).toBe(1);
    expect(text.out).toContain('case b-00001: ACCESS_DENIED:');
    const after = await cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--quiet');
    expect(after.out).toBe(before.out);
    // The same log for B, whose cases they are, is already stored.
    const own = await cli('import', extra, '--path', 'workability-path', '--data-dir', dataDir, '--organisation', 'county-b', '--quiet');
    expect(own.code).toBe(0);
    expect(own.out).toContain('3 already stored');
  });
});

describe('a bad --organisation is a usage error on every command that opens a store', () => {
  const dataDir = join(directory, 'untouched');
  const log = logFile('one.ndjson', 'one', 1);
  const calls: Record<string, readonly string[]> = {
    import: ['import', log, '--path', 'workability-path'],
    export: ['export', '--format', 'ndjson'],
    'migrate-check': ['migrate-check', '--to', 'workability-path@2'],
    deadlines: ['deadlines', '--once'],
    retention: ['retention', '--dry-run', '--now', '2026-01-01T00:00:00Z', '--rules', join(directory, 'no-rules.json')],
    indicators: ['indicators', '--from', '2025-01-01', '--to', '2025-12-31'],
    consents: ['consents', '--rebuild', '--sharing', 'kela=kela'],
  };
  const bad = ['', 'x'.repeat(65), 'county\u0000a', 'Kela Helsinki', 'kela;DROP'];

  it.each(Object.entries(calls))('%s: exit 2, naming --organisation, not echoing the value, nothing stored', async (name, call) => {
    for (const value of bad) {
      const run = await cli(...call, '--data-dir', dataDir, `--organisation=${value}`);
      expect(run.code, `${name} ${JSON.stringify(value)}`).toBe(2);
      expect(run.err).toMatch(/^kykypolku: --organisation /);
      if (value !== '') expect(run.err).not.toContain(value);
    }
    const written = await cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--quiet');
    expect(written.out).toBe('');
  });

  it('is named in the usage of every command with a store, but demo', () => {
    const withStore = commands.filter((command) => command.usage.includes('--data-dir') && command.name !== 'demo');
    expect(withStore.map((command) => command.name).sort()).toEqual(Object.keys(calls).sort());
    for (const command of withStore) expect(command.usage, command.name).toContain('--organisation <code>');
  });
});

describe('kykypolku migrate-check, deadlines and retention --organisation', () => {
  const dataDir = join(directory, 'reviews');
  const retentionDir = join(directory, 'retention');
  const day = (n: number) => `2025-05-${String(n).padStart(2, '0')}T09:00:00Z`;

  beforeAll(async () => {
    // Review cases due long ago for A and B, and the retention closings under each organisation's ids.
    for (const [organisation, prefix, count] of [
      ['county-a', 'a', 12],
      ['county-b', 'b', 7],
    ] as const) {
      const store = await createPgliteStore({ dataDir, organisation });
      const cases = openCaseStore(store, [reviewPath]);
      for (let n = 1; n <= count; n++) {
        const caseId = `${prefix}-doc-${n}`;
        await cases.record(caseId, { type: 'SUBMITTED', at: day(1), actor: author, payload: { priority: 'low' } });
        if (n % 3 === 0) await cases.record(caseId, { type: 'REVIEWED', at: day(2), actor: reviewer, payload: { approved: false } });
      }
      await store.close();
      const retained = await createPgliteStore({ dataDir: retentionDir, organisation });
      for (const closing of closings)
        await storeCase(retained, reviewHistory(`${prefix}-${closing.caseId}`, closing.path, closing.closedAt));
      await retained.close();
    }
    writeFileSync(join(directory, 'rules.json'), JSON.stringify(rules));
  }, 120_000);

  it('migrate-check replays only the organisation’s cases', async () => {
    const run = await cli(
      'migrate-check',
      '--to',
      'review-path@2',
      '--module',
      'test/support/reviewCatalogue.ts',
      '--json',
      '--data-dir',
      dataDir,
      '--organisation',
      'county-b',
    );
    expect(run.err).toBe('');
    expect((JSON.parse(run.out) as { cases: number }).cases).toBe(7);
  });

  it('deadlines claims only the organisation’s cases, and the other organisation then claims its own', async () => {
    const module = ['--module', 'test/support/reviewCatalogue.ts'];
    const caseIds = (out: string) => [
      ...new Set(
        out
          .split('\n')
          .filter(Boolean)
          .map((line) => (JSON.parse(line) as { caseId: string }).caseId),
      ),
    ];
    const a = await cli('deadlines', '--once', ...module, '--data-dir', dataDir, '--organisation', 'county-a');
    expect(a.code).toBe(0);
    const claimedA = caseIds(a.out);
    expect(claimedA.length).toBeGreaterThan(0);
    expect(claimedA.every((caseId) => caseId.startsWith('a-doc-'))).toBe(true);
    const b = await cli('deadlines', '--once', ...module, '--data-dir', dataDir, '--organisation', 'county-b');
    const claimedB = caseIds(b.out);
    expect(claimedB.length).toBeGreaterThan(0);
    expect(claimedB.every((caseId) => caseId.startsWith('b-doc-'))).toBe(true);
  });

  it('retention plans only the organisation’s cases, and leaves the purge to the administrator', async () => {
    const base = [
      'retention',
      '--module',
      'test/support/retentionCases.ts',
      '--rules',
      join(directory, 'rules.json'),
      '--data-dir',
      retentionDir,
    ];
    const now = ['--now', '2026-03-01T00:00:00+02:00'];
    const expired = ['a-before-midnight', 'a-leap-day', 'a-local-midnight', 'b-late-march', 'b-month-end'];
    const dry = await cli(...base, '--dry-run', ...now, '--organisation', 'county-b');
    expect(dry.code).toBe(0);
    expect(
      dry.out
        .trim()
        .split('\n')
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(expired.map((caseId) => `b-${caseId}`));
    // Purging is the administrator's (docs/developers.md, "Who may purge"): refused, typed, nothing changed.
    const refused = await cli(...base, '--purge', ...now, '--organisation', 'county-b');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('retention: PURGE_NOT_PERMITTED: ');
    expect((await cli(...base, '--dry-run', ...now, '--organisation', 'county-b')).out).toBe(dry.out);
    const purged = await cli(...base, '--purge', ...now);
    expect(purged.code).toBe(0);
    expect(purged.out.trim().split('\n')).toHaveLength(2 * expired.length);
    const left = await cli(...base, '--dry-run', ...now);
    expect(left.out).toBe('');
  });
});
