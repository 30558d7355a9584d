/**
 * A throwaway primary with a synchronous streaming-replication standby, for the failover test:
 * initdb'd primary (wal_level=replica, a `replicator` role), a standby made by `pg_basebackup -R`
 * that streams from it and is its one synchronous standby (`synchronous_standby_names`,
 * `synchronous_commit=on`), both on loopback ports in one temporary directory. Stopped and removed
 * by `dispose()`, and by a process exit hook when a failing run never gets there.
 *
 * Why `synchronous_commit=on` and not `remote_apply`: a commit is acknowledged once the standby has
 * flushed its WAL, and promotion replays all flushed WAL before the new primary takes a write, so
 * everything acknowledged is there after failover. `remote_apply` would add only that a *read on the
 * standby while it is still a standby* sees the commit — the store reads the primary only.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, makeServerDirectory } from './postgresServer.js';

/** One row of the primary's `pg_stat_replication`. */
export interface ReplicationRow {
  readonly application_name: string;
  readonly state: string;
  readonly sync_state: string;
}

export interface ReplicatedPair {
  readonly primaryPort: number;
  readonly standbyPort: number;
  /** The name the standby streams under, the one `synchronous_standby_names` lists. */
  readonly standbyName: string;
  /** The URL of a database on the primary (default `postgres`). */
  primaryUrl(database?: string): string;
  /** The URL of the same database on the standby (read-only until promoted). */
  standbyUrl(database?: string): string;
  /** Creates a database on the primary (it reaches the standby by replication) and returns its name. */
  createDatabase(): Promise<string>;
  /** The primary's replication rows. */
  replication(): Promise<readonly ReplicationRow[]>;
  /** `ALTER SYSTEM SET` each setting on one of the servers, then reloads its configuration. */
  configure(server: 'primary' | 'standby', settings: Readonly<Record<string, string>>): Promise<void>;
  /** Stops the primary: `immediate` is a crash (no shutdown checkpoint, backends cut off). */
  stopPrimary(mode: 'fast' | 'immediate'): Promise<void>;
  /** `pg_ctl promote -w`: resolves once the standby has left recovery and takes writes. */
  promoteStandby(): Promise<void>;
  /** Stops both servers and removes the directory. */
  dispose(): Promise<void>;
}

const standbyName = 'kykypolku_standby';
const live = new Set<() => void>();
const stopLive = () => {
  for (const stop of live) stop();
  live.clear();
};
// A run that fails past afterAll (or never reaches it) still stops its servers. vitest ends its
// worker with SIGTERM, which skips 'exit' unless the signal is handled, so both are; an exit hook
// runs only synchronous code, so the servers are stopped with pg_ctl through execFileSync.
const onSignal = () => {
  stopLive();
  process.exit(143);
};
function watch(stop: () => void): void {
  if (live.size === 0) {
    process.once('exit', stopLive);
    process.once('SIGTERM', onSignal);
  }
  live.add(stop);
}
function unwatch(stop: () => void): void {
  live.delete(stop);
  if (live.size === 0) {
    process.removeListener('exit', stopLive);
    process.removeListener('SIGTERM', onSignal);
  }
}

