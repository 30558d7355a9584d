import { describe, expect, it } from 'vitest';
import { languages, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { planProcessMap } from '../../src/diagram/processMapPlan.js';
import { guardCombinationsPath } from '../support/guardCombinationsPath.js';
import { reviewPath } from '../support/reviewPath.js';

const paths: readonly AnyPathDefinition[] = [reviewPath, guardCombinationsPath, ...builtInPaths];

// A piece of work is one task on its plane, however many states take it: a person reads "the nurse
// maps the situation" once, not once per state that allows it. A repeat that is truly a different
// piece of work would be listed here with the reason; there is none.
const differentWork: Readonly<Record<string, readonly string[]>> = {};

describe.each(paths.map((path) => [path.id, path] as const))('the process map of %s', (id, definition) => {
  it.for(languages)('in %s, draws each piece of work once on each plane', (lang) => {
    const plan = planProcessMap(definition, lang);
    const counts = new Map<string, number>();
    for (const node of plan.nodes) {
      if (node.kind !== 'task') continue;
      const key = `${node.container ?? 'pool'}: ${node.name}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const repeated = [...counts]
      .filter(([key, count]) => count > 1 && !(differentWork[id] ?? []).some((allowed) => key.endsWith(`: ${allowed}`)))
      .map(([key, count]) => `${key} ×${count}`);
    expect(repeated).toEqual([]);
  });
});
