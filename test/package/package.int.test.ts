import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built package as a host loads it, through both module systems. Run from the package root so
// that `kykypolku` resolves to the package's own exports.
const root = fileURLToPath(new URL('../..', import.meta.url));

function run(flag: '--input-type=module' | '--input-type=commonjs', source: string): string {
  return execFileSync(process.execPath, [flag, '-e', source], { cwd: root, encoding: 'utf8' });
}

const scenario = `
  const caseRef = openCase(workabilityPath, { caseId: 'smoke' });
  const outcome = caseRef.record({ type: 'CONTACT_RECEIVED', at: '2025-03-03T09:00:00Z', actor: { role: 'nurse', id: 'n' },
    payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true } });
  const replayed = replayCase(workabilityPath, caseRef.history);
  console.log(JSON.stringify([outcome.ok, caseRef.state.value, replayed.ok && replayed.case.state.value, typeof inputArbitrary]));
`;

describe('the built package', () => {
  it('loads through import, with every subpath', () => {
    const output = run(
      '--input-type=module',
      `import { openCase, replayCase } from 'kykypolku';
       import { workabilityPath } from 'kykypolku/paths';
       import { inputArbitrary } from 'kykypolku/testing';
       ${scenario}`,
    );
    expect(JSON.parse(output)).toEqual([true, 'contacted', 'contacted', 'function']);
  });

  it('loads through require, with every subpath', () => {
    const output = run(
      '--input-type=commonjs',
      `const { openCase, replayCase } = require('kykypolku');
       const { workabilityPath } = require('kykypolku/paths');
       const { inputArbitrary } = require('kykypolku/testing');
       ${scenario}`,
    );
    expect(JSON.parse(output)).toEqual([true, 'contacted', 'contacted', 'function']);
  });

  it('does not load fast-check from the main entry or the paths: it is a peer of kykypolku/testing only', () => {
    const output = run(
      '--input-type=commonjs',
      `require('kykypolku'); require('kykypolku/paths');
       console.log(JSON.stringify(Object.keys(require.cache).some((file) => file.includes('fast-check'))));`,
    );
    expect(JSON.parse(output)).toBe(false);
  });

  it('stores a case in embedded PostgreSQL through kykypolku/postgres, by import and by require', () => {
    const store = `
      const store = await createPgliteStore();
      const caseRef = openCase(workabilityPath, { caseId: 'smoke' });
      caseRef.record({ type: 'CONTACT_RECEIVED', at: '2025-03-03T09:00:00Z', actor: { role: 'nurse', id: 'n' },
        payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true } });
      const saved = await store.append('smoke', caseRef.history, { expectedSeq: 0 });
      const read = await store.read('smoke');
      await store.close();
      console.log(JSON.stringify([saved, read.length, typeof createPostgresStore, store.start]));`;
    // Started from the template the build wrote into dist/, found from either bundle's own location.
    const expected = [{ ok: true, seq: 1, alreadyRecorded: false }, 1, 'function', { from: 'template' }];
    const esm = run(
      '--input-type=module',
      `import { openCase } from 'kykypolku';
       import { workabilityPath } from 'kykypolku/paths';
       import { createPgliteStore, createPostgresStore } from 'kykypolku/postgres';
       ${store}`,
    );
    expect(JSON.parse(esm)).toEqual(expected);
    const cjs = run(
      '--input-type=commonjs',
      `const { openCase } = require('kykypolku');
       const { workabilityPath } = require('kykypolku/paths');
       const { createPgliteStore, createPostgresStore } = require('kykypolku/postgres');
       (async () => { ${store} })();`,
    );
    expect(JSON.parse(cjs)).toEqual(expected);
  });

  it('ships the PGlite template data directory with the installed PGlite version beside the bundles', () => {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
    ) as [{ files: { path: string }[] }];
    const files = packed.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['dist/pglite-template.tar.gz', 'dist/pglite-template.json']));
    const manifest = JSON.parse(readFileSync(`${root}/dist/pglite-template.json`, 'utf8')) as { pglite: string };
    const installed = JSON.parse(readFileSync(`${root}/node_modules/@electric-sql/pglite/package.json`, 'utf8')) as { version: string };
    expect(manifest.pglite).toBe(installed.version);
  });

  it('loads the main entry, the paths and kykypolku/postgres without pg or PGlite: they are optional peers, loaded on use', () => {
    const output = run(
      '--input-type=commonjs',
      `require('kykypolku'); require('kykypolku/paths'); require('kykypolku/postgres');
       console.log(JSON.stringify(Object.keys(require.cache).filter((file) => file.includes('/node_modules/pg/') || file.includes('/node_modules/@electric-sql/'))));`,
    );
    expect(JSON.parse(output)).toEqual([]);
  });

  it('loads kykypolku/diagram through import and require, and lays out BPMN in both', () => {
    const script = `
      const { toMermaid, toBpmn } = diagram;
      toBpmn(workabilityPath, { lang: 'fi' }).then((bpmn) =>
        console.log(JSON.stringify([toMermaid(workabilityPath).text.split('\\n')[0], bpmn.text.includes('<bpmndi:BPMNShape'), bpmn.warnings.length])));`;
    const expected = ['stateDiagram-v2', true, 0];
    expect(
      JSON.parse(
        run(
          '--input-type=module',
          `import * as diagram from 'kykypolku/diagram'; import { workabilityPath } from 'kykypolku/paths'; ${script}`,
        ),
      ),
    ).toEqual(expected);
    expect(
      JSON.parse(
        run(
          '--input-type=commonjs',
          `const diagram = require('kykypolku/diagram'); const { workabilityPath } = require('kykypolku/paths'); ${script}`,
        ),
      ),
    ).toEqual(expected);
  });

  it('keeps the main entry light: the BPMN writer and the layout library are loaded only by dynamic import, when a layout is asked for', () => {
    const built = readdirSync(`${root}/dist`).filter((file) => /\.(c?js)$/.test(file));
    const mentions = built.flatMap((file) =>
      [...readFileSync(`${root}/dist/${file}`, 'utf8').matchAll(/.{0,12}['"](bpmn-moddle|elkjs[^'"]*)['"]/g)].map((match) => match[0]),
    );
    expect(mentions.length).toBeGreaterThan(0);
    for (const mention of mentions) expect(mention).toMatch(/import\(['"]/);
  });

  it('declares types for every entry in both module systems', () => {
    const manifest = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { exports: Record<string, unknown> };
    for (const [entry, target] of Object.entries(manifest.exports)) {
      if (entry === './package.json') continue;
      const { import: esm, require: cjs } = target as Record<'import' | 'require', { types: string; default: string }>;
      for (const file of [esm.types, esm.default, cjs.types, cjs.default]) expect(() => readFileSync(`${root}/${file}`)).not.toThrow();
    }
  });

  it('maps every subpath in typesVersions too, for hosts on moduleResolution node (which reads no exports)', () => {
    const manifest = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
      exports: Record<string, { import?: { types: string } }>;
      typesVersions: { '*': Record<string, string[]> };
    };
    const subpaths = Object.keys(manifest.exports).filter((entry) => entry !== '.' && entry !== './package.json');
    expect(Object.keys(manifest.typesVersions['*']).sort()).toEqual(subpaths.map((entry) => entry.slice(2)).sort());
    for (const entry of subpaths) expect(manifest.typesVersions['*'][entry.slice(2)]).toEqual([manifest.exports[entry]!.import!.types]);
  });
});
