// Integration: `kykypolku retention` on a PGlite data directory, as a host runs it: a dry run lists
// the expired cases, a purge destroys them with receipts, a rerun finds nothing; bad calls, bad
// rules and closed cases without a rule are refused, typed, and change nothing (issue 16 item 3).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStore } from 'kykypolku/postgres';
import { buildHostModule } from '../support/hostModule.js';
import { rules, storeClosings } from '../support/retentionCases.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, [`${root}/dist/cli.js`, ...args], { cwd: root, encoding: 'utf8' });
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-retention-'));
const dataDir = join(directory, 'store');
const rulesFile = join(directory, 'rules.json');
let hostModule: string;
const now = '2026-03-01T00:00:00+02:00';

beforeAll(async () => {
  hostModule = await buildHostModule('retentionCases');
  const store = await createPgliteStore({ dataDir });
  await storeClosings(store);
  await store.close();
  writeFileSync(rulesFile, JSON.stringify(rules));
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const base = () => ['retention', '--data-dir', dataDir, '--module', hostModule, '--rules', rulesFile];
const expired = ['a-before-midnight', 'a-leap-day', 'a-local-midnight', 'b-late-march', 'b-month-end'];

describe('integration: kykypolku retention', () => {
  it('refuses bad calls with exit code 2 and changes nothing', () => {
    const both = cli(...base(), '--dry-run', '--purge', '--now', now);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('exactly one of --dry-run and --purge');
    expect(cli(...base(), '--dry-run').stderr).toContain('--now must give the instant');
    for (const bad of ['10000-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '-0', 'tomorrow']) {
      const run = cli(...base(), '--purge', `--now=${bad}`);
      expect(run.status, bad).toBe(2);
      expect(run.stderr, bad).toContain('INVALID_RETENTION_REQUEST: now must be an ISO 8601 instant');
      if (bad !== '-0') expect(run.stderr, bad).not.toContain(bad);
    }
    const negative = join(directory, 'negative.json');
    writeFileSync(negative, JSON.stringify([{ ...rules[0], keepFor: { years: -10 } }]));
    const refused = cli('retention', '--data-dir', dataDir, '--module', hostModule, '--rules', negative, '--purge', '--now', now, '--json');
    expect(refused.status).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      ok: false,
      failure: { code: 'INVALID_RETENTION_REQUEST', field: 'rules[0].keepFor.years' },
    });
    const notJson = join(directory, 'not.json');
    writeFileSync(notJson, '{ rules: ');
    expect(cli('retention', '--data-dir', dataDir, '--rules', notJson, '--dry-run', '--now', now).stderr).toContain('is not JSON');
    expect(cli('retention', '--data-dir', dataDir, '--rules', join(directory, 'missing.json'), '--dry-run', '--now', now).stderr).toContain(
      'cannot read --rules',
    );
  });

  it('refuses the run without the host paths: the built-in catalogue has no service-task codes', () => {
    const run = cli('retention', '--data-dir', dataDir, '--rules', rulesFile, '--purge', '--now', now);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('NO_RETENTION_RULE');
    expect(run.stderr).toContain('nothing was purged');
  });

  it('lists the expired cases in a dry run, purges exactly them, and finds nothing more on a rerun', () => {
    const dry = cli(...base(), '--dry-run', '--now', now);
    expect(dry.status).toBe(0);
    expect(
      dry.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(expired);
    expect(dry.stdout).toContain('a-leap-day  review-path@1  closed 2016-02-29T10:00:00.000Z  expired 2026-02-28T22:00:00.000Z');
    expect(dry.stderr).toContain('5 closed cases past retention, 3 kept');
    const json = JSON.parse(cli(...base(), '--dry-run', '--now', now, '--json').stdout) as { expired: { caseId: string }[]; kept: number };
    expect(json.expired.map((entry) => entry.caseId)).toEqual(expired);
    expect(json.kept).toBe(3);

    const purge = cli(...base(), '--purge', '--now', now, '--json');
    expect(purge.status).toBe(0);
    const report = JSON.parse(purge.stdout) as { ok: boolean; purged: { caseId: string; eventCount: number; purgedAt: string }[] };
    expect(report.purged.map((receipt) => receipt.caseId)).toEqual(expired);
    expect(report.purged.every((receipt) => receipt.eventCount === 3 && receipt.purgedAt === '2026-02-28T22:00:00.000Z')).toBe(true);
    expect(purge.stderr).toContain('5 cases purged with receipts, 0 left whole, 3 kept');

    const again = cli(...base(), '--purge', '--now', now);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('0 cases purged with receipts, 0 left whole, 3 kept');
    const exported = cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--quiet');
    expect(exported.status).toBe(0);
    const left = new Set(
      exported.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { caseId: string }).caseId),
    );
    expect([...left].sort()).toEqual(['a-fall-back', 'a-open', 'a-recent', 'a-spring-forward']);
  });
});

