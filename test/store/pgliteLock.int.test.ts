// One process per PGlite directory (issue 11, defect 2). PGlite has no cross-process locking: two
// processes on one dataDir both accepted writes, and the acknowledged events of one were lost. These
// tests run real second processes (test/support/pgliteWriter.mjs on the built package, `dist/`).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { EventStoreError, type RecordedEvent } from 'kykypolku';
import { createPgliteStore } from 'kykypolku/postgres';
import { startWriter, type WriterProcess } from '../support/writerProcess.js';
import { latestSchemaVersion } from '../support/schemaSteps.js';

const root = mkdtempSync(join(tmpdir(), 'kykypolku-lock-'));
let directories = 0;
const freshDirectory = () => {
  directories += 1;
  return join(root, `cases-${directories}`);
};
const started: WriterProcess[] = [];
const writer = (dataDir: string, cases: number, prefix: string) => {
  const process = startWriter(dataDir, cases, prefix);
  started.push(process);
  return process;
};

afterAll(async () => {
  for (const process of started) process.kill('SIGKILL');
  await Promise.all(started.map((process) => process.exited));
  rmSync(root, { recursive: true, force: true });
});

async function storedCaseIds(dataDir: string): Promise<string[]> {
  const store = await createPgliteStore({ dataDir });
  try {
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events.map((event) => event.caseId).sort();
  } finally {
    await store.close();
  }
}

async function openFailure(dataDir: string): Promise<unknown> {
  try {
    const store = await createPgliteStore({ dataDir });
    await store.close();
  } catch (error) {
    return error;
  }
  throw new Error(`a second store opened ${dataDir}`);
}

const slow = { timeout: 180_000 };

describe('one process per PGlite directory', () => {
  it('refuses a second process with STORE_LOCKED naming the holder, and loses nothing the holder acknowledged', slow, async () => {
    const dataDir = freshDirectory();
    const holder = writer(dataDir, 40, 'a');
    await holder.next('holding');

    const second = writer(dataDir, 40, 'b');
    const refused = await second.next('opened', 'refused');
    expect(refused.event, 'the second process opened the directory the first one holds').toBe('refused');
    expect(refused).toMatchObject({
      name: 'EventStoreError',
      failure: { code: 'STORE_LOCKED', dataDir, holder: { pid: holder.pid, host: hostname() } },
    });
    expect(refused.failure!.message).toContain(`process ${holder.pid} on ${hostname()}`);

    holder.send('append 20');
    await holder.next('holding');
    holder.send('close');
    await holder.next('closed');
    await holder.exited;
    expect(holder.acknowledged()).toHaveLength(60);
    expect(await storedCaseIds(dataDir)).toEqual(holder.acknowledged().sort());
  });

  it(
    'recovers the lock of a process killed with SIGKILL in the middle of its appends, with every event it acknowledged',
    slow,
    async () => {
      const dataDir = freshDirectory();
      const holder = writer(dataDir, 5000, 'a');
      for (let acknowledged = 0; acknowledged < 300; acknowledged += 1) await holder.next('acknowledged');
      holder.kill('SIGKILL');
      expect(await holder.exited).toMatchObject({ signal: 'SIGKILL' });
      const acknowledged = holder.acknowledged();
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);
      expect(acknowledged.length).toBeLessThan(5000);

      // The recovered lock is a real one: while this process holds the directory, another is refused.
      const recovered = await createPgliteStore({ dataDir });
      try {
        const stored: string[] = [];
        for await (const event of recovered.readAll()) stored.push(event.caseId);
        // Every acknowledged append is stored; at most the one in flight when the kill came is stored unacknowledged.
        expect(acknowledged.filter((caseId) => !stored.includes(caseId))).toEqual([]);
        expect(stored.length - acknowledged.length).toBeLessThanOrEqual(1);
        const refused = await writer(dataDir, 1, 'b').next('opened', 'refused');
        expect(refused).toMatchObject({ event: 'refused', failure: { code: 'STORE_LOCKED', holder: { pid: process.pid } } });
      } finally {
        await recovered.close();
      }
    },
  );

  it('lets exactly one of two processes racing for a stale lock win; the other gets STORE_LOCKED naming the winner', slow, async () => {
    const dataDir = freshDirectory();
    const holder = writer(dataDir, 5, 'a');
    await holder.next('holding');
    holder.kill('SIGKILL');
    await holder.exited;

    const racers = [writer(dataDir, 5, 'b'), writer(dataDir, 5, 'c')];
    const lines = await Promise.all(racers.map((racer) => racer.next('opened', 'refused')));
    expect(lines.map((line) => line.event).sort(), JSON.stringify(lines)).toEqual(['opened', 'refused']);
    const winner = racers[lines.findIndex((line) => line.event === 'opened')]!;
    const loser = lines.find((line) => line.event === 'refused')!;
    expect(loser.failure).toMatchObject({ code: 'STORE_LOCKED', holder: { pid: winner.pid } });

    await winner.next('holding');
    winner.send('close');
    await winner.next('closed');
    expect(await storedCaseIds(dataDir)).toEqual([...holder.acknowledged(), ...winner.acknowledged()].sort());
  });
});

describe('one store per PGlite directory within a process', () => {
  it('refuses a second open of a directory this process holds, and reopens it once closed', slow, async () => {
    const dataDir = freshDirectory();
    const store = await createPgliteStore({ dataDir });
    const failure = await openFailure(dataDir);
    expect(failure).toBeInstanceOf(EventStoreError);
    expect((failure as EventStoreError).failure).toMatchObject({
      code: 'STORE_LOCKED',
      dataDir,
      holder: { pid: process.pid, host: hostname() },
    });
    await store.close();

    const reopened = await createPgliteStore({ dataDir });
    expect(await reopened.migrate()).toEqual({ version: latestSchemaVersion, applied: [] });
    await reopened.close();
    expect(readdirSync(dataDir).filter((name) => name.startsWith('kykypolku.lock'))).toEqual([]);
  });

  it('takes no lock for a store in memory or on a database the host opened', slow, async () => {
    const [first, second] = await Promise.all([createPgliteStore(), createPgliteStore()]);
    await Promise.all([first.close(), second.close()]);

    const dataDir = freshDirectory();
    const db = new PGlite(dataDir);
    const onHostDatabase = await createPgliteStore({ db });
    expect(readdirSync(dataDir).filter((name) => name.startsWith('kykypolku.lock'))).toEqual([]);
    await onHostDatabase.close();
    await db.close();
  });
});
