import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInPaths } from 'kykypolku/paths';

// The built CLI, as a newcomer runs it after `npm ci` (`npm test` builds first).
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function check(...args: string[]) {
  return spawnSync(process.execPath, [cli, 'check', ...args], { encoding: 'utf8' });
}

describe('kykypolku check', () => {
  it('proves every built-in path and exits 0', () => {
    const run = check();
    expect(run.status).toBe(0);
    for (const path of builtInPaths) expect(run.stdout).toContain(`(${path.id} v${path.version}):`);
    expect(run.stdout).toContain('Proven: every rule holds in every reachable state.');
    expect(run.stderr).toContain('workability-path: checking, states explored');
  });

  it('prints its findings as data with --json', () => {
    const run = check('workability-path', '--json');
    expect(run.status).toBe(0);
    const [result] = JSON.parse(run.stdout) as [
      { check: { complete: boolean; proven: boolean; states: number; deadEnds: { count: number } } },
    ];
    expect(result.check).toMatchObject({ complete: true, proven: true, deadEnds: { count: 0 } });
    expect(result.check.states).toBeGreaterThan(1);
    expect(run.stderr).toBe('');
  });

  it('speaks Finnish and Swedish', () => {
    expect(check('--lang', 'fi').stdout).toContain('Todistettu: jokainen sääntö pätee jokaisessa saavutettavassa tilassa.');
    expect(check('--lang', 'sv').stdout).toContain('Bevisat: varje regel gäller i varje nåbart tillstånd.');
  });

  it('exits 1 when a check runs out of its budget', () => {
    const run = check('--max-states', '10');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('STATE_BUDGET_EXCEEDED');
    expect(run.stdout).toContain('not decided: the check stopped first');
  });

  it('with --guards, exits 0 exactly when every guard is justified', () => {
    const run = check('--guards', '--json');
    const results = JSON.parse(run.stdout) as { guards: { justified: boolean; guards: { guard: string; verdict: string }[] } }[];
    expect(results).toHaveLength(builtInPaths.length);
    for (const { guards } of results)
      for (const guard of guards.guards) expect(['caught', 'not-caught', 'routes', 'dead', 'unused', 'undecided']).toContain(guard.verdict);
    expect(run.status).toBe(results.every((result) => result.guards.justified) ? 0 : 1);
  });

  it('answers bad usage with exit code 2', () => {
    expect(check('no-such-path').status).toBe(2);
    expect(check('--lang', 'de').stderr).toContain('--lang must be one of fi, sv, en');
    expect(check('--max-states', '0').status).toBe(2);
    const notAModule = check('--module', fileURLToPath(new URL('../../package.json', import.meta.url)));
    expect(notAModule.status).toBe(2);
    expect(notAModule.stderr).toContain('cannot load');
  });
});
