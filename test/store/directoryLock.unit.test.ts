// The PGlite directory lock on its own, with stand-in processes (pid and host chosen by the test,
// alive or dead as the test says), so races can be run many times over in one process. The real
// processes are in pgliteLock.int.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventStoreError, type StoreFailure } from 'kykypolku';
import { claimDirectory, type ProcessTable } from '../../src/store/postgres/directoryLock.js';

const root = mkdtempSync(join(tmpdir(), 'kykypolku-directory-lock-'));
let directories = 0;
const freshDirectory = () => {
  directories += 1;
  return join(root, `d${directories}`);
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

const host = 'test-host';
const running = new Set<number>();
/** A stand-in process: alive until `running` loses its pid. */
function processWith(pid: number): ProcessTable {
  running.add(pid);
  return { self: { pid, host }, isAlive: (holder) => holder.host !== host || running.has(holder.pid) };
}

async function lockedFailure(claim: Promise<unknown>): Promise<StoreFailure> {
  const error = await claim.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof EventStoreError)) throw new Error(`expected STORE_LOCKED, got ${String(error)}`);
  return error.failure;
}

const lockFiles = (dataDir: string) =>
  readdirSync(dataDir)
    .filter((name) => name.startsWith('kykypolku.lock'))
    .sort();

describe('the PGlite directory lock', () => {
  it('lets exactly one of eight processes recovering the same stale lock win, 40 times over', async () => {
    for (let round = 0; round < 40; round += 1) {
      const dataDir = freshDirectory();
      // A holder that dies without letting go, after one that already had (the walk passes both).
      await claimDirectory(dataDir, processWith(1000 + round));
      running.delete(1000 + round);
      const racers = Array.from({ length: 8 }, (_, index) => processWith(2000 + round * 10 + index));
      const outcomes = await Promise.allSettled(racers.map((racer) => claimDirectory(dataDir, racer)));
      const won = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [{ index, lock: outcome.value }] : []));
      expect(won, `round ${round}`).toHaveLength(1);
      const winner = racers[won[0]!.index]!.self;
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toBeInstanceOf(EventStoreError);
          expect((outcome.reason as EventStoreError).failure).toMatchObject({ code: 'STORE_LOCKED', dataDir, holder: winner });
        }
      }
      // The stale file stays; the winner's is the next; no drafts are left behind.
      expect(lockFiles(dataDir)).toEqual(['kykypolku.lock.1', 'kykypolku.lock.2']);
      expect(JSON.parse(readFileSync(won[0]!.lock.file, 'utf8'))).toEqual(winner);
      await won[0]!.lock.release();
      expect(lockFiles(dataDir)).toEqual(['kykypolku.lock.1']);
    }
  });

  it('lets exactly one of eight processes claiming a fresh directory at once win', async () => {
    for (let round = 0; round < 20; round += 1) {
      const dataDir = freshDirectory();
      const racers = Array.from({ length: 8 }, (_, index) => processWith(3000 + round * 10 + index));
      const outcomes = await Promise.allSettled(racers.map((racer) => claimDirectory(dataDir, racer)));
      expect(
        outcomes.filter((outcome) => outcome.status === 'fulfilled'),
        `round ${round}`,
      ).toHaveLength(1);
    }
  });

  it('walks past several dead holders, and takes the name a live one let go of', async () => {
    const dataDir = freshDirectory();
    for (const pid of [11, 12, 13]) {
      await claimDirectory(dataDir, processWith(pid));
      running.delete(pid);
    }
    const live = await claimDirectory(dataDir, processWith(14));
    expect(live.file).toBe(join(dataDir, 'kykypolku.lock.4'));
    expect(await lockedFailure(claimDirectory(dataDir, processWith(15)))).toMatchObject({ holder: { pid: 14, host } });
    await live.release();
    await live.release();
    expect((await claimDirectory(dataDir, processWith(15))).file).toBe(join(dataDir, 'kykypolku.lock.4'));
  });

  it('counts a holder on another host, or a lock file naming no process (empty, a dangling link), as holding the directory', async () => {
    const elsewhere = freshDirectory();
    await claimDirectory(elsewhere, { self: { pid: 21, host: 'other-host' }, isAlive: () => true });
    expect(await lockedFailure(claimDirectory(elsewhere, processWith(22)))).toMatchObject({
      code: 'STORE_LOCKED',
      holder: { pid: 21, host: 'other-host' },
    });

    const dangling = freshDirectory();
    await claimDirectory(dangling, processWith(25)).then((lock) => lock.release());
    symlinkSync(join(dangling, 'nowhere'), join(dangling, 'kykypolku.lock.1'));
    expect(await lockedFailure(claimDirectory(dangling, processWith(26)))).toMatchObject({
      code: 'STORE_LOCKED',
      lockFile: join(dangling, 'kykypolku.lock.1'),
    });

    const garbled = freshDirectory();
    await claimDirectory(garbled, processWith(23)).then((lock) => lock.release());
    writeFileSync(join(garbled, 'kykypolku.lock.1'), '');
    const failure = await lockedFailure(claimDirectory(garbled, processWith(24)));
    expect(failure).toEqual({
      code: 'STORE_LOCKED',
      message: expect.stringContaining(`remove ${join(garbled, 'kykypolku.lock.1')}`),
      dataDir: garbled,
      lockFile: join(garbled, 'kykypolku.lock.1'),
    });
  });

  it('refuses while a reused pid makes a dead holder look alive, and opens once its lock file is removed by hand', async () => {
    const dataDir = freshDirectory();
    await claimDirectory(dataDir, processWith(31));
    // 31 died, and a new process got pid 31: the lock looks held.
    const failure = await lockedFailure(claimDirectory(dataDir, processWith(32)));
    expect(failure.message).toContain(`remove ${join(dataDir, 'kykypolku.lock.1')}`);
    unlinkSync(join(dataDir, 'kykypolku.lock.1'));
    expect((await claimDirectory(dataDir, processWith(32))).file).toBe(join(dataDir, 'kykypolku.lock.1'));
  });

  it('finds the live holder above a stale lock file someone removed by hand', async () => {
    const dataDir = freshDirectory();
    await claimDirectory(dataDir, processWith(41));
    running.delete(41);
    await claimDirectory(dataDir, processWith(42));
    unlinkSync(join(dataDir, 'kykypolku.lock.1'));
    expect(await lockedFailure(claimDirectory(dataDir, processWith(43)))).toMatchObject({
      holder: { pid: 42 },
      lockFile: join(dataDir, 'kykypolku.lock.2'),
    });
    expect(lockFiles(dataDir)).toEqual(['kykypolku.lock.2']);
  });
});
