/**
 * Vitest global setup: finds the outside referees once, in the main process, before any test file
 * runs. It picks the Chromium the browser tests drive (and unpacks the npm one, once, so that test
 * files running in parallel never race to unpack it), and with `KYKYPOLKU_REQUIRE_REFEREES=1` it
 * fails the run, naming each referee that is missing.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { findBinDir as findPostgresBinDir } from './postgresServer.js';
import { onPath, pythonWithJsonschema, refereesRequired, spinMissing } from './referees.js';

/** Which Chromium the browser tests drive, and where it came from. */
export interface ChromiumChoice {
  readonly executablePath: string;
  readonly source: 'KYKYPOLKU_CHROMIUM' | 'system' | 'npm @sparticuz/chromium';
  /** Why there is none (the npm one did not unpack): the browser tests fail with this. */
  readonly problem?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: ChromiumChoice;
  }
}

const sparticuzPackage = fileURLToPath(new URL('../../node_modules/@sparticuz/chromium/package.json', import.meta.url));

/**
 * The Chromium inside the `@sparticuz/chromium` npm package, unpacked (about 190 MB) into a folder
 * named by its version under the system's temporary folder and reused by every later run. The
 * package unpacks into `os.tmpdir()`, so it is pointed at a private staging folder that is then
 * renamed into place: a run never sees a half-written binary, nor one of another version.
 */
async function unpackNpmChromium(): Promise<string> {
  const { version } = JSON.parse(readFileSync(sparticuzPackage, 'utf8')) as { version: string };
  const home = join(tmpdir(), `kykypolku-npm-chromium-${version}`);
  const binary = join(home, 'chromium');
  if (existsSync(binary)) return binary;
  const staging = mkdtempSync(join(tmpdir(), 'kykypolku-npm-chromium-staging-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    await chromium.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  try {
    renameSync(staging, home);
  } catch {
    // Another run unpacked the same version first; keep its copy.
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/** A Chromium named by `KYKYPOLKU_CHROMIUM`, else the system's, else the npm package's. */
async function chooseChromium(): Promise<ChromiumChoice> {
  const named = process.env.KYKYPOLKU_CHROMIUM;
  if (named) return { executablePath: named, source: 'KYKYPOLKU_CHROMIUM' };
  const system = onPath('chromium') ?? onPath('chromium-browser');
  if (system) return { executablePath: system, source: 'system' };
  try {
    return { executablePath: await unpackNpmChromium(), source: 'npm @sparticuz/chromium' };
  } catch (error) {
    return { executablePath: '', source: 'npm @sparticuz/chromium', problem: `could not unpack it: ${String(error)}` };
  }
}

/** Each referee the run needs and does not have, with how to get it. */
async function missingReferees(chromium: ChromiumChoice): Promise<string[]> {
  const missing: string[] = [];
  const spin = spinMissing();
  if (spin.length > 0) missing.push(`SPIN (${spin.join(' and ')} not on the PATH: apt-get install -y spin gcc)`);
  if (chromium.problem !== undefined || !existsSync(chromium.executablePath)) {
    missing.push(`Chromium (${chromium.source}: ${chromium.problem ?? `${chromium.executablePath} does not exist`})`);
  }
  if (pythonWithJsonschema() === undefined) {
    missing.push('Python with jsonschema (neither python3 nor /usr/bin/python3 imports it: apt-get install -y python3-jsonschema)');
  }
  try {
    const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
    await Graphviz.load();
  } catch (error) {
    missing.push(`Graphviz (@hpcc-js/wasm-graphviz does not load: ${String(error)}; run npm ci)`);
  }
  try {
    findPostgresBinDir();
  } catch {
    missing.push('PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup, pg_dump, pg_restore: apt-get install -y postgresql)');
  }
  return missing;
}

export default async function setup(project: TestProject): Promise<void> {
  const chromium = await chooseChromium();
  project.provide('chromium', chromium);
  if (!refereesRequired) return;
  const missing = await missingReferees(chromium);
  if (missing.length > 0) {
    throw new Error(
      `KYKYPOLKU_REQUIRE_REFEREES=1, and ${missing.length === 1 ? 'a referee is' : 'referees are'} missing: ${missing.join('; ')}`,
    );
  }
}
