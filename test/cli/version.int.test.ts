// The built CLI knows its version without reading package.json at run time (the build bundles it),
// so the installed bin answers the same as the package it came in.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('the built kykypolku --version', () => {
  it("prints package.json's version", () => {
    expect(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' })).toBe(`${version}\n`);
  });

  it("prints one command's help for kykypolku <command> --help", () => {
    const help = execFileSync(process.execPath, [cli, 'validate', '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/^Usage:\n {2}kykypolku validate /);
    expect(help).not.toContain('kykypolku import');
  });
});
