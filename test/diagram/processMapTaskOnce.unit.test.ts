import { describe, expect, it } from 'vitest';
import { languages, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { describePathGraph } from 'kykypolku/diagram';
import { describeGuard } from '../../src/diagram/guardExpression.js';
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

// Drawn once, the work must still say what the machine does in each state: the task's
// documentation names every state that takes it, and each guarded transition's condition is on a
// branch after the task that applies to the state the transition leaves (a branch that names
// states applies to those only).
describe.each(paths.map((path) => [path.id, path] as const))('the process map of %s, read against the machine', (_id, definition) => {
  it('names every state that takes a piece of work, and the guard it takes it with', () => {
    const plan = planProcessMap(definition, 'en');
    const graph = describePathGraph(definition);
    const leaves = graph.states.filter((state) => state.kind === 'atomic');
    const labelOf = (id: string) => graph.states.find((state) => state.id === id)!.label.en;
    for (const leaf of leaves) {
      const chain = [leaf.id];
      for (let parent = leaf.parent; parent !== undefined; parent = graph.states.find((state) => state.id === parent)?.parent)
        chain.push(parent);
      for (const transition of graph.transitions.filter((candidate) => chain.includes(candidate.source))) {
        const tasks = plan.nodes.filter((node) => node.kind === 'task' && node.event === transition.event);
        expect(tasks.length, `${leaf.id} ${transition.event}`).toBeGreaterThan(0);
        // The task documentation names the state (or, for work drawn alongside a compound state's phases, the compound state).
        const named = tasks.filter((task) => chain.some((id) => task.documentation!.includes(labelOf(id))));
        expect(named.length, `${leaf.id} ${transition.event}: a task naming the state`).toBeGreaterThan(0);
        if (!transition.guard) continue;
        const text = describeGuard(definition, transition.guard, 'en');
        const branches = plan.flows.filter(
          (flow) =>
            named.some((task) => plan.flows.some((out) => out.source === task.id && out.target === flow.source)) &&
            flow.name?.endsWith(text) &&
            (flow.fromStates === undefined || flow.fromStates.some((id) => chain.includes(id))),
        );
        expect(branches.length, `${leaf.id} ${transition.event} [${text}]`).toBeGreaterThan(0);
      }
    }
  });
});
