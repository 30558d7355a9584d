import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workabilityPath } from 'kykypolku/paths';

const readme = readFileSync(new URL('../../../machines/workability-path/README.md', import.meta.url), 'utf8');

describe('the work-ability path README', () => {
  it('names every state, event, rule, guard, deadline, role and end reason of the definition', () => {
    const names = [
      ...Object.keys(workabilityPath.labels.states),
      ...Object.keys(workabilityPath.events),
      ...workabilityPath.rules.flatMap((rule) => [rule.id, rule.source.seed, ...rule.enforcedBy]),
      ...workabilityPath.deadlines.flatMap((deadline) => [deadline.id, deadline.source.seed]),
      ...Object.keys(workabilityPath.roles),
      ...Object.keys(workabilityPath.outcomes),
    ];
    for (const name of names) expect(readme, name).toContain(`\`${name}\``);
  });
});
