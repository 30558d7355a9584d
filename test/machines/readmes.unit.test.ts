import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInPaths } from 'kykypolku/paths';

describe.each(builtInPaths.map((path) => [path.id, path] as const))('the README of %s', (id, path) => {
  const readme = readFileSync(new URL(`../../machines/${id}/README.md`, import.meta.url), 'utf8');

  it('names every state, event, rule, guard, deadline, role and outcome of the definition, and its seeds', () => {
    const names = [
      path.id,
      ...Object.keys(path.labels.states),
      ...Object.keys(path.events),
      ...path.rules.flatMap((rule) => [rule.id, rule.source.seed, ...rule.enforcedBy]),
      ...path.deadlines.flatMap((deadline) => [deadline.id, deadline.source.seed]),
      ...Object.keys(path.roles),
      ...Object.keys(path.outcomes),
    ];
    for (const name of names) expect(readme, name).toContain(`\`${name}\``);
  });
});
