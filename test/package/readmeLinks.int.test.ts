// The README is the package's page on npm: every relative link in it must name a file the tarball
// ships, or the reader of that page meets a dead link (docs/ and the path READMEs were not shipped).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the README as npm shows it', () => {
  it('links only to files the package ships', () => {
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
    ) as [{ files: { path: string }[] }];
    const shipped = new Set(pack.files.map((file) => file.path));
    const readme = readFileSync(`${root}/README.md`, 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(targets.length).toBeGreaterThan(5);
    const dead = targets.filter(
      (target) =>
        !shipped.has(target.replace(/\/$/, '')) &&
        ![...shipped].some((file) => file.startsWith(target.endsWith('/') ? target : `${target}/`)),
    );
    expect(dead).toEqual([]);
  });
});
