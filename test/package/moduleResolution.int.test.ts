// The package as npm delivers it, compiled by a host under each moduleResolution TypeScript offers:
// `node` (node10, which reads no `exports` and needs `typesVersions` for the subpaths), `node16`
// (from a CommonJS and an ES module file) and `bundler`. The tarball of `npm pack` is unpacked into
// a consumer's node_modules, so only what the package ships can be found.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository, so that the package's own dependencies (xstate, zod, fast-check) resolve
// from its node_modules, as they would from the host's.
const consumer = join(root, 'test-artifacts', 'module-resolution');

// Uses every subpath's types: a wrong resolution (any, or a missing module) fails the build.
const source = `import { openCase, type CaseInputOf } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { inputArbitrary } from 'kykypolku/testing';
import type { PgliteStoreOptions } from 'kykypolku/postgres';
import type { DiagramOptions } from 'kykypolku/diagram';

const caseRef = openCase(workabilityPath, { caseId: 'host-1' });
const input: CaseInputOf<typeof workabilityPath> = {
  type: 'CONTACT_RECEIVED',
  at: '2025-03-03T09:00:00Z',
  actor: { role: 'nurse', id: 'n-1' },
  payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
};
export const ok: boolean = caseRef.record(input).ok;
export const inputs = inputArbitrary(workabilityPath);
export const options: PgliteStoreOptions = {};
export const diagramOptions: DiagramOptions = {};
// @ts-expect-error: the path has no such state, which only the real types know
export const state: typeof caseRef.state.value = 'nowhere';
`;

// A wrong enum value in a payload, one per line, each of a different shape of call: the error must
// name the values the field allows (it read "not assignable to type 'never'" for every field, the
// empty payloads of the path's field-less events taking the error's elaboration).
const wrongPayloads = `import { createMemoryStore, openCase, openCaseStore, type CaseInputOf } from 'kykypolku';
import { ipsJobCoachingPath, workabilityPath } from 'kykypolku/paths';
import { givenCase } from 'kykypolku/testing';
const at = '2025-03-03T09:00:00Z';
const caseRef = openCase(workabilityPath, { caseId: 'w-1' });
caseRef.record({ type: 'INITIAL_ASSESSMENT_BOOKED', at, actor: { role: 'nurse', id: 'n-1' }, payload: { channel: 'wrong' } });
export const input: CaseInputOf<typeof workabilityPath> = { type: 'HEALTH_CHECK_DONE', at, actor: { role: 'nurse', id: 'n-1' }, payload: { mode: 'wrong' } };
givenCase(workabilityPath).when({ type: 'INITIAL_ASSESSMENT_DONE', at, actor: { role: 'nurse', id: 'n-1' }, payload: { nextRole: 'wrong' } });
void openCaseStore(createMemoryStore(), [workabilityPath]).record('w-2', { type: 'INITIAL_ASSESSMENT_BOOKED', at, actor: { role: 'nurse', id: 'n-1' }, payload: { channel: 'wrong' } });
openCase(ipsJobCoachingPath, { caseId: 'i-1' }).record({ type: 'CLOSED', at, actor: { role: 'coach', id: 'c-1' }, payload: { outcome: 'wrong' } });
`;

const settings = {
  node10: { module: 'commonjs', moduleResolution: 'node', files: ['consumer.ts'] },
  node16: { module: 'node16', moduleResolution: 'node16', files: ['consumer.ts', 'consumer.mts'] },
  bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['consumer.ts'] },
} as const;

beforeAll(() => {
  rmSync(consumer, { recursive: true, force: true });
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  // The host's own package.json: without it, the repository's would be the nearest, and TypeScript
  // would resolve `kykypolku` to the repository itself (a package may import its own name).
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'host', private: true }));
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', consumer], { cwd: root, stdio: 'ignore' });
  const tarball = readdirSync(consumer).find((file) => file.endsWith('.tgz'))!;
  execFileSync('tar', ['-xzf', tarball], { cwd: consumer });
  renameSync(join(consumer, 'package'), join(consumer, 'node_modules', 'kykypolku'));
  writeFileSync(join(consumer, 'consumer.ts'), source);
  writeFileSync(join(consumer, 'consumer.mts'), source);
  writeFileSync(join(consumer, 'wrongPayloads.ts'), wrongPayloads);
}, 120_000);

function compile(name: string, compilerOptions: Record<string, unknown>, files: readonly string[]) {
  const config = join(consumer, `tsconfig.${name}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [], ...compilerOptions },
      files,
    }),
  );
  return spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config, '--pretty', 'false'], {
    cwd: consumer,
    encoding: 'utf8',
  });
}

describe('a host compiling against the packed package', () => {
  it.each(Object.entries(settings))(
    'finds every subpath and its types under moduleResolution %s',
    (name, { module, moduleResolution, files }) => {
      const compiled = compile(name, { module, moduleResolution }, files);
      expect(`${compiled.stdout}${compiled.stderr}`).toBe('');
      expect(compiled.status).toBe(0);
    },
  );

  it('names the allowed values when a payload holds a wrong enum value', () => {
    const compiled = compile('wrong-payloads', { module: 'esnext', moduleResolution: 'bundler' }, ['wrongPayloads.ts']);
    const errors = compiled.stdout.split('\n').filter((line) => line.startsWith('wrongPayloads.ts('));
    const onLine = (line: number) => errors.filter((error) => error.startsWith(`wrongPayloads.ts(${line},`)).join('\n');
    expect(errors).toHaveLength(5);
    expect(onLine(6)).toContain('"phone" | "eBooking"');
    expect(onLine(7)).toContain('"clinic" | "eVisit"');
    expect(onLine(8)).toContain('"nurse" | "coordinator"');
    expect(onLine(9)).toContain('"phone" | "eBooking"');
    expect(onLine(10)).toMatch(/"employed"/);
    expect(compiled.stdout).not.toContain("type 'never'");
  });
});
