import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The guide's broken path and its check, compiled against the built package as a host compiles
// them, run, and compared with the output the guide prints.
const root = fileURLToPath(new URL('../..', import.meta.url));
const guide = readFileSync(`${root}/docs/testers.md`, 'utf8');
const cli = `${root}/dist/cli.js`;

function block(firstLine: string): string {
  const found = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!).find((code) => code.startsWith(firstLine));
  if (!found) throw new Error(`docs/testers.md has no ts block starting with '${firstLine}'`);
  return found;
}

function compile(name: string, files: Record<string, string>): string {
  const directory = `${root}/test-artifacts/testers/${name}`;
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(`${directory}/${file}`, text);
  writeFileSync(
    `${directory}/tsconfig.json`,
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        outDir: 'out',
        rootDir: '.',
        skipLibCheck: true,
        types: ['node'],
      },
      files: Object.keys(files),
    }),
  );
  const compiled = spawnSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-p', directory], { encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`the guide's code does not compile:\n${compiled.stdout}${compiled.stderr}`);
  return `${directory}/out`;
}

const consentPath = block('// consentPath.ts');
const check = block('// check.ts');
const printed = guide.split('<!-- output of check.ts')[1]?.match(/```text\n([\s\S]*?)```/)?.[1];

describe('docs/testers.md', () => {
  it('prints exactly the counterexample it shows for the broken path', () => {
    const out = compile('broken', { 'consentPath.ts': consentPath, 'check.ts': check });
    const run = spawnSync(process.execPath, [`${out}/check.js`], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout, 'update the output block in docs/testers.md').toBe(printed);
  });

  it('is proven once the forgotten guard is added, as the guide says', () => {
    const fixed = consentPath.replace(
      'NETWORK_MEETING_HELD: {}, // ← the guard was forgotten here',
      "NETWORK_MEETING_HELD: { guard: 'consentGiven' },",
    );
    expect(fixed).not.toBe(consentPath);
    const out = compile('fixed', { 'consentPath.ts': fixed, 'check.ts': check });
    const run = spawnSync(process.execPath, [`${out}/check.js`], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Proven: every rule holds in every reachable state\.\n$/);
  });

  it('checks the host module from the command line: exit code 1 and the same counterexample', () => {
    const out = compile('module', { 'consentPath.ts': consentPath });
    const run = spawnSync(process.execPath, [cli, 'check', '--module', `${out}/consentPath.js`], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(printed!.split('\n').slice(1, 10).join('\n'));
    const guards = spawnSync(process.execPath, [cli, 'check', '--module', `${out}/consentPath.js`, '--guards', '--lang', 'fi'], {
      encoding: 'utf8',
    });
    // The rule is broken before any guard is removed, so it justifies no guard (issue 13, defect 7).
    expect(guards.stdout).toContain(
      '✗ rikki jo ennen kuin yhtään ehtoa poistetaan, eikä siksi perustele mitään ehtoa: consent-before-network-work',
    );
    expect(guards.stdout).not.toContain('perusteltu: poistaminen rikkoo consent-before-network-work');
    expect(guards.stdout).toContain('✗ consentGiven (portti) — suostumus annettu: EI perusteltu');
  });

  it('justifies the guard by the rule once the forgotten guard is added', () => {
    const fixed = consentPath.replace(
      'NETWORK_MEETING_HELD: {}, // ← the guard was forgotten here',
      "NETWORK_MEETING_HELD: { guard: 'consentGiven' },",
    );
    const out = compile('module-fixed', { 'consentPath.ts': fixed });
    const guards = spawnSync(process.execPath, [cli, 'check', '--module', `${out}/consentPath.js`, '--guards', '--lang', 'fi'], {
      encoding: 'utf8',
    });
    expect(guards.status).toBe(0);
    expect(guards.stdout).toContain(
      '✓ consentGiven (portti) — suostumus annettu: perusteltu: poistaminen rikkoo consent-before-network-work',
    );
  });
});
