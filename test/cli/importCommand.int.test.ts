import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The built CLI, as a host runs it (`npm run build` first).
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, [`${root}/dist/cli.js`, ...args], { cwd: root, encoding: 'utf8' });
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-import-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const example = readFileSync(`${root}/docs/examples/two-cases.ndjson`, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
/** Only case-ok's lines: five events, all accepted. */
const good = example.filter((line) => line.includes('"case-ok"'));
/** case-ok with its last line cut in half, as an interrupted copy leaves it. */
const truncated = good.map((line, n) => (n === good.length - 1 ? line.slice(0, 40) : line));

function file(name: string, lines: readonly string[], prefix = ''): string {
  const path = join(directory, name);
  writeFileSync(path, `${prefix}${lines.join('\n')}\n`);
  return path;
}

function exportedLines(dataDir: string): string[] {
  const run = cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--quiet');
  expect(run.status).toBe(0);
  return run.stdout.split('\n').filter((line) => line !== '');
}

describe('kykypolku import', () => {
  it('prints every malformed line, stores nothing, and exits 1', () => {
    const dataDir = join(directory, 'nothing');
    const run = cli('import', file('truncated.ndjson', truncated), '--path', 'workability-path', '--data-dir', dataDir, '--quiet');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('stored 0 cases (0 events)');
    expect(run.stdout).toContain('  line 5: MALFORMED_LINE: not JSON');
    expect(run.stdout).toContain('nothing stored: 1 line belongs to no case');
    expect(exportedLines(dataDir)).toEqual([]);
  });

  it('prints the problems with --json too', () => {
    const run = cli('import', file('truncated.ndjson', truncated), '--path', 'workability-path', '--json', '--quiet');
    expect(run.status).toBe(1);
    const printed = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(printed).toContainEqual({ line: 5, code: 'MALFORMED_LINE', message: 'not JSON' });
    expect(printed).toContainEqual(expect.objectContaining({ caseId: 'case-ok', status: 'notStored', code: 'LOG_HAS_MALFORMED_LINES' }));
    expect(printed.at(-1)).toMatchObject({ storedCases: 0, storedEvents: 0, summary: { malformedLines: 1 } });
  });

  it('completes a case from the repaired log after storing it without the malformed line', () => {
    const dataDir = join(directory, 'repaired');
    const first = cli(
      'import',
      file('truncated.ndjson', truncated),
      '--path',
      'workability-path',
      '--data-dir',
      dataDir,
      '--ignore-malformed-lines',
      '--quiet',
    );
    expect(first.status).toBe(1);
    expect(first.stdout).toContain('stored 1 cases (4 events)');
    expect(exportedLines(dataDir)).toHaveLength(4);
    const repaired = cli('import', file('good.ndjson', good), '--path', 'workability-path', '--data-dir', dataDir, '--quiet');
    expect(repaired.stdout).toContain('stored 1 cases (1 events)');
    expect(repaired.status).toBe(0);
    expect(exportedLines(dataDir)).toHaveLength(5);
  });

  it('accepts a byte order mark at the start of the file, in validate and import', () => {
    const path = file('bom.ndjson', good, '\uFEFF');
    const validated = cli('validate', path, '--path', 'workability-path');
    expect(validated.stdout).toContain('1 accepted, 0 rejected; 0 malformed lines');
    expect(validated.status).toBe(0);
    const imported = cli('import', path, '--path', 'workability-path', '--quiet');
    expect(imported.stdout).toContain('stored 1 cases (5 events)');
    expect(imported.status).toBe(0);
  });
});

describe('kykypolku validate <directory>', () => {
  it('says in one line that it is a directory, and exits 2', () => {
    const run = cli('validate', directory, '--path', 'workability-path');
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`kykypolku: '${directory}' is a directory; give an NDJSON log file (or - for standard input)`);
    expect(run.stderr).not.toContain('    at ');
    expect(cli('import', directory, '--path', 'workability-path').status).toBe(2);
  });
});
