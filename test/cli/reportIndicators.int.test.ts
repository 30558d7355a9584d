import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli as cli } from '../support/runCli.js';

const directory = mkdtempSync(join(tmpdir(), 'kykypolku-report-indicators-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

it('kykypolku report shows the cohort’s indicators by the --by period, small cells under --small-number marked', async () => {
  const out = join(directory, 'by-year');
  const run = await cli('report', '--out', out, '--path', 'workability-path', '--clients', '60', '--by', 'year', '--small-number', '30');
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  const page = readFileSync(join(out, 'workability-path.html'), 'utf8');
  expect(page).toContain('id="indicators"');
  const periods = [...page.matchAll(/data-period="([^"]+)"/g)].map((match) => match[1]);
  expect(periods.length).toBeGreaterThan(0);
  expect(periods.every((period) => /^\d{4}$/.test(period!))).toBe(true);
  expect(page).toContain('fewer than 30 clients in a cell');
});

it.each([
  [['--by', 'week'], '--by'],
  [['--from', '2025-02-30'], '--from'],
  [['--small-number', 'many'], '--small-number'],
])('kykypolku report refuses %j, naming the option, and writes nothing', async (args, option) => {
  const out = join(directory, `bad-${option.slice(2)}`);
  const run = await cli('report', '--out', out, '--path', 'workability-path', '--clients', '5', ...args);
  expect(run.code).toBe(2);
  expect(run.err).toContain(option);
  expect(() => readFileSync(join(out, 'index.html'))).toThrow();
});
