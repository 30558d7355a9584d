import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateCohort } from 'kykypolku';
import { workabilityPathV1 } from 'kykypolku/paths';
import { createPgliteStore } from 'kykypolku/postgres';
import { runCli as cli } from '../support/runCli.js';

// A store as a county has it before work-ability path v2 is deployed: the demo's cohort (`kykypolku demo`,
// 1 000 clients, seed 1) recorded under version 1, in embedded PostgreSQL.
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-migrate-workability-'));
const dataDir = join(directory, 'cases');
const cohort = simulateCohort(workabilityPathV1, { clients: 1000, seed: 1 });
const open = cohort.cases.filter((live) => live.state.status !== 'closed').length;
const events = cohort.cases.reduce((sum, live) => sum + live.history.length, 0);

beforeAll(async () => {
  const store = await createPgliteStore({ dataDir });
  try {
    for (const live of cohort.cases) expect((await store.append(live.caseId, live.history, { expectedSeq: 0 })).ok).toBe(true);
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('kykypolku migrate-check on the v1 demo cohort of the work-ability path', () => {
  it('passes the gate to workability-path@2 with the built-in catalogue (builtInPathVersions): every open case moves', async () => {
    // Past the SQL stores' 5 000-row read page, so the gate reads the store in more than one page.
    expect(events).toBeGreaterThan(5000);
    const run = await cli('migrate-check', '--to', 'workability-path@2', '--data-dir', dataDir);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      `cases of workability-path: 1000; on v2 already: 0; open on an older version that would move: ${open}; ` +
        `closed, staying on their version: ${1000 - open}; on a newer version: 0`,
    );
    expect(run.out).toContain('model check of v2: every rule holds');
    expect(run.out).toContain('every case replays: nothing stops the migration');
  }, 120_000);

  it('still replays every stored case under version 1, which the built-in catalogue keeps', async () => {
    const run = await cli('migrate-check', '--to', 'workability-path@1', '--data-dir', dataDir, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ path: { id: 'workability-path', version: 1 }, cases: 1000, onTarget: 1000, blockers: [] });
  }, 120_000);
});
