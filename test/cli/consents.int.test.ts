// Integration: consent rows from the CLI (issue 16 follow-up), on PGlite data directories. A log of
// coordinator cases imported without --sharing shares nothing with the partner; `kykypolku consents
// --rebuild --sharing …` writes the rows (600 cases, past a batch of 500, with progress), a withdrawn
// consent stays NO_CONSENT, a second run writes nothing; an import with --sharing writes the rows
// itself. The rebuild is the administrator's (--organisation: REBUILD_NOT_PERMITTED, exit 1), and a bad
// --sharing is a usage error (exit 2) naming the option, never the value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCaseStore } from 'kykypolku';
import { coordinatorServicePath } from 'kykypolku/paths';
import { createPgliteStore } from 'kykypolku/postgres';
import { runCli as cli } from '../support/runCli.js';

const directory = mkdtempSync(join(tmpdir(), 'kykypolku-consents-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const cases = 600;
const caseIdOf = (n: number) => `coord-${String(n).padStart(4, '0')}`;
const coordinator = { role: 'coordinator', id: 'k-1' };
const at = (n: number, minute: number) => new Date(Date.UTC(2025, 1, 1) + n * 3_600_000 + minute * 60_000).toISOString();

/** Every case consents to Kela; every fourth withdraws it again. */
function logFile(name: string): string {
  const lines: string[] = [];
  for (let n = 0; n < cases; n++) {
    const caseId = caseIdOf(n);
    const line = (minute: number, type: string, actor: object, payload: object) =>
      JSON.stringify({ caseId, type, at: at(n, minute), actor, payload });
    lines.push(line(0, 'REFERRED', { role: 'client', id: 'client-1' }, { route: 'selfContact' }));
    lines.push(line(1, 'ELIGIBILITY_CONFIRMED', coordinator, { unemploymentMonths: 3, targetGroup: 'unemployed' }));
    lines.push(line(2, 'CONSENT_GIVEN', coordinator, { scope: 'socialHealth' }));
    lines.push(line(3, 'CONSENT_GIVEN', coordinator, { scope: 'kela' }));
    if (n % 4 === 0) lines.push(line(4, 'CONSENT_WITHDRAWN', coordinator, { scope: 'kela' }));
  }
  const file = join(directory, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const officer = { actor: { role: 'officer', id: 'kela-7' }, purpose: 'benefit-decision', at: '2026-01-01T00:00:00Z' };

/** What Kela reads of two cases of the data directory: one consented, one withdrawn. */
async function kelaReads(dataDir: string): Promise<readonly string[]> {
  const store = await createPgliteStore({ dataDir, organisation: 'kela' });
  try {
    const kela = openCaseStore(store, [coordinatorServicePath]);
    return await Promise.all(
      [caseIdOf(1), caseIdOf(4)].map(async (caseId) => {
        const read = await kela.read(caseId, officer);
        return read.ok ? `read ${read.case.seq}` : read.failure.code;
      }),
    );
  } finally {
    await store.close();
  }
}

describe('integration: kykypolku consents --rebuild and import --sharing', () => {
  const log = logFile('coordinator.ndjson');
  /** The log imported as county A's cases, as a CLI-only host imports it. */
  const importAsCounty = (dataDir: string, ...options: string[]) =>
    cli('import', log, '--path', 'coordinator-service', '--data-dir', dataDir, '--organisation', 'county-a', '--quiet', ...options);

  it('rebuilds the rows of a log imported without --sharing, with progress, and writes nothing the second time', async () => {
    const dataDir = join(directory, 'imported');
    const imported = await importAsCounty(dataDir);
    expect(imported.code, imported.out + imported.err).toBe(0);
    expect(await kelaReads(dataDir)).toEqual(['UNKNOWN_CASE', 'UNKNOWN_CASE']);

    const scoped = await cli('consents', '--rebuild', '--sharing', 'kela=kela', '--data-dir', dataDir, '--organisation', 'county-a');
    expect(scoped.code).toBe(1);
    expect(scoped.err).toMatch(/REBUILD_NOT_PERMITTED/);
    expect(await kelaReads(dataDir)).toEqual(['UNKNOWN_CASE', 'UNKNOWN_CASE']);

    const rebuilt = await cli('consents', '--rebuild', '--sharing', 'kela=kela,employmentServices=te-uusimaa', '--data-dir', dataDir);
    expect(rebuilt.code, rebuilt.out + rebuilt.err).toBe(0);
    expect(rebuilt.out).toMatch(new RegExp(`${cases} cases read, ${cases} rows written, 0 cases skipped`));
    expect(rebuilt.err.split('\n').filter(Boolean)).toEqual([
      'consents: 500 cases read, 500 rows written',
      `consents: ${cases} cases read, ${cases} rows written`,
    ]);
    expect(await kelaReads(dataDir)).toEqual(['read 4', 'NO_CONSENT']);

    const again = await cli('consents', '--rebuild', '--sharing', 'kela=kela', '--data-dir', dataDir, '--json', '--quiet');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual({ ok: true, cases, written: 0, skipped: [] });
    expect(again.err).toBe('');
  }, 240_000);

  it('writes the consent rows with the cases when the import is given --sharing', async () => {
    const dataDir = join(directory, 'shared');
    const imported = await importAsCounty(dataDir, '--sharing', 'kela=kela');
    expect(imported.code, imported.out + imported.err).toBe(0);
    expect(await kelaReads(dataDir)).toEqual(['read 4', 'NO_CONSENT']);
    const rebuilt = await cli('consents', '--rebuild', '--sharing', 'kela=kela', '--data-dir', dataDir, '--quiet');
    expect(rebuilt.out).toMatch(/0 rows written/);
  }, 240_000);

  it('refuses a bad --sharing, or a missing one, as a usage error naming the option and never the value', async () => {
    const dataDir = join(directory, 'usage');
    for (const bad of ['kela', 'kela=Kela Helsinki', 'kela=', '=kela', 'kela=kela,kela=te', 'ke la=kela', 'kela=x'.padEnd(80, 'x')]) {
      for (const command of [
        ['consents', '--rebuild', '--sharing', bad, '--data-dir', dataDir],
        ['import', log, '--path', 'coordinator-service', '--data-dir', dataDir, '--sharing', bad],
      ]) {
        const result = await cli(...command);
        expect(result.code, `${command[0]} ${bad}`).toBe(2);
        expect(result.err).toMatch(/--sharing/);
        expect(result.err).not.toMatch(/Helsinki|ke la|xxxx/);
      }
    }
    expect((await cli('consents', '--sharing', 'kela=kela', '--data-dir', dataDir)).code).toBe(2);
    const missing = await cli('consents', '--rebuild', '--data-dir', dataDir);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--sharing/);
  });
});
