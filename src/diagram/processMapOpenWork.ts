import type { GraphState, GraphTransition, PathGraph } from './pathGraph.js';

// Which work the process map draws once, beside the states, at a waiting point of its own: the work
// that leaves the case in the state it is in (or ends it), wherever it is recorded (the work-ability
// path's team review, next appointment, situation mapping and closing; the lifestyle guidance's
// offered sessions and early closing). A person reads it as work done in any order while the case
// is open; the choice after each task says in which states it is recorded.

/** A place the case waits in at the top level of the map, and what it offers. @internal */
export interface OpenPlace {
  readonly state: GraphState;
  readonly byEvent: ReadonlyMap<string, readonly GraphTransition[]>;
}

/**
 * The states the work beside them runs alongside, the events of that work, and the one state the
 * states are entered at (the parallel gateway that starts the work stands in front of it; when it
 * is the path's first state, right after the start).
 *
 * @internal
 */
export interface OpenWork {
  readonly members: ReadonlySet<string>;
  readonly events: ReadonlySet<string>;
  readonly entry: string;
}

/**
 * Which states the work beside them runs alongside, when both may: those that take some of it
 * (entered where they are entered), or every state (started with the case itself).
 *
 * @internal
 */
export type OpenRegion = 'takingIt' | 'everyState';

/**
 * The work drawn once, beside the states, after a parallel gateway: every event that two or more
 * states take and that, in each of them, leaves the state as it is or ends the case (a final
 * state), guarded or not; `excluded` events (those a sub-process draws itself) stay with the states.
 * The states it runs alongside are those that take any of it (with any `subProcesses` they lead
 * into and that lead back to them), or every state at the top level, when they are a closed region
 * of the path (entered at one state, left only for a final state, so that ending the case ends the
 * states' branch too and the map's ends terminate); `region` says which is tried first. Each of
 * them must keep work of its own. `undefined` when there is no such work or no such region.
 *
 * @internal
 */
export function openWorkOf(
  graph: PathGraph,
  places: readonly OpenPlace[],
  excluded: ReadonlySet<string>,
  subProcesses: readonly string[] = [],
  region: OpenRegion = 'takingIt',
): OpenWork | undefined {
  const stateOf = (id: string | undefined) => graph.states.find((state) => state.id === id);
  const isFinal = (id: string | undefined) => stateOf(id)?.kind === 'final';
  const offeredBy = new Map<string, string[]>();
  const staysOrEnds = new Map<string, boolean>();
  for (const place of places) {
    for (const [event, transitions] of place.byEvent) {
      offeredBy.set(event, [...(offeredBy.get(event) ?? []), place.state.id]);
      const stays = transitions.every(
        (transition) => transition.target === undefined || transition.target === place.state.id || isFinal(transition.target),
      );
      staysOrEnds.set(event, (staysOrEnds.get(event) ?? true) && stays);
    }
  }
  const events = new Set(
    [...offeredBy].filter(([event, by]) => by.length >= 2 && staysOrEnds.get(event) && !excluded.has(event)).map(([event]) => event),
  );
  if (events.size === 0) return undefined;
  const taking = new Set(places.filter((place) => [...place.byEvent.keys()].some((event) => events.has(event))).map((p) => p.state.id));
  const initial = graph.initial;
  const intoSubProcess = (target: string) => subProcesses.some((id) => target === id || target.startsWith(`${id}.`));
  const regionOf = (members: ReadonlySet<string>): OpenWork | undefined => {
    const entries = new Set<string>();
    if (members.has(initial) || members.has(stateOf(initial)?.initial ?? '')) entries.add(initial);
    for (const place of places) {
      for (const [event, transitions] of place.byEvent) {
        for (const transition of transitions) {
          const target = transition.target;
          if (target === undefined || isFinal(target)) continue;
          if (members.has(place.state.id)) {
            if (events.has(event) || members.has(target) || intoSubProcess(target)) continue;
            return undefined;
          }
          if (members.has(target)) entries.add(target);
          else if (stateOf(target)?.kind !== 'atomic') return undefined;
        }
      }
    }
    // A sub-process the states lead into is inside the region when every way out of it leads back to them or ends the case.
    for (const transition of graph.transitions) {
      const compound = subProcesses.find((id) => transition.source === id || transition.source.startsWith(`${id}.`));
      const target = transition.target;
      if (compound === undefined || target === undefined || target === compound || target.startsWith(`${compound}.`)) continue;
      if (!members.has(target) && !isFinal(target)) return undefined;
    }
    for (const place of places)
      if (members.has(place.state.id) && [...place.byEvent.keys()].every((event) => events.has(event))) return undefined;
    if (entries.size !== 1) return undefined;
    return { members, events, entry: [...entries][0]! };
  };
  const everyState = new Set(places.map((place) => place.state.id));
  return region === 'everyState' ? (regionOf(everyState) ?? regionOf(taking)) : (regionOf(taking) ?? regionOf(everyState));
}
