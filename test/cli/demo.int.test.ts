import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInPaths } from 'kykypolku/paths';

// The built CLI, as a newcomer runs it after `npm ci` (`npm test` builds first).
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function demo(...args: string[]) {
  return spawnSync(process.execPath, [cli, 'demo', ...args], { encoding: 'utf8' });
}

describe('kykypolku demo', () => {
  it('records a seeded cohort through the rules, stores it, replays every case equal, and says so', () => {
    const run = demo('--clients', '200', '--seed', '7', '--json', '--path', 'workability-path');
    expect(run.status).toBe(0);
    const [summary] = JSON.parse(run.stdout) as [
      {
        eventsStored: number;
        eventsRecorded: number;
        byEndState: Record<string, number>;
        rejectionsByCode: Record<string, number>;
        reference: { state: string; share: number; seedShare: number }[];
      },
    ];
    expect(summary).toMatchObject({
      path: { id: 'workability-path', version: 2 },
      clients: 200,
      casesReplayed: 200,
      replayMismatches: [],
      faultsNotRejected: 0,
    });
    expect(summary.eventsStored).toBe(summary.eventsRecorded);
    expect(Object.values(summary.byEndState).reduce((a, b) => a + b, 0)).toBe(200);
    const rejections = summary.rejectionsByCode;
    for (const code of [
      'UNKNOWN_EVENT_TYPE',
      'INVALID_EVENT',
      'ROLE_NOT_PERMITTED',
      'CASE_CLOSED',
      'TIME_WENT_BACKWARDS',
      'NOT_ALLOWED_IN_STATE',
    ]) {
      expect(rejections[code], code).toBeGreaterThan(0);
    }
    const [doctor] = summary.reference;
    expect(doctor).toMatchObject({ state: 'doctorAssessment', seedShare: 1 / 3 });
    expect(doctor!.share).toBeGreaterThan(0.2);
    expect(doctor!.share).toBeLessThan(0.45);
  });

  it('runs every built-in path by default, each replayed equal', () => {
    const run = demo('--clients', '30', '--json');
    expect(run.status).toBe(0);
    const summaries = JSON.parse(run.stdout) as {
      path: { id: string };
      casesReplayed: number;
      replayMismatches: string[];
      faultsNotRejected: number;
    }[];
    expect(summaries.map((summary) => summary.path.id)).toEqual(builtInPaths.map((path) => path.id));
    for (const summary of summaries) expect(summary).toMatchObject({ casesReplayed: 30, replayMismatches: [], faultsNotRejected: 0 });
  });

  it('prints the same cohort for the same seed, byte for byte', () => {
    expect(demo('--clients', '50', '--seed', '3', '--json').stdout).toBe(demo('--clients', '50', '--seed', '3', '--json').stdout);
  });

  it('prints a readable summary with progress on standard error', () => {
    const run = demo('--clients', '100', '--path', 'workability-path');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('replayed from the store: 100 cases, every one equal to its live case');
    expect(run.stdout).toMatch(
      /Reached the work-ability doctor's assessment: \d+\.\d % of cases \(seeds: about 33\.3 %, 001_55550c4af1568658\.txt:177\)/,
    );
    expect(run.stderr).toContain('replaying every case from the store 100/100');
  });

  it('answers bad usage with exit code 2 and the usage', () => {
    const unknown = spawnSync(process.execPath, [cli, 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(demo('--clients', 'many').status).toBe(2);
    expect(demo('--path', 'no-such-path').stderr).toContain("unknown path 'no-such-path'");
    expect(demo('--bogus').status).toBe(2);
  });

  it('lists the built-in paths', () => {
    expect(execFileSync(process.execPath, [cli, 'paths'], { encoding: 'utf8' })).toContain('workability-path\tv2');
  });
});
