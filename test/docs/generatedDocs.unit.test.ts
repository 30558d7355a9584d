import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInPaths } from 'kykypolku/paths';
import { plannedDocs } from '../../src/cli/docsCommand.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Generated docs never drift from the machines: they are regenerated here, in memory, and must
// equal what is committed.
describe('the generated docs', () => {
  const planned = plannedDocs(root);

  it.each(planned.map((file) => [file.path, file] as const))('%s is up to date (run `npm run docs` if not)', (path, file) => {
    const committed = readFileSync(`${root}/${path}`, 'utf8');
    expect(committed, `${path} differs from what the definitions generate: run \`npm run docs\` and commit the result`).toBe(file.text);
  });

  it('covers every built-in path, with a page and a README diagram each', () => {
    for (const path of builtInPaths) {
      expect(planned.map((file) => file.path)).toContain(`docs/paths/${path.id}.md`);
      expect(planned.map((file) => file.path)).toContain(`machines/${path.id}/README.md`);
    }
  });

  it('carries no timestamp and no absolute path', () => {
    for (const file of planned) {
      expect(file.text).not.toContain(root);
      expect(file.text).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:\d\d/);
    }
  });

  it('keeps the handwritten text of a README around its generated section', () => {
    const readme = planned.find((file) => file.path === 'machines/workability-path/README.md')!.text;
    expect(readme.startsWith('# Work-ability support path (työkyvyn tuen palvelu)')).toBe(true);
    expect(readme).toContain('## Modelling choices');
    expect(readme).toMatch(
      /<!-- generated:diagram:start[^\n]*-->\n\n## Diagram\n[\s\S]*```mermaid\nstateDiagram-v2[\s\S]*<!-- generated:diagram:end -->/,
    );
  });
});
