// Every command that takes --data-dir, against a directory another process holds (issue 11,
// defect 2): one line naming the holder and a non-zero exit, never a second writer, never a stack.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWriter, type WriterProcess } from '../support/writerProcess.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

const root = mkdtempSync(join(tmpdir(), 'kykypolku-locked-cli-'));
const dataDir = join(root, 'cases');
const log = join(root, 'events.ndjson');
let holder: WriterProcess;

beforeAll(async () => {
  writeFileSync(
    log,
    `${JSON.stringify({
      caseId: 'import-1',
      type: 'CONTACT_RECEIVED',
      at: '2025-03-03T08:00:00Z',
      actor: { role: 'nurse', id: 'nurse-1' },
      payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
    })}\n`,
  );
  holder = startWriter(dataDir, 3, 'held');
  await holder.next('holding');
}, 120_000);

afterAll(async () => {
  holder.send('close');
  await holder.exited;
  rmSync(root, { recursive: true, force: true });
});

describe('a --data-dir another process holds', () => {
  it.each([
    ['import', [log, '--path', 'workability-path']],
    ['export', ['--format', 'ndjson']],
    ['demo', ['--path', 'workability-path', '--clients', '5', '--quiet']],
    ['migrate-check', ['--to', 'workability-path@1']],
  ])('%s exits non-zero with one line naming the holder', { timeout: 120_000 }, (command, args) => {
    const result = run(command, ...args, '--data-dir', dataDir);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kykypolku: STORE_LOCKED: /);
    expect(lines[0]).toContain(`process ${holder.pid} on ${hostname()}`);
    expect(lines[0]).toContain(dataDir);
  });

  it('leaves the holder the only writer: everything it acknowledged is there, nothing imported', { timeout: 120_000 }, async () => {
    holder.send('append 2');
    await holder.next('holding');
    const exported = run('export', '--format', 'ndjson', '--data-dir', dataDir);
    expect(exported.status).toBe(1);
    holder.send('close');
    await holder.next('closed');
    await holder.exited;
    const after = run('export', '--format', 'ndjson', '--data-dir', dataDir);
    expect(after.status, after.stderr).toBe(0);
    const caseIds = after.stdout
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { caseId: string }).caseId);
    expect(caseIds.sort()).toEqual(holder.acknowledged().sort());
  });
});

describe('a --data-dir the CLI lets go of or cannot use', () => {
  it('lets go of the directory when interrupted (SIGINT, SIGTERM), so the next run finds no lock to recover', {
    timeout: 120_000,
  }, async () => {
    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      const directory = join(root, `interrupted-${signal}`);
      // import from standard input, left open: the command holds the directory, waiting for lines.
      const waiting = spawn(process.execPath, [cli, 'import', '-', '--path', 'workability-path', '--data-dir', directory], {
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      const exited = new Promise<number | null>((resolve) => waiting.on('close', (status) => resolve(status)));
      const locks = () => (existsSync(directory) ? readdirSync(directory).filter((name) => /^kykypolku\.lock\.\d+$/.test(name)) : []);
      for (let waited = 0; locks().length === 0; waited += 50) {
        if (waited > 60_000) throw new Error(`kykypolku import took no lock in ${directory}`);
        await sleep(50);
      }
      waiting.kill(signal);
      expect(await exited).toBe(code);
      expect(locks()).toEqual([]);
    }
  });

  it('says in one line that a --data-dir it cannot create is unusable', () => {
    const notADirectory = join(root, 'events.ndjson', 'cases');
    const result = run('export', '--format', 'ndjson', '--data-dir', notADirectory);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`kykypolku: STORE_UNAVAILABLE: cannot create a file in the PGlite directory ${notADirectory} (ENOTDIR)\n`);
  });
});
