import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCase, type AnyPathDefinition } from 'kykypolku';
import { describePathGraph, toBpmn } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { acceptedHistoryArbitrary } from 'kykypolku/testing';
import { loadBpmnProcess } from '../support/bpmnEngine.js';
import { leafStatesOf } from '../support/caseProbe.js';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';

const paths: readonly AnyPathDefinition[] = [reviewPath, ...builtInPaths];

/** The event types a case in this leaf state has a transition for (its own or its ancestors'). */
function eventsHandledIn(definition: AnyPathDefinition, leaf: string): string[] {
  const graph = describePathGraph(definition);
  const chain = leaf.split('.').map((_, index, parts) => parts.slice(0, index + 1).join('.'));
  return [
    ...new Set(graph.transitions.filter((transition) => chain.includes(transition.source)).map((transition) => transition.event)),
  ].sort();
}

// The BPMN is a process, not only a picture: bpmn-engine runs it, one instance per event, and
// driving its receive tasks in a history's order must end where the case ends, at the end event
// of the case's end reason.
describe.each(paths.map((path) => [path.id, path] as const))('the BPMN of %s in bpmn-engine', (_id, definition) => {
  it('ends each accepted history at the end event of the case’s end reason, or in the case’s state and context, offering the events it accepts', async () => {
    const graph = describePathGraph(definition);
    const final = new Set(graph.states.filter((state) => state.kind === 'final').map((state) => state.id));
    const initialCase = openCase(definition, { caseId: 'initial' });
    const initial = leafStatesOf(initialCase.state.value)[0]!;
    const initialContext = initialCase.state.context;
    const bpmnProcess = await loadBpmnProcess((await toBpmn(definition)).text, { initial, final });
    await fc.assert(
      // bpmn-engine takes tens of milliseconds an instance; eight events a history keep the run short.
      fc.asyncProperty(acceptedHistoryArbitrary(definition, { maxEvents: 8 }), async (inputs) => {
        const caseRef = openCase(definition, { caseId: 'bpmn' });
        for (const input of inputs) expect(caseRef.record(input as never).ok).toBe(true);
        const result = await bpmnProcess.run(inputs as { type: string; payload: unknown }[]);
        if (caseRef.state.status === 'closed') {
          const outcome = caseRef.state.outcome;
          const [finalState] = leafStatesOf(caseRef.state.value);
          const expectedName = outcome === undefined ? definition.labels.states[finalState!]!.en : definition.outcomes[outcome]!.en;
          expect(result).toMatchObject({ kind: 'ended', endEvent: expectedName, state: finalState });
        } else {
          const [leaf] = leafStatesOf(caseRef.state.value);
          // The process starts from the initial context until a script first writes `context`.
          expect(result.kind === 'open' ? { ...result, context: result.context ?? initialContext } : result).toEqual({
            kind: 'open',
            state: leaf,
            context: caseRef.state.context,
            offered: eventsHandledIn(definition, leaf!),
          });
        }
      }),
      propertyRun(`BPMN of ${definition.id} in bpmn-engine`, 100),
    );
  }, 300_000);
});
