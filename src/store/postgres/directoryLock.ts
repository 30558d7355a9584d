// One process at a time in a PGlite data directory. PGlite is PostgreSQL in WebAssembly with no
// cross-process locking: two processes on one directory both accept writes and one loses the
// other's. This file is how a directory is claimed and let go, and nothing else.
//
// The lock is a series of files in the directory, kykypolku.lock.1, kykypolku.lock.2, …, each
// naming the process (pid and host) that created it. A process claims the directory by walking the
// series from 1: a file whose process is alive means the directory is taken; a file whose process
// is dead is stale, and the walk goes on to the next; the first name that does not exist is created
// exclusively (`link`, which fails if the name exists). A stale file is never removed, so two
// processes recovering the same stale lock both try to create the same next name and exactly one
// succeeds; the other finds the winner alive. Closing removes only one's own file (its process is
// alive, so no walk has gone past it). No wall clock and no randomness: pid and host are the
// identity. A pid reused by a new process makes a stale lock look alive, which refuses an open that
// was safe; never the other way round.
import { unlinkSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { EventStoreError, type LockHolder } from '../eventStoreError.js';

/** How the lock learns who it is and whether a holder still runs; tests stand in for processes. @internal */
export interface ProcessTable {
  readonly self: LockHolder;
  /** True unless the holder is known to be gone (another host's process cannot be asked: alive). */
  isAlive(holder: LockHolder): boolean;
}

/** A directory this process holds; `release` lets it go (again is a no-op). @internal */
export interface DirectoryLock {
  readonly file: string;
  release(): Promise<void>;
}

const self: LockHolder = { pid: process.pid, host: hostname() };

/** This process, asking the operating system whether a pid runs. @internal */
export const thisProcess: ProcessTable = {
  self,
  isAlive(holder) {
    if (holder.host !== self.host) return true;
    try {
      process.kill(holder.pid, 0);
      return true;
    } catch (error) {
      // EPERM: it runs, as another user. Only ESRCH says it is gone.
      return (error as NodeJS.ErrnoException).code !== 'ESRCH';
    }
  },
};

const lockPrefix = 'kykypolku.lock.';
/** Lock files this process holds, removed at exit if the host never closed its store. */
const held = new Set<string>();
let drafts = 0;

function releaseAtExit(): void {
  for (const file of held) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to let go.
    }
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function asHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as { pid?: unknown; host?: unknown };
    // A pid of 0 or below would signal a whole process group when asked whether it runs.
    if (Number.isSafeInteger(value.pid) && (value.pid as number) > 0 && typeof value.host === 'string' && value.host !== '') {
      return { pid: value.pid as number, host: value.host };
    }
  } catch {
    // Not JSON: an unreadable lock, below.
  }
  return undefined;
}

/** The holder a lock file names; 'missing' if there is no such file, 'unreadable' if it names no process. */
async function readHolder(file: string): Promise<LockHolder | 'missing' | 'unreadable'> {
  try {
    return asHolder(await readFile(file, 'utf8')) ?? 'unreadable';
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? 'missing' : 'unreadable';
  }
}

/** Creates `file` with the draft's content, atomically and only if it does not exist. */
async function createExclusively(draft: string, file: string, content: string): Promise<boolean> {
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP', 'EXDEV'].includes(errorCode(error) ?? '')) throw error;
  }
  // A filesystem without hard links: create-if-absent, then write. A reader in between sees an
  // empty file, which counts as held (the safe direction).
  try {
    await writeFile(file, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

function lockedError(dataDir: string, file: string, holder: LockHolder | 'unreadable', processes: ProcessTable): EventStoreError {
  const remedy = `If no process uses the directory (its pid may now belong to another program), remove ${file} and open it again.`;
  if (holder === 'unreadable') {
    return new EventStoreError({
      code: 'STORE_LOCKED',
      message: `the PGlite directory ${dataDir} is locked by ${file}, which names no process; one process at a time may open it. ${remedy}`,
      dataDir,
      lockFile: file,
    });
  }
  const self = holder.pid === processes.self.pid && holder.host === processes.self.host;
  const who = `process ${holder.pid} on ${holder.host}`;
  return new EventStoreError({
    code: 'STORE_LOCKED',
    message: self
      ? `the PGlite directory ${dataDir} is already open in this process (${who}): close that store before opening the directory again`
      : `the PGlite directory ${dataDir} is open in ${who}; one process at a time may open it (lock ${file}). ${remedy}`,
    dataDir,
    lockFile: file,
    holder,
  });
}

/** The first live (or unreadable) holder above `generation`, walking up to the first missing file. */
async function holderAbove(
  dataDir: string,
  generation: number,
  processes: ProcessTable,
): Promise<{ file: string; holder: LockHolder | 'unreadable' } | undefined> {
  for (let above = generation + 1; ; above += 1) {
    const file = join(dataDir, `${lockPrefix}${above}`);
    const holder = await readHolder(file);
    if (holder === 'missing') return undefined;
    if (holder === 'unreadable' || processes.isAlive(holder)) return { file, holder };
  }
}

/**
 * Claims a PGlite data directory for this process, creating the directory if need be, or throws an
 * {@link EventStoreError} `STORE_LOCKED` naming the process that holds it. A lock whose process is
 * gone (killed, crashed) is recovered: of several processes recovering it at once, exactly one wins.
 *
 * @internal
 */
export async function claimDirectory(directory: string, processes: ProcessTable = thisProcess): Promise<DirectoryLock> {
  const dataDir = resolve(directory);
  const content = `${JSON.stringify(processes.self)}\n`;
  // Written whole under a name only this claim uses, then linked into place: a lock file is never
  // seen half-written.
  drafts += 1;
  const draft = join(dataDir, `kykypolku.lock-draft.${processes.self.pid}.${drafts}`);
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(draft, content);
  } catch (error) {
    const reason = errorCode(error) ?? (error instanceof Error ? error.message : String(error));
    throw new EventStoreError(
      { code: 'STORE_UNAVAILABLE', message: `cannot create a file in the PGlite directory ${dataDir} (${reason})` },
      { cause: error },
    );
  }
  try {
    let vanished = 0;
    for (let generation = 1; ; generation += 1) {
      const file = join(dataDir, `${lockPrefix}${generation}`);
      if (await createExclusively(draft, file, content)) {
        // Ours, unless someone removed a stale file below a live one by hand: then the walk stopped
        // short, and the live holder is further up.
        const above = await holderAbove(dataDir, generation, processes);
        if (above) {
          await unlink(file);
          throw lockedError(dataDir, above.file, above.holder, processes);
        }
        return holdFile(file, content);
      }
      const holder = await readHolder(file);
      // Let go between our attempt and our read: try the same name again; a name that exists and
      // cannot be read again and again (a dangling symlink) is a lock naming no process.
      if (holder === 'missing') {
        vanished += 1;
        if (vanished > 100) throw lockedError(dataDir, file, 'unreadable', processes);
        generation -= 1;
      } else if (holder === 'unreadable' || processes.isAlive(holder)) throw lockedError(dataDir, file, holder, processes);
      // Otherwise stale: its process is gone for good; the next name decides.
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

function holdFile(file: string, content: string): DirectoryLock {
  if (held.size === 0) process.on('exit', releaseAtExit);
  held.add(file);
  return {
    file,
    async release() {
      if (!held.delete(file)) return;
      if (held.size === 0) process.off('exit', releaseAtExit);
      // Remove it only if it is still ours (it was not removed by hand and taken by another).
      const current = await readFile(file, 'utf8').catch(() => undefined);
      if (current === content) await unlink(file).catch(() => undefined);
    },
  };
}
