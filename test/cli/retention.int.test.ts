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
