import { describe, expect, test } from 'vitest';
import * as kykypolku from 'kykypolku';
import * as pathEntryModule from '../../src/path/index.js';
import { buildImportGraph, findCircles, type ImportGraph, type ModulePath } from './importGraph.js';

// The house rules of the engine, read off the import graph of src/ and machines/ (issue 12, item 4):
// no circle; the path definition (src/path) sits on the foundation only; machines/ imports the engine
// through one entry; the folders form layers with no arrow running up. A failure prints the arrows.

const graph = buildImportGraph(process.cwd(), ['src', 'machines']);

/** The one file of src/ that machines/ may import. */
const pathEntry = 'src/path/index.ts';

/** The package entries (tsup.config.ts): they gather the layers, so they may import any of them. */
const packageEntries = new Set<ModulePath>([
  'src/index.ts',
  'machines/index.ts',
  'src/testing/index.ts',
  'src/store/postgres/index.ts',
  'src/diagram/index.ts',
  'src/cli/bin.ts',
]);

/**
 * The layers, lowest first. A module may import its own layer and the ones below. Each entry is a
 * folder (`src/case`) or a single file (`src/clientExcerpt.ts`).
 */
const layers: readonly (readonly string[])[] = [
  // Foundation: time, code strings and value domains, machine introspection, canonical JSON.
  ['src/time', 'src/schema', 'src/machine', 'src/json', 'src/clientExcerpt.ts', 'src/packageVersion.ts', 'src/telemetry'],
  // The path definition: its types, rules, deadlines, migrations, labels, sources, validation.
  ['src/path'],
  // One case: open, record, replay.
  ['src/case'],
  // Over one path or one case: the checker, cohorts, FHIR, JSON Schema.
  ['src/check', 'src/cohort', 'src/fhir', 'src/jsonSchema'],
  // Armed deadlines and retention rules: what every store hands out to workers or purges, their checks, the memory store's table.
  ['src/deadlines', 'src/retention'],
  // The store port and its adapters.
  ['src/store'],
  // Over many cases and versions: the catalogue, caseloads, event logs, service indicators.
  ['src/catalogue', 'src/caseload', 'src/ndjson', 'src/indicators'],
  // The application service over the store port and the catalogue.
  ['src/caseStore'],
  // What a person reads: diagrams and reports.
  ['src/diagram', 'src/report'],
  // Helpers for a host's tests.
  ['src/testing'],
  // The built-in paths (through src/path/index.ts only, checked below).
  ['machines'],
  // The command line, which ships the built-in paths as its default catalogue.
  ['src/cli'],
];

function layerOf(module: ModulePath): number | undefined {
  const index = layers.findIndex((members) => members.some((member) => module === member || module.startsWith(`${member}/`)));
  return index === -1 ? undefined : index;
}

const arrows = (from: (module: ModulePath) => boolean): [ModulePath, ModulePath][] =>
  [...graph.imports]
    .filter(([module]) => from(module))
    .flatMap(([module, targets]) => targets.map((target): [ModulePath, ModulePath] => [module, target]));

const printed = (list: readonly [ModulePath, ModulePath][]): string[] => list.map(([from, to]) => `${from} -> ${to}`);

