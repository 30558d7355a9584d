import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('casts across erased types live in one place', () => {
  it('no file of src/ or machines/ but src/case/typeErasure.ts holds `as never`, in code or in an example', () => {
    const offenders = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'machines'))]
      .filter((file) => relative(root, file) !== join('src', 'case', 'typeErasure.ts'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, index) => (/\bas never\b/.test(line) ? [`${relative(root, file)}:${index + 1}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('every helper of src/case/typeErasure.ts says why its cast is safe', () => {
    const text = readFileSync(join(root, 'src', 'case', 'typeErasure.ts'), 'utf8');
    const helpers = [...text.matchAll(/\/\*\*([\s\S]*?)\*\/\s*export function (\w+)/g)];
    expect(helpers.length).toBeGreaterThan(0);
    for (const [, comment, name] of helpers) expect(comment, name).toMatch(/Safe/);
  });
});
