import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseStore } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { createPgliteStore } from 'kykypolku/postgres';
import { runCli as cli } from '../support/runCli.js';
import { assessmentBooked, assessmentDone, closed, contactReceived, type WorkabilityInput } from '../support/workabilityInputs.js';

const directory = mkdtempSync(join(tmpdir(), 'kykypolku-indicators-'));
const dataDir = join(directory, 'cases');
const at = (input: WorkabilityInput, instant: string): WorkabilityInput => ({ ...input, at: instant });

// Six clients in March 2025: each assessed within a month; two closed, both employed.
beforeAll(async () => {
  const store = await createPgliteStore({ dataDir });
  const cases = openCaseStore(store, [workabilityPath]);
  for (let n = 1; n <= 6; n++) {
    const caseId = `case-${n}`;
    await cases.record(caseId, at(contactReceived(), `2025-03-0${n}T08:00:00Z`));
    await cases.record(caseId, at(assessmentBooked(), `2025-03-0${n}T09:00:00Z`));
    await cases.record(caseId, at(assessmentDone('nurse'), `2025-03-1${n}T09:00:00Z`));
    if (n <= 2) await cases.record(caseId, at(closed('employed'), `2025-03-2${n}T09:00:00Z`));
  }
  await store.close();
}, 60_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const range = ['--from', '2025-01-01', '--to', '2025-12-31'];

describe('kykypolku indicators', () => {
  it('prints a table in Finnish with definitions, sources and the small-number note on the cell of two', async () => {
    const run = await cli('indicators', ...range, '--path', 'workability-path', '--lang', 'fi', '--data-dir', dataDir);
    expect(run.code).toBe(0);
    expect(run.out).toContain('workability-path / access-within-one-month: Palvelu kuukauden sisällä');
    expect(run.out).toContain('(lähde 000_a7d8ebcb45cc7bbc.txt:119)');
    expect(run.out).toMatch(/2025-03 {2}versio 2 {2}6 \/ 6 \(100\s?%\)\n/);
    expect(run.out).toContain('2025-03  versio 2  Työllistyi 2 (yhteensä 2) *');
    expect(run.out).toContain('* solussa alle 5 asiakasta');
  });

  it('gives CSV and JSON by quarter', async () => {
    const csv = await cli(
      'indicators',
      ...range,
      '--by',
      'quarter',
      '--format',
      'csv',
      '--path',
      'workability-path',
      '--data-dir',
      dataDir,
    );
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n').slice(0, 3)).toEqual([
      'path,indicator,period,pathVersion,kind,category,numerator,denominator,meanChange,small',
      'workability-path,access-within-one-month,2025-Q1,2,share,,6,6,,false',
      'workability-path,reached-workability-doctor,2025-Q1,2,share,,0,2,,true',
    ]);
    const json = await cli('indicators', ...range, '--by', 'year', '--format', 'json', '--data-dir', dataDir);
    const parsed = JSON.parse(json.out) as { indicators: { id: string; countedBy: string; cells: unknown[] }[] };
    expect(parsed.indicators.find((indicator) => indicator.id === 'end-reasons')).toMatchObject({
      countedBy: 'closing',
      cells: [{ period: '2025', counts: { employed: 2 }, total: 2 }],
    });
  });

  it('refuses a bad date with exit code 2 naming the option', async () => {
    const run = await cli('indicators', '--from', '2025-13-01', '--to', '2025-12-31', '--data-dir', dataDir);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--from: from must be a calendar date YYYY-MM-DD');
  });
});

