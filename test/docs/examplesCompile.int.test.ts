import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every fenced ```ts block under an `@example` tag of src/ and machines/ is typechecked, in one
// TypeScript program, against the package's source entries (tsconfig.json maps `kykypolku`,
// `kykypolku/paths`, … to them). An example is a snippet: names it uses that the package's entries
// export are imported for it (as a host's file would), `fc` and `z` likewise, and the few values a
// snippet takes as given (a case, a store, histories) are exported, typed, by exampleGivens.ts.
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Each public entry, in the order a name exported by several is imported from. */
const entries = [
  ['kykypolku', 'src/index.ts'],
  ['kykypolku/paths', 'machines/index.ts'],
  ['kykypolku/testing', 'src/testing/index.ts'],
  ['kykypolku/diagram', 'src/diagram/index.ts'],
  ['kykypolku/postgres', 'src/store/postgres/index.ts'],
  ['./exampleGivens.js', 'test/docs/exampleGivens.ts'],
] as const;

interface Example {
  readonly file: string;
  /** The 1-based line of the example's first code line in `file`. */
  readonly line: number;
  readonly code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The ```ts blocks of every `@example` of a file's doc comments, with the line each starts on. */
function examplesOf(file: string, text: string): Example[] {
  const found: Example[] = [];
  const lines = text.split('\n');
  let inComment = false;
  let inExample = false;
  let block: { line: number; code: string[] } | undefined;
  lines.forEach((raw, index) => {
    if (!inComment && /^\s*\/\*\*/.test(raw)) {
      inComment = true;
      inExample = false;
    }
    if (!inComment) return;
    const line = raw.replace(/^\s*\/?\*\*?\/?\s?/, '');
    if (block) {
      if (/^\s*```/.test(line)) {
        found.push({ file, line: block.line, code: block.code.join('\n') });
        block = undefined;
      } else block.code.push(line);
    } else if (/@example\b/.test(line)) inExample = true;
    else if (inExample && /^\s*@\w/.test(line)) inExample = false;
    else if (inExample && /^\s*```(ts|typescript)\s*$/.test(line)) block = { line: index + 2, code: [] };
    if (/\*\//.test(raw)) {
      inComment = false;
      block = undefined;
    }
  });
  return found;
}

const examples = [...sourceFiles('src'), ...sourceFiles('machines')].flatMap((file) =>
  examplesOf(file, readFileSync(join(root, file), 'utf8')),
);

/** Top-level names an example declares itself, and every identifier it uses. */
function namesOf(code: string): { declared: Set<string>; used: Set<string> } {
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true);
  const declared = new Set<string>();
  const used = new Set<string>();
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      declared.add(statement.name.text);
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) declared.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) declared.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) declared.add(element.name.text);
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) used.add(node.text);
    node.forEachChild(visit);
  };
  visit(source);
  return { declared, used };
}

describe('doc-comment examples', () => {
  it('finds the examples of src/ and machines/', () => {
    expect(examples.length).toBeGreaterThan(100);
  });

  it('every ```ts block of an @example compiles against the package (one tsc program)', () => {
    const configFile = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
    const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, noUnusedLocals: false };

    // The names each entry (and each file with examples) exports, read by a first program over them.
    const exampleFiles = [...new Set(examples.map((example) => example.file))];
    const entryProgram = ts.createProgram(
      [...entries.map(([, path]) => join(root, path)), ...exampleFiles.map((file) => join(root, file))],
      options,
    );
    const checker = entryProgram.getTypeChecker();
    const exportsOf = (path: string): Map<string, boolean> => {
      const symbol = checker.getSymbolAtLocation(entryProgram.getSourceFile(join(root, path))!);
      const names = new Map<string, boolean>();
      for (const exported of symbol ? checker.getExportsOfModule(symbol) : []) {
        const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        names.set(exported.name, (target.flags & ts.SymbolFlags.Value) === 0);
      }
      return names;
    };
    const exporter = new Map<string, { readonly specifier: string; readonly typeOnly: boolean }>();
    for (const [specifier, path] of entries) {
      for (const [name, typeOnly] of exportsOf(path)) if (!exporter.has(name)) exporter.set(name, { specifier, typeOnly });
    }
    const ownExports = new Map(exampleFiles.map((file) => [file, exportsOf(file)]));

    // Virtual files next to this test, so that modules resolve from the repository's node_modules.
    // The example's own imports go first; its other lines, in place, become the body of a function
    // (a snippet may `return` or `await`), so a diagnostic's line maps back to the source.
    const here = join(root, 'test', 'docs');
    const virtual = new Map<string, { readonly example: Example; readonly header: number; readonly text: string }>();
    examples.forEach((example, index) => {
      const { declared, used } = namesOf(example.code);
      const imports = new Map<string, string[]>();
      const codeLines = example.code.split('\n');
      const header = codeLines.filter((line) => /^import\s/.test(line));
      const body = codeLines.map((line) => (/^import\s/.test(line) ? '' : line.replace(/^export (?!default)/, '')));
      const own = ownExports.get(example.file)!;
      const ownModule = `${relative(here, join(root, example.file)).replace(/\.ts$/, '.js')}`;
      for (const name of used) {
        if (declared.has(name)) continue;
        if (name === 'fc') header.push("import fc from 'fast-check';");
        else if (name === 'z') header.push("import { z } from 'zod';");
        else {
          const found = exporter.get(name) ?? (own.has(name) ? { specifier: ownModule, typeOnly: own.get(name)! } : undefined);
          if (found) imports.set(found.specifier, [...(imports.get(found.specifier) ?? []), found.typeOnly ? `type ${name}` : name]);
        }
      }
      for (const [specifier, names] of imports) header.push(`import { ${names.join(', ')} } from '${specifier}';`);
      header.push('export async function example() {');
      const text = `${header.join('\n')}\n${body.join('\n')}\n}\n`;
      virtual.set(join(here, `__example_${index}.mts`), { example, header: header.length, text });
    });

    const host = ts.createCompilerHost(options);
    const { fileExists, readFile, getSourceFile } = host;
    host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
    host.readFile = (file) => virtual.get(file)?.text ?? readFile.call(host, file);
    host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
      const found = virtual.get(file);
      return found
        ? ts.createSourceFile(file, found.text, languageVersion, true)
        : getSourceFile.call(host, file, languageVersion, onError, shouldCreate);
    };
    const program = ts.createProgram([...virtual.keys()], options, host);

    const failures: string[] = [];
    for (const [file, { example, header }] of virtual) {
      const source = program.getSourceFile(file)!;
      for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
        const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        const where = line < header ? example.line : example.line + line - header;
        failures.push(
          `${relative(root, join(root, example.file))}:${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0]}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
