import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtInPaths } from '../../machines/index.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { readmeDiagramSection, replaceGeneratedSection, toPathDocument } from '../diagram/pathDocument.js';
import { UsageError, type CliCommand } from './command.js';

/** A file the docs generator writes, by its path relative to the repository root. @internal */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

/**
 * The generated documentation of the built-in paths under a repository root: `docs/paths/<id>.md`
 * for each path, and the diagram section of each `machines/<id>/README.md` that exists (its
 * handwritten text kept). Reads the READMEs; writes nothing. The drift test compares these with
 * the files on disk.
 *
 * @internal
 */
export function plannedDocs(root: string, paths: readonly AnyPathDefinition[] = builtInPaths): GeneratedFile[] {
  return paths.flatMap((definition) => {
    const files: GeneratedFile[] = [{ path: `docs/paths/${definition.id}.md`, text: toPathDocument(definition) }];
    const readme = `machines/${definition.id}/README.md`;
    if (existsSync(join(root, readme))) {
      files.push({
        path: readme,
        text: replaceGeneratedSection(readFileSync(join(root, readme), 'utf8'), 'diagram', readmeDiagramSection(definition)),
      });
    }
    return files;
  });
}

/** `kykypolku docs`: regenerates the repository's path docs (what `npm run docs` runs). @internal */
export const docsCommand: CliCommand = {
  name: 'docs',
  usage: `kykypolku docs [--root <dir>]
      Writes docs/paths/<id>.md (diagram and path table) for every built-in path under --root
      (default: the current directory) and the diagram section of each machines/<id>/README.md
      found there. The kykypolku repository runs it as npm run docs.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { root: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`docs takes no arguments, got '${positionals.join(' ')}'`);
    const root = resolve(values.root ?? '.');
    for (const file of plannedDocs(root)) {
      const target = join(root, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.text);
      io.out.write(`${file.path}\n`);
    }
    return 0;
  },
};
