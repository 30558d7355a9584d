import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// One name, one meaning: a name exported by several entries of the package is the same thing in
// each (`CaseSummary` was the store's case row in `kykypolku` and summarizeCases' result in
// `kykypolku/diagram`).
const root = fileURLToPath(new URL('..', import.meta.url));
const entries = {
  kykypolku: 'src/index.ts',
  'kykypolku/paths': 'machines/index.ts',
  'kykypolku/testing': 'src/testing/index.ts',
  'kykypolku/diagram': 'src/diagram/index.ts',
  'kykypolku/postgres': 'src/store/postgres/index.ts',
};

describe('the public names', () => {
  it('name one declaration each, whichever entry exports them', () => {
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
    const program = ts.createProgram(
      Object.values(entries).map((file) => join(root, file)),
      { ...config.options, noEmit: true },
    );
    const checker = program.getTypeChecker();
    const declarations = new Map<string, Map<string, string[]>>();
    for (const [entry, file] of Object.entries(entries)) {
      const module = checker.getSymbolAtLocation(program.getSourceFile(join(root, file))!)!;
      for (const exported of checker.getExportsOfModule(module)) {
        const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const where = (target.declarations ?? [])
          .map((declaration) => `${declaration.getSourceFile().fileName.slice(root.length)}:${declaration.pos}`)
          .join(',');
        const byDeclaration = declarations.get(exported.name) ?? new Map<string, string[]>();
        byDeclaration.set(where, [...(byDeclaration.get(where) ?? []), entry]);
        declarations.set(exported.name, byDeclaration);
      }
    }
    const twoMeanings = [...declarations]
      .filter(([, byDeclaration]) => byDeclaration.size > 1)
      .map(([name, byDeclaration]) => `${name}: ${[...byDeclaration.values()].map((from) => from.join(' and ')).join(' ≠ ')}`);
    expect(twoMeanings).toEqual([]);
  });

  it('give one code and one flag to one meaning: EVENT_REJECTED wraps a rejection, alreadyRecorded answers a retry', () => {
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : /\.(ts|md)$/.test(entry.name) ? [join(dir, entry.name)] : [],
      );
    const texts = [...files('src'), ...files('machines'), ...files('docs'), 'README.md'].map(
      (file) => [file, readFileSync(join(root, file), 'utf8')] as const,
    );
    // The old names, which a released changelog may still mention, and nothing else may.
    const stale = texts.flatMap(([file, text]) =>
      [...text.matchAll(/['`]REJECTED['`]|\balreadyStored\b/g)].map((match) => `${file}: ${match[0]}`),
    );
    expect(stale).toEqual([]);
  });
});
