// Integration: `kykypolku export --module` puts the host's service-task code (issue 14 item 12,
// S1:334) on every NDJSON line of a coded path; without the module, the built-in catalogue ships no
// code and the lines carry none.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateCohort } from 'kykypolku';
import { createPgliteStore } from 'kykypolku/postgres';
import { reviewServiceTask } from '../support/codedReviewCatalogue.js';
import { buildHostModule } from '../support/hostModule.js';
import { reviewPath } from '../support/reviewPath.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, [`${root}/dist/cli.js`, ...args], { cwd: root, encoding: 'utf8' });
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-export-task-'));
const dataDir = join(directory, 'store');
let hostModule: string;

beforeAll(async () => {
  hostModule = await buildHostModule('codedReviewCatalogue');
  const store = await createPgliteStore({ dataDir });
  for (const live of simulateCohort(reviewPath, { clients: 5, seed: 2 }).cases) {
    const saved = await store.append(live.caseId, live.history, { expectedSeq: 0 });
    if (!saved.ok) throw new Error(saved.failure.message);
  }
  await store.close();
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('integration: kykypolku export and the service task', () => {
  it('writes the host code on every line of a coded path given by --module', () => {
    const run = cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--module', hostModule, '--quiet');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect((JSON.parse(line) as { serviceTask?: unknown }).serviceTask).toEqual(reviewServiceTask);
  });

  it('writes none without it: the built-in paths ship no code, and review-path is not one of them', () => {
    const run = cli('export', '--format', 'ndjson', '--data-dir', dataDir, '--quiet');
    expect(run.status).toBe(0);
    for (const line of run.stdout.split('\n').filter((text) => text !== '')) expect(line).not.toContain('serviceTask');
  });
});