describe('integration: kykypolku retention --access-log', () => {
  const logDir = join(directory, 'logged');
  const reads = ['2013-05-01T08:00:00Z', '2014-12-31T21:59:59.999Z', '2014-12-31T22:00:00Z', '2020-01-01T10:00:00+02:00'];

  beforeAll(async () => {
    const store = await createPgliteStore({ dataDir: logDir });
    await storeClosings(store);
    const { openCaseStore } = await import('kykypolku');
    const { retentionCatalogue } = await import('../support/retentionCases.js');
    const cases = openCaseStore(store, retentionCatalogue);
    for (const at of reads) await cases.read('a-recent', { actor: { role: 'nurse', id: 'n-1' }, purpose: 'client-service', at });
    await store.close();
  }, 120_000);

  const logBase = () => ['retention', '--access-log', '--data-dir', logDir];

  it('refuses a call without a period, or with a bad one, with exit code 2, and removes nothing', () => {
    expect(cli(...logBase(), '--purge', '--now', '2027-01-01T00:00:00Z').stderr).toContain('--access-log needs --keep-for');
    for (const bad of ['12y', 'P', 'P1W', 'PT12H', 'P-1Y']) {
      const run = cli(...logBase(), '--purge', '--now', '2027-01-01T00:00:00Z', `--keep-for=${bad}`);
      expect(run.status, bad).toBe(2);
      expect(run.stderr, bad).toContain('--keep-for must be an ISO 8601 period');
    }
    const zero = cli(...logBase(), '--purge', '--now', '2027-01-01T00:00:00Z', '--keep-for', 'P0Y', '--json');
    expect(zero.status).toBe(2);
    expect(JSON.parse(zero.stdout)).toMatchObject({ ok: false, failure: { code: 'INVALID_RETENTION_REQUEST', field: 'keepFor' } });
    expect(cli(...logBase(), '--purge', '--now', '2027-01-01T00:00:00Z', '--keep-for', 'P12Y', '--rules', rulesFile).status).toBe(2);
    expect(cli(...base(), '--purge', '--now', now, '--keep-for', 'P12Y').stderr).toContain('--keep-for goes with --access-log');
  });

  it('counts the rows past the period in a dry run, removes exactly them, and a rerun removes none', async () => {
    // Twelve years at 1 January 2027 (Helsinki): reads up to 31 December 2014 are past.
    const dry = cli(...logBase(), '--dry-run', '--now', '2027-01-01T00:00:00+02:00', '--keep-for', 'P12Y', '--json');
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ now: '2027-01-01T00:00:00+02:00', ok: true, expired: 2, before: '2014-12-31T22:00:00.000Z' });
    expect(dry.stderr).toContain('2 rows read before 2014-12-31T22:00:00.000Z past the period');
    const run = cli(...logBase(), '--purge', '--now', '2027-01-01T00:00:00+02:00', '--keep-for', 'P12Y', '--json');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ now: '2027-01-01T00:00:00+02:00', ok: true, purged: 2, before: '2014-12-31T22:00:00.000Z' });
    expect(run.stderr).toContain('2 rows read before 2014-12-31T22:00:00.000Z removed');
    const again = cli(...logBase(), '--purge', '--now', '2027-01-01T00:00:00+02:00', '--keep-for', 'P12Y');
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('0 rows read before');
    const store = await createPgliteStore({ dataDir: logDir });
    try {
      const { openCaseStore } = await import('kykypolku');
      const log = await openCaseStore(store, []).accessLog('a-recent');
      expect(log.map((row) => row.at)).toEqual(reads.slice(2));
    } finally {
      await store.close();
    }
  });
});
