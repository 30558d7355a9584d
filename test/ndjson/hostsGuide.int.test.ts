import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const guide = readFileSync(`${root}/docs/hosts.md`, 'utf8');
const cli = `${root}/dist/cli.js`;

function exampleBlock(name: string): string {
  const block = guide.match(new RegExp(`<!-- example:${name} -->\\n\`\`\`text\\n([\\s\\S]*?)\`\`\`\\n<!-- /example:${name} -->`))?.[1];
  if (block === undefined) throw new Error(`docs/hosts.md has no example block '${name}'`);
  return block;
}

function validate(...extra: string[]) {
  return spawnSync(process.execPath, [cli, 'validate', 'docs/examples/two-cases.ndjson', '--path', 'workability-path', ...extra], {
    cwd: root,
    encoding: 'utf8',
  });
}

describe('the worked example of docs/hosts.md', () => {
  it('prints what the guide says, and exits 1 for the rejected case', () => {
    const run = validate();
    expect(run.status).toBe(1);
    expect(`$ kykypolku validate docs/examples/two-cases.ndjson --path workability-path\n${run.stdout}`).toBe(exampleBlock('validate'));
  });

  it('prints the JSON the guide shows', () => {
    expect(validate('--json').stdout).toBe(exampleBlock('validate-json'));
  });

  it('exits 0 for a log with only good cases, 2 for bad usage', () => {
    const good = spawnSync(process.execPath, [cli, 'validate', '-', '--path', 'workability-path'], {
      cwd: root,
      encoding: 'utf8',
      input: readFileSync(`${root}/docs/examples/two-cases.ndjson`, 'utf8')
        .split('\n')
        .filter((line) => line.includes('case-ok'))
        .join('\n'),
    });
    expect(good.status).toBe(0);
    expect(spawnSync(process.execPath, [cli, 'validate', 'docs/examples/two-cases.ndjson'], { cwd: root, encoding: 'utf8' }).status).toBe(
      2,
    );
    expect(
      spawnSync(process.execPath, [cli, 'validate', 'no-such-file.ndjson', '--path', 'workability-path'], { cwd: root, encoding: 'utf8' })
        .stderr,
    ).toContain("cannot read 'no-such-file.ndjson'");
  });
});
