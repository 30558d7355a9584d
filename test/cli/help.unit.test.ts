// The CLI's own help and version, run in-process: what a newcomer types first.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.js';
import { runCli as cli } from '../support/runCli.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('kykypolku --version', () => {
  it.each(['--version', '-v'])('%s prints the package version alone and exits 0', async (flag) => {
    expect(await cli(flag)).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('is named in the usage, with the version', async () => {
    const run = await cli('help');
    expect(run.out).toContain(`kykypolku ${version} —`);
    expect(run.out).toContain('kykypolku --version');
  });
});

describe.each(commands.map((command) => [command.name, command] as const))('kykypolku %s --help', (name, command) => {
  const firstLine = command.usage.split('\n')[0]!;

  it.each([
    [name, '--help'],
    [name, '-h'],
    ['help', name],
  ])("%s %s prints only that command's help and exits 0", async (...args) => {
    const run = await cli(...args);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toContain(`Usage:\n  ${command.usage}\n`);
    for (const other of commands.filter((candidate) => candidate !== command)) expect(run.out).not.toContain(other.usage.split('\n')[0]);
  });

  it("answers bad usage with exit code 2 and that command's help", async () => {
    const run = await cli(name, '--no-such-option');
    expect(run.code).toBe(2);
    expect(run.err).toContain(firstLine);
  });
});

describe('kykypolku help', () => {
  it('refuses help for a command that does not exist with exit code 2', async () => {
    const run = await cli('help', 'frobnicate');
    expect(run.code).toBe(2);
    expect(run.err).toContain("unknown command 'frobnicate'");
  });

  it('reads --help after -- as an argument, not as a request for help', async () => {
    const run = await cli('validate', '--', '--help');
    expect(run.out).not.toContain('Usage:');
  });
});
