import { childStatesOf, type GraphState, type PathGraph } from './pathGraph.js';

// Which compound states the process map draws as sub-processes, and which of their work it draws
// once, alongside the phases.

/**
 * The compound states drawn as sub-processes: top-level compound states whose children are
 * atomic phases (and shallow history), so that each phase is a place of the sub-process and every
 * way out of it leaves the sub-process, and which take work in every phase that can be drawn once
 * alongside the phases (that work is what a sub-process saves: without it, the flattened phases
 * draw the same tasks with fewer gateways). Others (parallel, nested, with a final child) are flattened.
 *
 * @internal
 */
export function subProcessStates(graph: PathGraph): GraphState[] {
  return graph.states.filter((state) => {
    if (state.kind !== 'compound' || state.parent !== undefined) return false;
    const children = childStatesOf(graph, state.id);
    return (
      children.filter((child) => child.kind === 'atomic').length >= 2 &&
      children.every((child) => child.kind === 'atomic' || (child.kind === 'history' && child.history !== 'deep')) &&
      alongsideEvents(graph, state).size > 0
    );
  });
}

/** Whether a state is a compound state or inside it. @internal */
export const isWithin = (stateId: string, compound: string) => stateId === compound || stateId.startsWith(`${compound}.`);

/**
 * The events a compound state takes in every phase alike and that leave the phase as it is or the
 * compound state altogether: drawn once, alongside the phases, instead of once per phase. An event
 * a phase handles itself (XState tries the deepest first) or that moves between phases stays with the phases.
 *
 * @internal
 */
export function alongsideEvents(graph: PathGraph, compound: GraphState): Set<string> {
  const own = graph.transitions.filter((transition) => transition.source === compound.id);
  const events = new Set(own.map((transition) => transition.event));
  for (const transition of graph.transitions) {
    if (transition.source.startsWith(`${compound.id}.`)) events.delete(transition.event);
  }
  for (const transition of own) {
    if (transition.target !== undefined && isWithin(transition.target, compound.id)) events.delete(transition.event);
  }
  // The work alongside ends when a phase is left, so each way out terminates the sub-process; with
  // a single way out, a terminating end says no more than a plain one would (bpmnlint's
  // superfluous-termination), so the work stays with the phases.
  const waysOut = graph.transitions.filter(
    (transition) =>
      isWithin(transition.source, compound.id) && transition.target !== undefined && !isWithin(transition.target, compound.id),
  );
  return waysOut.length >= 2 ? events : new Set();
}
