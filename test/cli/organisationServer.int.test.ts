// Integration: `--organisation` on a real PostgreSQL server, each organisation's CLI run connecting
// as its own login role under row-level security (issue 16): import writes the organisation's
// cases, export sees only them, an import into the other organisation's case is refused
// ACCESS_DENIED and writes nothing, and a purge by an organisation's role answers the store's code
// with every event kept.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from 'kykypolku/postgres';
import { runCli as cli } from '../support/runCli.js';
import { organisationDatabase, ownerRole, roleOf } from '../support/organisationRoles.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { closings, reviewHistory, rules, storeCase } from '../support/retentionCases.js';

const postgres = useThrowawayServer();
const root = fileURLToPath(new URL('../..', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-organisation-server-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const caseOk = readFileSync(`${root}/docs/examples/two-cases.ndjson`, 'utf8')
  .split('\n')
  .filter((line) => line.includes('"case-ok"'));

function logFile(name: string, caseIds: readonly string[]): string {
  const file = join(directory, name);
  writeFileSync(file, `${caseIds.flatMap((caseId) => caseOk.map((line) => line.replace('"case-ok"', `"${caseId}"`))).join('\n')}\n`);
  return file;
}

const exportedCaseIds = (out: string) => [
  ...new Set(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { caseId: string }).caseId),
  ),
];

describe('integration: kykypolku --organisation on a PostgreSQL server, a role per organisation', () => {
  let urlA: string;
  let urlB: string;
  let ownerUrl: string;

  beforeAll(async () => {
    // The tables belong to a role that is no superuser (superusers bypass row-level security).
    const db = await organisationDatabase(postgres, ['county-a', 'county-b'], { poolSize: 2 });
    ownerUrl = db.urlAs(ownerRole);
    urlA = db.urlAs(roleOf('county-a'));
    urlB = db.urlAs(roleOf('county-b'));
    // A's closed cases for the purge, written as A.
    const storeA = createPostgresStore({ pool: postgres.newPool(urlA, 2), organisation: 'county-a' });
    for (const closing of closings) await storeCase(storeA, reviewHistory(closing.caseId, closing.path, closing.closedAt));
    writeFileSync(join(directory, 'rules.json'), JSON.stringify(rules));
  }, 120_000);

  it("imports each organisation's log as its cases, exports only them, and refuses A's import into B's case", async () => {
    const logA = logFile('a.ndjson', ['ca-1', 'ca-2']);
    const logB = logFile('b.ndjson', ['cb-1', 'cb-2', 'cb-3']);
    const a = await cli('import', logA, '--path', 'workability-path', '--database-url', urlA, '--organisation', 'county-a', '--quiet');
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect((await cli('import', logB, '--path', 'workability-path', '--database-url', urlB, '--organisation', 'county-b')).code).toBe(0);
    const exportA = await cli('export', '--format', 'ndjson', '--database-url', urlA, '--organisation', 'county-a', '--quiet');
    expect(exportA.code).toBe(0);
    expect(exportedCaseIds(exportA.out)).toEqual([...closings.map((closing) => closing.caseId), 'ca-1', 'ca-2']);
    const exportB = await cli('export', '--format', 'ndjson', '--database-url', urlB, '--organisation', 'county-b', '--quiet');
    expect(exportedCaseIds(exportB.out)).toEqual(['cb-1', 'cb-2', 'cb-3']);

    const before = await cli('export', '--format', 'ndjson', '--database-url', ownerUrl, '--quiet');
    const intoB = await cli('import', logB, '--path', 'workability-path', '--database-url', urlA, '--organisation', 'county-a', '--json');
    expect(intoB.code).toBe(1);
    const verdicts = intoB.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const caseId of ['cb-1', 'cb-2', 'cb-3'])
      expect(verdicts).toContainEqual(expect.objectContaining({ caseId, status: 'notStored', code: 'ACCESS_DENIED' }));
    expect(intoB.out).not.toContain('county-b');
    expect((await cli('export', '--format', 'ndjson', '--database-url', ownerUrl, '--quiet')).out).toBe(before.out);
  });

  it("answers a purge by an organisation's role with the store's code, and keeps every event", async () => {
    const before = await cli('export', '--format', 'ndjson', '--database-url', ownerUrl, '--quiet');
    const run = await cli(
      'retention',
      '--purge',
      '--now',
      '2026-03-01T00:00:00+02:00',
      '--rules',
      join(directory, 'rules.json'),
      '--module',
      'test/support/retentionCases.ts',
      '--database-url',
      urlA,
      '--organisation',
      'county-a',
    );
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/(kykypolku|retention): [A-Z_]+: /);
    expect(run.err).not.toContain('county-a');
    expect((await cli('export', '--format', 'ndjson', '--database-url', ownerUrl, '--quiet')).out).toBe(before.out);
    // The plan itself is the organisation's to see.
    const dry = await cli(
      'retention',
      '--dry-run',
      '--now',
      '2026-03-01T00:00:00+02:00',
      '--rules',
      join(directory, 'rules.json'),
      '--module',
      'test/support/retentionCases.ts',
      '--database-url',
      urlA,
      '--organisation',
      'county-a',
    );
    expect(dry.code).toBe(0);
    expect(dry.err).toContain('5 closed cases past retention, 3 kept');
  });

  it("refuses `consents --rebuild` to an organisation's role, unscoped or not, and runs it as the administrator", async () => {
    const rebuild = (url: string, ...options: string[]) =>
      cli(
        'consents',
        '--rebuild',
        '--sharing',
        'kela=kela',
        '--module',
        'test/support/retentionCases.ts',
        '--database-url',
        url,
        ...options,
      );
    for (const refused of [await rebuild(urlA), await rebuild(urlA, '--organisation', 'county-a')]) {
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/consents: REBUILD_NOT_PERMITTED: /);
    }
    const run = await rebuild(ownerUrl, '--json', '--quiet');
    expect(JSON.parse(run.out)).toMatchObject({ ok: true, written: 0 });
  });
});