/** Everything `start` reaches, itself included. */
function reach(start: readonly ModulePath[]): Set<ModulePath> {
  const seen = new Set<ModulePath>(start);
  const queue = [...start];
  while (queue.length > 0) {
    for (const next of graph.imports.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('the import graph of src/ and machines/', () => {
  test('reads every module of both folders', () => {
    // A parser that silently read nothing would pass every rule below.
    expect(graph.imports.size).toBeGreaterThan(200);
    expect(graph.imports.get('src/path/definePath.ts')).toContain('src/path/validatePathSpec.ts');
    expect(graph.imports.get('machines/workability-path/index.ts')).toContain(pathEntry);
  });

  test('finds a circle when there is one, and prints it as a cycle', () => {
    const looped: ImportGraph = {
      root: '',
      packages: new Map(),
      imports: new Map([
        ['a.ts', ['b.ts']],
        ['b.ts', ['c.ts']],
        ['c.ts', ['a.ts', 'd.ts']],
        ['d.ts', []],
        ['e.ts', ['e.ts']],
      ]),
    };
    expect(findCircles(looped)).toEqual([
      { members: ['a.ts', 'b.ts', 'c.ts'], cycle: ['a.ts', 'b.ts', 'c.ts', 'a.ts'] },
      { members: ['e.ts'], cycle: ['e.ts', 'e.ts'] },
    ]);
  });

  test('has no circle', () => {
    const circles = findCircles(graph).map(
      ({ members, cycle }) => `${cycle.join(' -> ')}  (${members.length} modules: ${members.join(', ')})`,
    );
    expect(circles, `import circles:\n${circles.join('\n')}`).toEqual([]);
  });

  test('machines/ imports the engine through src/path/index.ts only, and no package but xstate and zod', () => {
    const intoSrc = arrows((module) => module.startsWith('machines/')).filter(
      ([, target]) => !target.startsWith('machines/') && target !== pathEntry,
    );
    expect(printed(intoSrc)).toEqual([]);
    const packages = [...graph.packages]
      .filter(([module]) => module.startsWith('machines/'))
      .flatMap(([module, names]) => names.filter((name) => name !== 'xstate' && name !== 'zod').map((name) => `${module} -> ${name}`));
    expect(packages).toEqual([]);
  });

  test('src/path reaches nothing above the foundation, and no package but xstate and zod', () => {
    const pathModules = [...graph.imports.keys()].filter((module) => module.startsWith('src/path/'));
    const above = [...reach(pathModules)].filter((module) => (layerOf(module) ?? Infinity) > 1);
    expect(above, 'src/path imports, directly or not, a module above it').toEqual([]);
    const packages = pathModules.flatMap((module) =>
      (graph.packages.get(module) ?? []).filter((name) => name !== 'xstate' && name !== 'zod').map((name) => `${module} -> ${name}`),
    );
    expect(packages).toEqual([]);
  });

  test('every module of src/ and machines/ belongs to a layer', () => {
    const unplaced = [...graph.imports.keys()].filter((module) => !packageEntries.has(module) && layerOf(module) === undefined);
    expect(unplaced).toEqual([]);
  });

  test('no arrow runs up the layers, and only src/cli imports a path of machines/', () => {
    const upward = arrows((module) => !packageEntries.has(module)).filter(([from, to]) => {
      const target = layerOf(to);
      return target !== undefined && target > layerOf(from)!;
    });
    expect(printed(upward)).toEqual([]);
    const intoMachines = arrows((module) => module.startsWith('src/')).filter(([, to]) => to.startsWith('machines/'));
    expect(
      intoMachines.filter(([from]) => !from.startsWith('src/cli/') && !packageEntries.has(from)).map(([from, to]) => `${from} -> ${to}`),
    ).toEqual([]);
  });

  test('the folders of one layer do not import each other in a circle', () => {
    const folderOf = (module: ModulePath) =>
      module
        .split('/')
        .slice(0, module.startsWith('machines/') ? 1 : 2)
        .join('/');
    const folders = new Map<ModulePath, Set<ModulePath>>();
    for (const [from, to] of arrows((module) => !packageEntries.has(module))) {
      if (!graph.imports.has(to) || folderOf(from) === folderOf(to)) continue;
      if (!folders.has(folderOf(from))) folders.set(folderOf(from), new Set());
      folders.get(folderOf(from))!.add(folderOf(to));
    }
    const folderGraph: ImportGraph = { root: '', packages: new Map(), imports: new Map([...folders].map(([from, to]) => [from, [...to]])) };
    expect(findCircles(folderGraph).map(({ cycle }) => cycle.join(' -> '))).toEqual([]);
  });

  test('what src/path/index.ts gives machines/ is what kykypolku gives a host, the same objects', () => {
    // So a path of a host's own, written against the package, reads like a built-in one.
    const exported: Record<string, unknown> = kykypolku;
    for (const [name, value] of Object.entries(pathEntryModule)) expect(exported[name], name).toBe(value);
  });
});