async function until<T>(what: string, seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + seconds * 1000;
  let last: unknown;
  while (performance.now() < deadline) {
    try {
      const found = await probe();
      if (found !== undefined) return found;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`replicated servers: ${what} not within ${seconds} s${last ? `: ${String(last)}` : ''}`);
}

async function queryOnce<TRow>(url: string, text: string): Promise<TRow[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return (await client.query<TRow & pg.QueryResultRow>(text)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Starts the pair and resolves once the standby is streaming and synchronous
 * (`pg_stat_replication.sync_state = 'sync'`): from then on every commit the primary acknowledges
 * is flushed on the standby too.
 */
export async function startReplicatedPair(): Promise<ReplicatedPair> {
  const { directory, tool, toolSync } = makeServerDirectory('kykypolku-pg-pair-');
  const primaryData = join(directory, 'primary');
  const standbyData = join(directory, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const common = [`-k ${directory}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c max_connections=100'];
  const primarySettings = [`-p ${primaryPort}`, ...common, '-c wal_level=replica', '-c max_wal_senders=4'];
  // cluster_name is the application_name the standby's WAL receiver reports to the primary.
  const standbySettings = [`-p ${standbyPort}`, ...common, '-c hot_standby=on', `-c cluster_name=${standbyName}`];
  const pgCtl = (data: string, args: readonly string[]) => tool('pg_ctl', ['-D', data, ...args]);
  const start = (data: string, log: string, settings: readonly string[]) =>
    pgCtl(data, ['-l', join(directory, log), '-w', '-t', '60', '-o', settings.join(' '), 'start']);
  const stopBoth = () => {
    for (const data of [primaryData, standbyData]) {
      try {
        toolSync('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already stopped, or never started.
      }
    }
  };
  const stopAndRemove = () => {
    stopBoth();
    rmSync(directory, { recursive: true, force: true });
  };
  watch(stopAndRemove);
  const url = (port: number, database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  try {
    await tool('initdb', ['-D', primaryData, '-U', 'postgres', '-A', 'trust', '--no-locale', '-E', 'UTF8']);
    await start(primaryData, 'primary.log', primarySettings);
    // The role the standby connects as: replication only, no superuser. initdb's pg_hba.conf lets
    // `replication` connections from 127.0.0.1 in (trust, as every connection of these throwaway servers).
    await queryOnce(url(primaryPort), 'CREATE ROLE replicator WITH REPLICATION LOGIN');
    await tool('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'replicator'],
      ...['-D', standbyData, '-R', '-X', 'stream', '-c', 'fast'],
    ]);
    await start(standbyData, 'standby.log', standbySettings);
    // Made synchronous only now: with a synchronous standby named and none streaming, every commit
    // waits (CREATE ROLE above would never return). ALTER SYSTEM writes the primary's
    // postgresql.auto.conf after the base backup copied it, so the promoted standby has no
    // synchronous_standby_names: it has no standby of its own, and with one named every commit on
    // it would wait for ever.
    await queryOnce(url(primaryPort), `ALTER SYSTEM SET synchronous_standby_names = '${standbyName}'`);
    await queryOnce(url(primaryPort), 'ALTER SYSTEM SET synchronous_commit = on');
    await queryOnce(url(primaryPort), 'SELECT pg_reload_conf()');
    await until('the standby streaming as a synchronous standby', 30, async () => {
      const rows = await queryOnce<ReplicationRow>(url(primaryPort), 'SELECT application_name, state, sync_state FROM pg_stat_replication');
      return rows.some((row) => row.application_name === standbyName && row.state === 'streaming' && row.sync_state === 'sync')
        ? rows
        : undefined;
    });
  } catch (error) {
    unwatch(stopAndRemove);
    stopAndRemove();
    throw error;
  }

  let databases = 0;
  return {
    primaryPort,
    standbyPort,
    standbyName,
    primaryUrl: (database) => url(primaryPort, database),
    standbyUrl: (database) => url(standbyPort, database),
    async createDatabase() {
      const name = `t${++databases}`;
      await queryOnce(url(primaryPort), `CREATE DATABASE ${name}`);
      return name;
    },
    replication: () => queryOnce<ReplicationRow>(url(primaryPort), 'SELECT application_name, state, sync_state FROM pg_stat_replication'),
    async configure(server, settings) {
      const at = url(server === 'primary' ? primaryPort : standbyPort);
      for (const [name, value] of Object.entries(settings)) await queryOnce(at, `ALTER SYSTEM SET ${name} = '${value}'`);
      await queryOnce(at, 'SELECT pg_reload_conf()');
    },
    stopPrimary: (mode) => pgCtl(primaryData, ['-m', mode, '-w', 'stop']),
    async promoteStandby() {
      await pgCtl(standbyData, ['-w', '-t', '30', 'promote']);
      await until('the promoted standby out of recovery', 30, async () => {
        const [row] = await queryOnce<{ recovering: boolean }>(url(standbyPort), 'SELECT pg_is_in_recovery() AS recovering');
        return row?.recovering === false ? true : undefined;
      });
    },
    async dispose() {
      for (const data of [primaryData, standbyData]) await pgCtl(data, ['-m', 'fast', '-w', 'stop']).catch(() => undefined);
      unwatch(stopAndRemove);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
