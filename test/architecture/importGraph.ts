import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One module of the graph: its path from the repository root, with `/` separators. */
export type ModulePath = string;

/** Every relative import of the TypeScript files under the given folders, `.js` read as `.ts`. */
export interface ImportGraph {
  readonly root: string;
  /** From each module to the modules it imports (value, type-only, re-export and dynamic alike). */
  readonly imports: ReadonlyMap<ModulePath, readonly ModulePath[]>;
  /** From each module to the bare specifiers (packages, `node:` modules) it imports. */
  readonly packages: ReadonlyMap<ModulePath, readonly string[]>;
}

const toPosix = (path: string): string => path.split(sep).join('/');

function typeScriptFiles(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...typeScriptFiles(path));
    else if (name.endsWith('.ts')) found.push(path);
  }
  return found;
}

/** The file a relative specifier names: `./x.js` is `./x.ts` on disk, `./x` may be `./x/index.ts`. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.d.ts'),
    base,
    `${base}.ts`,
    `${base}.d.ts`,
    join(base, 'index.ts'),
  ];
  // A JSON file (package.json) is a leaf of the graph like any other file.
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Reads every import of the `.ts` files under `folders` (relative to `root`). */
export function buildImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const imports = new Map<ModulePath, ModulePath[]>();
  const packages = new Map<ModulePath, string[]>();
  for (const folder of folders) {
    for (const file of typeScriptFiles(join(root, folder))) {
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const local = new Set<ModulePath>();
      const bare = new Set<string>();
      for (const { fileName } of info.importedFiles) {
        if (!fileName.startsWith('.')) {
          bare.add(fileName);
          continue;
        }
        const target = resolveRelative(file, fileName);
        if (target === undefined) throw new Error(`${toPosix(relative(root, file))}: cannot resolve ${fileName}`);
        local.add(toPosix(relative(root, target)));
      }
      const path = toPosix(relative(root, file));
      imports.set(path, [...local].sort());
      packages.set(path, [...bare].sort());
    }
  }
  return { root, imports, packages };
}

/**
 * The circles of the graph: every strongly connected component of more than one module (or a module
 * importing itself), each given as one cycle through it, so the printout shows the arrows to cut.
 */
export interface Circle {
  /** Every module of the strongly connected component. */
  readonly members: readonly ModulePath[];
  /** One cycle through it, first module repeated at the end: the arrows to cut. */
  readonly cycle: readonly ModulePath[];
}

export function findCircles(graph: ImportGraph): Circle[] {
  const index = new Map<ModulePath, number>();
  const low = new Map<ModulePath, number>();
  const onStack = new Set<ModulePath>();
  const stack: ModulePath[] = [];
  const components: ModulePath[][] = [];
  let counter = 0;
  const targets = (node: ModulePath) => (graph.imports.get(node) ?? []).filter((next) => graph.imports.has(next));

  const connect = (node: ModulePath): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of targets(node)) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: ModulePath[] = [];
      let member: ModulePath;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || targets(node).includes(node)) components.push(component.sort());
    }
  };
  for (const node of [...graph.imports.keys()].sort()) if (!index.has(node)) connect(node);

  // One concrete cycle per component: a breadth-first path from its first member back to itself.
  return components.map((component) => {
    const members = new Set(component);
    const start = component[0]!;
    const previous = new Map<ModulePath, ModulePath>();
    const queue = [start];
    while (queue.length > 0) {
      const node = queue.shift()!;
      for (const next of targets(node)) {
        if (!members.has(next)) continue;
        if (next === start) {
          const cycle = [start];
          for (let at: ModulePath | undefined = node; at !== undefined && at !== start; at = previous.get(at)) cycle.splice(1, 0, at);
          return { members: component, cycle: [...cycle, start] };
        }
        if (!previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    return { members: component, cycle: component };
  });
}
