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
  // Alongside the states that take it (started at the contact) or every state (started with the
  // case, as toBpmnProcessMap draws the work-ability path): both say the same.
  it.for([
    ['takingIt', 'Join__Wait__contacted'],
    ['everyState', 'Join__Task__Pool__CONTACT_RECEIVED'],
  ] as const)('is drawn once for the work-ability path, beside the states (%s), after a parallel gateway', ([region, entry]) => {
    const definition = pathOf('workability-path');
    const plan = planProcessMap(definition, 'fi', region);
    const graph = describePathGraph(definition);
    const together = [...Object.keys(whileOpen), 'NO_FURTHER_VISIT_NEEDED', 'SITUATION_MAPPED', 'REFERRED_ONWARD'];
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
    // Every open state that takes that work in the machine stays where it is, or closes; a state
    // that does not take it has a "refused" branch after the task naming it.
    const openStates = graph.states.filter((state) => state.kind === 'atomic' && state.id !== 'opened');
    for (const event of together) {
      const choice = plan.flows.find((flow) => flow.source === `Task__Pool__${event}`)?.target;
      for (const state of openStates) {
        const transitions = graph.transitions.filter((transition) => transition.source === state.id && transition.event === event);
        if (transitions.length === 0) {
          const refused = plan.flows.filter(
            (flow) => flow.source === choice && flow.fromStates?.includes(state.id) && flow.name?.endsWith(diagramWords.refused.fi),
          );
          expect(refused, `${state.id} ${event} refused`).toHaveLength(1);
          continue;
        }
        for (const transition of transitions) expect([undefined, 'closed', state.id], `${state.id} ${event}`).toContain(transition.target);
      }
    }
    // A parallel gateway starts that work and the states' branch (at the contact) together.
    const forks = plan.nodes.filter((node) => node.kind === 'fork' && node.container === undefined);
    expect(forks).toHaveLength(1);
    const started = plan.flows.filter((flow) => flow.source === forks[0]!.id).map((flow) => flow.target);
    expect(started).toEqual([plan.flows.find((flow) => flow.target === open.id)!.source, entry]);
    // Ending the case ends both branches: every end terminates.
    const ends = plan.nodes.filter((node) => node.kind === 'end');
    expect(ends.length).toBeGreaterThan(1);
    for (const end of ends) expect(end.terminate, end.id).toBe(true);
  });

  it('is drawn once for the lifestyle guidance, the choice after it saying which states close early on a condition', () => {
    // Its first states close only on discontinuation or transfer; the follow-up and the final
    // measurements close as they are: one task, the branches naming the states they hold in.
    const plan = planProcessMap(pathOf('lifestyle-guidance'), 'fi');
    expect(plan.nodes.filter((node) => node.kind === 'fork')).toHaveLength(1);
    expect(plan.nodes.filter((node) => node.kind === 'task' && node.event === 'CLOSED')).toHaveLength(1);
    const branches = plan.flows.filter((flow) => flow.source === 'Choice__Pool__CLOSED');
    const early = branches.find((flow) => flow.name?.endsWith(': keskeytys tai siirto'))!;
    expect(early.fromStates).toEqual(['interested', 'enrolled', 'planning', 'intensiveGuidance']);
    const late = branches.find((flow) => flow.fromStates?.includes('followUp') && !flow.name?.endsWith(diagramWords.refused.fi))!;
    expect(late.fromStates).toEqual(['followUp', 'finalMeasurement']);
    expect(late.target).toBe(early.target);
    for (const end of plan.nodes.filter((node) => node.kind === 'end')) expect(end.terminate, end.id).toBe(true);
  });
});
