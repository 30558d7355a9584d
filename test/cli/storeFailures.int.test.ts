// A store that cannot be opened is one line and exit code 1 from every command that opens one,
// never a stack trace: an unreachable PostgreSQL server, a --data-dir that cannot be created.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The built CLI, as a newcomer runs it after `npm ci` (`npm test` builds first).
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-store-failures-'));
const log = join(directory, 'events.ndjson');
writeFileSync(log, '');
// A directory inside a regular file can never be made, not even by root.
const unwritable = join(log, 'cases');
// Port 1 on loopback: nothing listens there.
const unreachable = 'postgres://postgres@127.0.0.1:1/cases';

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const commands: [string, string[]][] = [
  ['export', ['export', '--format', 'ndjson']],
  ['import', ['import', log, '--path', 'workability-path']],
  ['demo', ['demo', '--path', 'workability-path', '--clients', '3']],
  ['migrate-check', ['migrate-check', '--to', 'workability-path@1']],
];

const run = (args: readonly string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });

describe.each(commands)('kykypolku %s on a store it cannot open', (_name, args) => {
  it('says STORE_UNAVAILABLE in one line and exits 1 when the server is unreachable', () => {
    const result = run([...args, '--database-url', unreachable]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^kykypolku: STORE_UNAVAILABLE: the PostgreSQL store is unavailable: .*ECONNREFUSED.*\n$/);
    expect(result.stdout).toBe('');
  });

  it('says STORE_UNAVAILABLE in one line and exits 1 when --data-dir cannot be created', () => {
    const result = run([...args, '--data-dir', unwritable]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^kykypolku: STORE_UNAVAILABLE: [^\n]*\(ENOTDIR\)\n$/);
  });
});

it('kykypolku export says in one line that --out cannot be written, and exits 2', () => {
  const result = run(['export', '--format', 'ndjson', '--out', join(log, 'out.ndjson')]);
  expect(result.status).toBe(2);
  expect(result.stderr.split('\n')[0]).toBe(`kykypolku: cannot write --out '${join(log, 'out.ndjson')}' (ENOTDIR)`);
  expect(result.stderr).not.toMatch(/\n\s+at /);
});
