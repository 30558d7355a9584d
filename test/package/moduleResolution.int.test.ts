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

const settings = {
  node10: { module: 'commonjs', moduleResolution: 'node', files: ['consumer.ts'] },
  node16: { module: 'node16', moduleResolution: 'node16', files: ['consumer.ts', 'consumer.mts'] },
  bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['consumer.ts'] },
} as const;

beforeAll(() => {
  rmSync(consumer, { recursive: true, force: true });
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', consumer], { cwd: root, stdio: 'ignore' });
  const tarball = readdirSync(consumer).find((file) => file.endsWith('.tgz'))!;
  execFileSync('tar', ['-xzf', tarball], { cwd: consumer });
  renameSync(join(consumer, 'package'), join(consumer, 'node_modules', 'kykypolku'));
  writeFileSync(join(consumer, 'consumer.ts'), source);
  writeFileSync(join(consumer, 'consumer.mts'), source);
}, 120_000);

describe('a host compiling against the packed package', () => {
  it.each(Object.entries(settings))('finds every subpath and its types under moduleResolution %s', (name, { module, moduleResolution, files }) => {
    const config = join(consumer, `tsconfig.${name}.json`);
    writeFileSync(
      config,
      JSON.stringify({ compilerOptions: { target: 'ES2022', module, moduleResolution, strict: true, noEmit: true, skipLibCheck: true, types: [] }, files }),
    );
    const compiled = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { encoding: 'utf8' });
    expect(`${compiled.stdout}${compiled.stderr}`).toBe('');
    expect(compiled.status).toBe(0);
  });
});
