import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// Defect 10 of issue 11: `kykypolku validate` prints one line per rejected case. What a log line
// holds (its caseId, its type) reaches a terminal or a CI log only as sanitised excerpts: no escape
// sequence can clear a screen or forge a line, and a 1 MB type prints as a short line.
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = `${root}/dist/cli.js`;

it('prints a rejected case with its caseId and reason sanitised and short', () => {
  const lines = [
    { caseId: 'case-\u001b[2J\u001b[31mforged\nline', type: 'NOPE', at: '2025-05-01T09:00:00Z', actor: { role: 'nurse', id: 'n-1' } },
    { caseId: 'big', type: 'X'.repeat(1 << 20), at: '2025-05-01T09:00:00Z', actor: { role: 'nurse', id: 'n-1' } },
  ].map((line) => JSON.stringify(line));
  const run = spawnSync(process.execPath, [cli, 'validate', '-', '--path', 'workability-path'], {
    cwd: root,
    encoding: 'utf8',
    input: `${lines.join('\n')}\n`,
    maxBuffer: 1 << 26,
  });
  expect(run.status).toBe(1);
  expect(run.stdout.length).toBeLessThan(2000);
  expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  expect(run.stdout.split('\n').filter((line) => line.startsWith('  case '))).toHaveLength(2);
});
