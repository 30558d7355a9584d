import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { useThrowawayServer } from '../support/postgresServer.js';

// The built CLI, as a newcomer runs it after `npm ci` (`npm test` builds first).
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const demo = (...args: string[]) =>
  spawnSync(process.execPath, [cli, 'demo', '--path', 'workability-path', '--clients', '60', '--seed', '5', ...args], { encoding: 'utf8' });

const postgres = useThrowawayServer();
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-demo-'));

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('kykypolku demo on each store', () => {
  it('stores in embedded PostgreSQL by default and answers the queries across cases from its case rows', () => {
    const run = demo();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('embedded PostgreSQL (PGlite, in memory)');
    expect(run.stdout).toMatch(/open cases with a deadline passed at .* \(listCases\): \d+/);
    expect(run.stdout).toMatch(/largest caseload \(countActiveCases\): coordinator-\d+, \d+ open cases/);
  });

  it('gives the same findings on a PostgreSQL server (--database-url) and on a PGlite directory (--data-dir)', async () => {
    const embedded = demo('--json');
    const onServer = demo('--json', '--database-url', await postgres.server.createDatabase());
    const inDirectory = demo('--json', '--data-dir', join(directory, 'cases'));
    expect([embedded.status, onServer.status, inDirectory.status]).toEqual([0, 0, 0]);
    expect(onServer.stdout).toBe(embedded.stdout);
    expect(inDirectory.stdout).toBe(embedded.stdout);
    expect(existsSync(join(directory, 'cases'))).toBe(true);
    const [summary] = JSON.parse(embedded.stdout) as [
      { overdueAtEnd: { at: string; cases: number }; largestCaseload: { assignee: string; active: number } },
    ];
    expect(summary.overdueAtEnd.at).toMatch(/^\d{4}-/);
    expect(summary.largestCaseload.active).toBeGreaterThan(0);
  });

  it('refuses to run twice into one database, and refuses two stores at once', async () => {
    const url = await postgres.server.createDatabase();
    expect(demo('--quiet', '--database-url', url).status).toBe(0);
    const again = demo('--quiet', '--database-url', url);
    expect(again.status).toBe(1);
    // One line that says what to do, with the refusal's code; no stack trace.
    expect(again.stderr.trim()).toBe(
      'kykypolku: CONCURRENCY_CONFLICT: demo: the store already holds case workability-path-000001; run the demo on an empty database',
    );
    const both = demo('--database-url', url, '--data-dir', directory);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('give --database-url or --data-dir, not both');
  });
});
