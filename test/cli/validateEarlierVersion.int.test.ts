import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateCohort } from 'kykypolku';
import { workabilityPathV1 } from 'kykypolku/paths';
import { runCli as cli } from '../support/runCli.js';

// A log exported from a store of work-ability path v1 cases (`kykypolku export`): recorded events that name
// version 1. The path is at version 2 now; `--path workability-path@1` validates and imports such a log under
// the version it was recorded under, exactly as it was checked then.
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-validate-v1-'));
const log = join(directory, 'v1.ndjson');
const cohort = simulateCohort(workabilityPathV1, { clients: 300, seed: 1 });
writeFileSync(log, `${cohort.cases.flatMap((live) => live.history.map((event) => JSON.stringify(event))).join('\n')}\n`);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('kykypolku validate --path <id>@<version>', () => {
  it('validates a log of v1 recorded events under version 1', async () => {
    const run = await cli('validate', log, '--path', 'workability-path@1', '--quiet');
    expect(run.code).toBe(0);
    expect(run.out).toContain('workability-path v1: ');
    expect(run.out).toContain('300 cases — 300 accepted, 0 rejected');
  });

  it('validates the same log under the latest version too, reading each v1 event through the migration', async () => {
    const run = await cli('validate', log, '--path', 'workability-path', '--quiet');
    expect(run.code).toBe(0);
    expect(run.out).toContain('workability-path v2: ');
    expect(run.out).toContain('300 cases — 300 accepted, 0 rejected');
  });

  it('answers an unknown version with exit code 2 and the versions it knows', async () => {
    const run = await cli('validate', log, '--path', 'workability-path@7');
    expect(run.code).toBe(2);
    expect(run.err).toContain("unknown path 'workability-path@7'");
    expect(run.err).toContain('workability-path@1');
  });
});
