import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInPaths } from 'kykypolku/paths';
import { schemaFiles } from '../../src/cli/schemaFiles.js';

const directory = fileURLToPath(new URL('../../docs/schemas', import.meta.url));

function committedFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? committedFiles(join(root, entry.name)) : [relative(directory, join(root, entry.name))],
  );
}

describe('the committed JSON Schemas in docs/schemas', () => {
  it('are exactly what the paths generate (run `npm run docs:schemas` after changing a path)', () => {
    const expected = schemaFiles(builtInPaths);
    expect(committedFiles(directory).sort()).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) {
      expect(readFileSync(join(directory, file), 'utf8'), `docs/schemas/${file} is stale: run npm run docs:schemas`).toBe(content);
    }
  });
});
