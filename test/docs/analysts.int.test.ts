// docs/analysts.md shows each view with the commands that make it: those commands are run here,
// as written, with the built CLI (a host's module is the review fixture built to JavaScript), and
// the diff table the guide prints is the one the CLI prints.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostModule } from '../support/hostModule.js';

const guide = readFileSync(new URL('../../docs/analysts.md', import.meta.url), 'utf8');
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'kykypolku-analysts-'));
let hostModule: string;
beforeAll(async () => {
  hostModule = await buildHostModule();
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The body of a section (`## title` up to the next `## `). */
const section = (title: string) => guide.split(`\n## ${title}\n`)[1]!.split('\n## ')[0]!;

/** The `npx kykypolku …` lines of a section's shell blocks, without their comments. */
const commands = (title: string) =>
  [...section(title).matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((block) => block[1]!.split('\n'))
    .filter((line) => line.startsWith('npx kykypolku '))
    .map((line) => line.replace(/\s+#.*$/, ''));

/** Runs a documented command in a fresh directory, as the shell would. */
function run(command: string) {
  const line = command.replace(/^npx kykypolku /, `"${process.execPath}" "${cli}" `).replaceAll('./dist/host-paths.js', hostModule);
  return spawnSync('sh', ['-c', line], { cwd: directory, encoding: 'utf8' });
}

describe('docs/analysts.md', () => {
  it.each(['Your own paths (`--module`)', 'Comparing two versions (`diagram --diff`)'])('its commands in "%s" run as written', (title) => {
    const lines = commands(title);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(run(line), line).toMatchObject({ status: 0, stderr: '' });
  });

  it('prints the diff table of review-path v1 → v2 as the CLI prints it', () => {
    const printed = run('npx kykypolku diagram --diff review-path@1 review-path@2 --module ./dist/host-paths.js').stdout;
    const table = printed.split('\n').filter((line) => line.startsWith('|'));
    expect(table.length).toBeGreaterThan(2);
    for (const line of table) expect(section('Comparing two versions (`diagram --diff`)')).toContain(line);
  });

  it('names the new options in its command lines', () => {
    expect(guide).toContain('kykypolku report [--out dir] [--path <path>[@<version>]]… [--module file]…');
    expect(guide).toContain('--format svg');
  });
});