describe('kykypolku indicators --by-organisation', () => {
  const organisedDir = join(directory, 'organised');
  // March 2025: three clients of county-a (two assessed within a month), one of county-b, one unassigned.
  beforeAll(async () => {
    for (const [organisation, clients] of [
      ['county-a', 3],
      ['county-b', 1],
      [undefined, 1],
    ] as const) {
      const store = await createPgliteStore({ dataDir: organisedDir, ...(organisation ? { organisation } : {}) });
      const cases = openCaseStore(store, [workabilityPath]);
      for (let n = 1; n <= clients; n++) {
        const caseId = `${organisation ?? 'none'}-${n}`;
        await cases.record(caseId, at(contactReceived(), `2025-03-0${n}T08:00:00Z`));
        await cases.record(caseId, at(assessmentBooked(), `2025-03-0${n}T09:00:00Z`));
        await cases.record(caseId, at(assessmentDone('nurse'), `2025-0${n === 3 ? 5 : 3}-1${n}T09:00:00Z`));
      }
      await store.close();
    }
  }, 60_000);
  const grouped = (...more: string[]) =>
    cli('indicators', ...range, '--path', 'workability-path', '--by-organisation', '--data-dir', organisedDir, ...more);

  it('prints a line per organisation in fi, sv and en, the unassigned named, each cell marked on its own', async () => {
    const fi = await grouped('--lang', 'fi');
    expect(fi.code).toBe(0);
    expect(fi.out).toMatch(/2025-03 {2}versio 2 {2}organisaatio county-a {2}2 \/ 3 \(66,7\s?%\) \*\n/);
    expect(fi.out).toMatch(/2025-03 {2}versio 2 {2}organisaatio county-b {2}1 \/ 1 \(100\s?%\) \*\n/);
    expect(fi.out).toMatch(/2025-03 {2}versio 2 {2}ei organisaatiota {2}1 \/ 1 \(100\s?%\) \*\n/);
    expect((await grouped('--lang', 'sv')).out).toContain('version 2  ingen organisation  1 / 1');
    expect((await grouped('--lang', 'en')).out).toContain('version 2  unassigned  1 / 1');
  });

  it('gives the organisation as a CSV column and in each JSON cell (null for the unassigned)', async () => {
    const csv = await grouped('--format', 'csv');
    expect(csv.out.split('\n').slice(0, 4)).toEqual([
      'path,indicator,period,pathVersion,organisation,kind,category,numerator,denominator,meanChange,small',
      'workability-path,access-within-one-month,2025-03,2,county-a,share,,2,3,,true',
      'workability-path,access-within-one-month,2025-03,2,county-b,share,,1,1,,true',
      'workability-path,access-within-one-month,2025-03,2,,share,,1,1,,true',
    ]);
    const json = JSON.parse((await grouped('--format', 'json')).out) as {
      query: { byOrganisation: boolean };
      indicators: { id: string; cells: { organisation: string | null; numerator: number }[] }[];
    };
    expect(json.query.byOrganisation).toBe(true);
    const access = json.indicators.find((indicator) => indicator.id === 'access-within-one-month')!;
    expect(access.cells.map((cell) => [cell.organisation, cell.numerator])).toEqual([
      ['county-a', 2],
      ['county-b', 1],
      [null, 1],
    ]);
  });

  it('without the flag counts the organisations together, with no organisation column', async () => {
    const csv = await cli('indicators', ...range, '--path', 'workability-path', '--format', 'csv', '--data-dir', organisedDir);
    expect(csv.out.split('\n').slice(0, 2)).toEqual([
      'path,indicator,period,pathVersion,kind,category,numerator,denominator,meanChange,small',
      'workability-path,access-within-one-month,2025-03,2,share,,4,5,,true',
    ]);
  });

  it('--organisation opens the store for one organisation, which counts only its own; a bad code is a usage error', async () => {
    const csv = await cli(
      'indicators',
      ...range,
      '--path',
      'workability-path',
      '--format',
      'csv',
      '--organisation',
      'county-a',
      '--data-dir',
      organisedDir,
    );
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')[1]).toBe('workability-path,access-within-one-month,2025-03,2,share,,2,3,,true');
    const bad = await cli('indicators', ...range, '--organisation', 'Kela, Helsinki', '--data-dir', organisedDir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--organisation may hold only ASCII letters');
    expect(bad.err).not.toContain('Kela');
  });
});
