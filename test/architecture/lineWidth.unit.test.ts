import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test } from 'vitest';

// Biome formats at line width 140 (biome.jsonc) but cannot break a string literal, a template literal
// or a comment, so those lines can grow past it unseen. This test holds src/ and machines/ to the same
// width. It counts code points, not UTF-16 units or bytes, so a Finnish ä counts as one character.

const maxLineWidth = 140;
const root = process.cwd();

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function longLines(file: string): string[] {
  const where = relative(root, file).split(sep).join('/');
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      const width = [...line].length;
      return width > maxLineWidth ? [`${where}:${index + 1} is ${width} characters`] : [];
    });
}

test(`every line in src/ and machines/ is at most ${maxLineWidth} characters`, () => {
  const files = ['src', 'machines'].flatMap((folder) => typeScriptFiles(join(root, folder)));
  expect(files.length).toBeGreaterThan(100);
  expect(files.flatMap(longLines)).toEqual([]);
});
