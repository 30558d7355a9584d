import { describeGuard } from './guardExpression.js';
import type { GraphState, GraphTransition, PathGraph } from './pathGraph.js';

// Which work the process map draws once, beside the states, for states that are not one compound
// state in the machine but take that work alike (the work-ability path's team review, next
// appointment and closing in every open state).

/** A place the case waits in at the top level of the map, and what it offers. @internal */
export interface OpenPlace {
  readonly state: GraphState;
  readonly byEvent: ReadonlyMap<string, readonly GraphTransition[]>;
}

/** The states that take work alike, the events of that work, and the one state they are entered at. @internal */
export interface OpenWork {
  readonly members: ReadonlySet<string>;
  readonly events: ReadonlySet<string>;
  readonly entry: string;
}

const handlingOf = (definition: Parameters<typeof describeGuard>[0], transitions: readonly GraphTransition[]) =>
  JSON.stringify(
    transitions.map((transition) => [transition.guard ? describeGuard(definition, transition.guard, 'en') : '', transition.target ?? '']),
  );

/**
 * The work drawn once, beside the states, after a parallel gateway: the events that the most
 * states take, each in all of them with the same guards and targets, leaving the state as it is
 * or ending the case (a final state); drawn so only when those states are a closed region of the
 * path — entered at one state, left only for a final state, so that ending the case ends the
 * states' branch too (the map's ends then terminate) — and each of them keeps work of its own.
 * `undefined` when no such work exists.
 *
 * @internal
 */
export function openWorkOf(
  definition: Parameters<typeof describeGuard>[0],
  graph: PathGraph,
  places: readonly OpenPlace[],
): OpenWork | undefined {
  const stateOf = (id: string | undefined) => graph.states.find((state) => state.id === id);
  const isFinal = (id: string | undefined) => stateOf(id)?.kind === 'final';
  const byEvent = new Map<string, { handling: string; members: string[] } | null>();
  for (const place of places) {
    for (const [event, transitions] of place.byEvent) {
      const handling = handlingOf(definition, transitions);
      const known = byEvent.get(event);
      if (known === null) continue;
      if (known === undefined) byEvent.set(event, { handling, members: [place.state.id] });
      else if (known.handling === handling) known.members.push(place.state.id);
      else byEvent.set(event, null);
    }
  }
  const eligible = [...byEvent].filter(([event, found]) => {
    if (!found || found.members.length < 2) return false;
    const transitions = places.find((place) => place.state.id === found.members[0])!.byEvent.get(event)!;
    return transitions.every((transition) => transition.target === undefined || isFinal(transition.target));
  });
  const widest = eligible.reduce((most, [, found]) => Math.max(most, found!.members.length), 0);
  if (widest < 2) return undefined;
  const memberList = eligible.find(([, found]) => found!.members.length === widest)![1]!.members;
  const members = new Set(memberList);
  const key = [...members].sort().join(' ');
  const events = new Set(eligible.filter(([, found]) => [...found!.members].sort().join(' ') === key).map(([event]) => event));
  // A closed region: every way out of a member leads to a member or a final state, every member
  // keeps work of its own, and the region is entered at one state only.
  const entries = new Set<string>();
  if (members.has(graph.initial) || members.has(stateOf(graph.initial)?.initial ?? '')) return undefined;
  for (const place of places) {
    for (const [event, transitions] of place.byEvent) {
      for (const transition of transitions) {
        const target = transition.target;
        if (members.has(place.state.id)) {
          if (events.has(event) || target === undefined || members.has(target) || isFinal(target)) continue;
          return undefined;
        }
        if (target !== undefined && members.has(target)) entries.add(target);
        else if (target !== undefined && stateOf(target)?.kind !== 'atomic' && !isFinal(target)) return undefined;
      }
    }
  }
  for (const place of places)
    if (members.has(place.state.id) && [...place.byEvent.keys()].every((event) => events.has(event))) return undefined;
  if (entries.size !== 1) return undefined;
  return { members, events, entry: [...entries][0]! };
}
