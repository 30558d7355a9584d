/**
 * A throwaway PostgreSQL server for one test file: initdb in a temporary directory, started with
 * pg_ctl on a loopback port and a private socket, stopped and removed afterwards. As root (CI),
 * the server runs as the `postgres` OS user, since initdb refuses root. Never skipped: when the
 * binaries are missing it fails and says how to install them.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

const run = promisify(execFile);

/**
 * The tools the server tests run: initdb and pg_ctl for every throwaway server, pg_basebackup for the
 * failover test's standby, pg_dump and pg_restore for the backup test. Debian's `postgresql` brings them all.
 */
const serverTools = ['initdb', 'pg_ctl', 'pg_basebackup', 'pg_dump', 'pg_restore'] as const;

/** The folder with PostgreSQL's server tools; throws, saying how to install them, when there is none. */
export function findBinDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config comes with libpq-dev; the server's own folder is searched next.
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((name) => /^\d+$/.test(name));
    // PostgreSQL 15 first, the version the store is specified for; then the newest.
    versions.sort((a, b) => (a === '15' ? -1 : b === '15' ? 1 : Number(b) - Number(a)));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  }
  const found = candidates.find((dir) => serverTools.every((tool) => existsSync(join(dir, tool))));
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries (${serverTools.join(', ')}) not found: install them with \`apt-get install -y postgresql\` (.ci/run does)`,
    );
  }
  return found;
}

/** A TCP port on the loopback no one listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PostgresServer {
  readonly port: number;
  readonly version: string;
  /** The URL of a database on the server (default `postgres`). */
  url(database?: string): string;
  /** Creates a fresh, empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server: `fast` (clean) or `immediate` (a crash: no shutdown checkpoint). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again after a stop, on the same port and data. */
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
}

export interface PostgresServerOptions {
  /** fsync on (the default of a real server); tests turn it off, a process crash loses nothing either way. */
  readonly durable?: boolean;
}

/** A temporary directory the server's OS user owns, and PostgreSQL's tools run in it as that user. */
export interface ServerDirectory {
  readonly directory: string;
  /** Runs one of PostgreSQL's tools (initdb, pg_ctl, pg_basebackup…) in the directory; rejects when it fails. */
  tool(name: string, args: readonly string[]): Promise<void>;
  /** The same, synchronously: for a process exit hook, where nothing asynchronous runs any more. */
  toolSync(name: string, args: readonly string[]): void;
}

/**
 * Makes a temporary directory for servers. As root (CI) it belongs to the `postgres` OS user and the
 * tools run as that user through `runuser`, since initdb and postgres refuse root.
 */
export function makeServerDirectory(prefix = 'kykypolku-pg-'): ServerDirectory {
  const bin = findBinDir();
  const directory = mkdtempSync(join(tmpdir(), prefix));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(directory, uid, gid);
  }
  const command = (tool: string, args: readonly string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), [...args]];
  return {
    directory,
    async tool(name, args) {
      const [file, argv] = command(name, args);
      await run(file, argv, { cwd: directory });
    },
    toolSync(name, args) {
      const [file, argv] = command(name, args);
      execFileSync(file, argv, { cwd: directory, stdio: 'ignore' });
    },
  };
}

export async function startPostgresServer(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const { directory, tool } = makeServerDirectory();

  const data = join(directory, 'data');
  await tool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-locale', '-E', 'UTF8']);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${directory}`,
    '-c listen_addresses=127.0.0.1',
    `-c fsync=${options.durable ? 'on' : 'off'}`,
    '-c max_connections=200',
  ];
  const start = () => tool('pg_ctl', ['-D', data, '-l', join(directory, 'log'), '-w', '-t', '60', '-o', settings.join(' '), 'start']);
  await start();
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: url() });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  await admin.end();
  let databases = 0;

  return {
    port,
    version,
    url,
    async createDatabase() {
      const name = `t${++databases}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return url(name);
    },
    stop: (mode) => tool('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    start,
    async dispose() {
      await tool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A throwaway server for the test file that calls this, and pools on it closed with it. */
export interface ServerForFile {
  /** The running server (after the file's beforeAll). */
  readonly server: PostgresServer;
  /** A pool on a database of the server, ended after the file. */
  newPool(url: string, max?: number): pg.Pool;
  /** A fresh database with a pool on it. */
  freshPool(max?: number): Promise<{ pool: pg.Pool; url: string }>;
}

/**
 * Starts a server before the file's tests and stops and removes it after them, ending every pool
 * made through it first.
 */
export function useThrowawayServer(options: PostgresServerOptions = {}): ServerForFile {
  let server: PostgresServer | undefined;
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    server = await startPostgresServer(options);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
    await server?.dispose();
  }, 120_000);
  const newPool = (url: string, max = 10) => {
    const pool = new pg.Pool({ connectionString: url, max });
    // A pool whose server was stopped or whose backends were killed reports it on idle clients; the
    // store sees it on its next query.
    pool.on('error', () => undefined);
    pools.push(pool);
    return pool;
  };
  return {
    get server() {
      if (!server) throw new Error('the throwaway server starts in beforeAll; use it inside a test');
      return server;
    },
    newPool,
    async freshPool(max = 10) {
      const url = await this.server.createDatabase();
      return { pool: newPool(url, max), url };
    },
  };
}
