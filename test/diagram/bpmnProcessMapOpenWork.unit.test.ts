import { describe, expect, it } from 'vitest';
import { describePathGraph } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { whileOpen } from '../../machines/workability-path/machine.js';
import { diagramWords } from '../../src/diagram/diagramWords.js';
import { planProcessMap } from '../../src/diagram/processMapPlan.js';

const pathOf = (id: string) => builtInPaths.find((path) => path.id === id)!;

// Work every open state takes alike is drawn once, beside the states, and only where that says what
// the machine does: read back from the plan against the machine.
describe('the work the open states take alike, in the process map', () => {
  it('is drawn once for the work-ability path, beside every state from the contact on, after a parallel gateway', () => {
    const definition = pathOf('workability-path');
    const plan = planProcessMap(definition, 'fi');
    const graph = describePathGraph(definition);
    const together = [...Object.keys(whileOpen), 'NO_FURTHER_VISIT_NEEDED'];
    // Each of that work is one task; the states' own work is still a task per state.
    for (const event of together)
      expect(
        plan.nodes.filter((node) => node.kind === 'task' && node.event === event),
        event,
      ).toHaveLength(1);
    const open = plan.nodes.find((node) => node.kind === 'wait' && node.name === diagramWords.whileOpen.fi)!;
    expect(open).toBeDefined();
    const offered = plan.flows.filter((flow) => flow.source === open.id).map((flow) => plan.nodes.find((node) => node.id === flow.target)!);
    expect(offered.map((node) => node.event).sort()).toEqual([...together].sort());
    // Every open state accepts that work in the machine, with the same handling: it stays, or closes.
    const openStates = graph.states.filter((state) => state.kind === 'atomic' && state.id !== 'opened');
    for (const state of openStates) {
      for (const event of together) {
        const transitions = graph.transitions.filter((transition) => transition.source === state.id && transition.event === event);
        expect(transitions, `${state.id} ${event}`).toHaveLength(1);
        expect([undefined, 'closed'], `${state.id} ${event}`).toContain(transitions[0]!.target);
      }
    }
    // A parallel gateway starts that work and the states' branch (at the contact) together.
    const forks = plan.nodes.filter((node) => node.kind === 'fork' && node.container === undefined);
    expect(forks).toHaveLength(1);
    const started = plan.flows.filter((flow) => flow.source === forks[0]!.id).map((flow) => flow.target);
    expect(started).toEqual([plan.flows.find((flow) => flow.target === open.id)!.source, 'Join__Wait__contacted']);
    // Ending the case ends both branches: every end terminates.
    const ends = plan.nodes.filter((node) => node.kind === 'end');
    expect(ends.length).toBeGreaterThan(1);
    for (const end of ends) expect(end.terminate, end.id).toBe(true);
  });

  it('stays in each state where the states sharing it are left for one that does not (the lifestyle guidance)', () => {
    // Its early closing is taken alike by its first states, which are left for the follow-up,
    // which closes otherwise: drawn beside them, closing would seem possible in the follow-up as early closing.
    const plan = planProcessMap(pathOf('lifestyle-guidance'), 'fi');
    expect(plan.nodes.filter((node) => node.kind === 'fork')).toEqual([]);
    expect(plan.nodes.filter((node) => node.name === diagramWords.whileOpen.fi)).toEqual([]);
    expect(plan.nodes.filter((node) => node.kind === 'end' && node.terminate)).toEqual([]);
    expect(plan.nodes.filter((node) => node.kind === 'task' && node.event === 'CLOSED').length).toBeGreaterThan(1);
  });
});
