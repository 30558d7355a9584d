import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { bpmnId } from './bpmnPlan.js';
import { diagramWords, wordIn } from './diagramWords.js';
import { describeGuard, type GuardExpression } from './guardExpression.js';
import { childStatesOf, describePathGraph, type GraphState, type GraphTransition, type PathGraph } from './pathGraph.js';
import { type OpenRegion, openWorkOf } from './processMapOpenWork.js';
import { alongsideEvents, isWithin, subProcessStates } from './processMapSubProcesses.js';
import { reachableOutcomes } from './reachableOutcomes.js';

/** A flow node of the process map. @internal */
export interface MapNode {
  readonly id: string;
  /**
   * `wait`: the case waits in a state for the next piece of work (an event-based gateway named by
   * the state); `join`: several ways into one place; `choice`: a guarded choice after a task, an
   * end reason, or where a return to a remembered phase leads; `subprocess`: a compound state,
   * drawn collapsed, its phases on a plane of their own; `fork`: inside a sub-process, the phases
   * and the work done alongside every phase start together; `state`: a state with one piece of
   * work that other states share too (a milestone named by the state, in front of that task).
   */
  readonly kind: 'start' | 'end' | 'wait' | 'join' | 'choice' | 'task' | 'subprocess' | 'fork' | 'state';
  readonly name: string | undefined;
  /** The role whose lane holds the node. */
  readonly lane: string;
  /** For a task: the event type it records. */
  readonly event?: string;
  /** For an end event: the outcome it stands for. */
  readonly outcome?: string;
  /** What the node is about, for the reader of the BPMN source (state paths, who may record it). */
  readonly documentation?: string;
  /** The sub-process (its node's id) the node is drawn in; `undefined` at the top level. */
  readonly container?: string | undefined;
  /** For an end event in a sub-process with work alongside its phases: it ends all of the sub-process. */
  readonly terminate?: boolean;
}

/** A sequence flow of the process map. @internal */
export interface MapFlow {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** The words on the flow: a guard's condition, "otherwise", an end reason, a phase. */
  readonly name: string | undefined;
  /** The condition as the machine names it (guard names, outcome, state), for `conditionExpression`. */
  readonly condition: string | undefined;
  readonly isDefault: boolean;
  /** For a branch that depends on the state the case was in: those states (their dotted paths). */
  readonly fromStates?: readonly string[];
}

/** The process map of a path before layout: lanes, nodes, flows. @internal */
export interface ProcessMapPlan {
  readonly definition: AnyPathDefinition;
  readonly lang: Language;
  /** The top level's lanes. */
  readonly lanes: readonly MapLane[];
  /** Every node, the sub-processes' inner nodes included (`container` says where each is drawn). */
  readonly nodes: readonly MapNode[];
  /** Every flow; a flow runs between two nodes of one container. */
  readonly flows: readonly MapFlow[];
  /** The compound states drawn as collapsed sub-processes, each with the lanes of its own plane. */
  readonly subProcesses: readonly MapSubProcess[];
  readonly warnings: readonly string[];
}

/** A lane of the process map: the role whose work it holds. @internal */
export interface MapLane {
  readonly id: string;
  readonly role: string;
  readonly name: string;
}

/** A compound state drawn as a collapsed sub-process with a drill-down plane. @internal */
export interface MapSubProcess {
  /** The id of its node (kind `subprocess`) at the top level. */
  readonly id: string;
  /** The compound state's dotted path. */
  readonly state: string;
  readonly lanes: readonly MapLane[];
}

/** A guard expression in the machine's own names, e.g. `cameThroughNetworkMeeting and caseManagerAllowed`. */
function guardSource(expression: GuardExpression): string {
  switch (expression.kind) {
    case 'guard':
      return expression.name;
    case 'not':
      return `not (${guardSource(expression.item)})`;
    case 'and':
    case 'or':
      return expression.items
        .map((item) => (item.kind === 'guard' ? guardSource(item) : `(${guardSource(item)})`))
        .join(` ${expression.kind} `);
  }
}

function ancestorsOf(graph: PathGraph, state: GraphState): GraphState[] {
  const chain: GraphState[] = [state];
  let parent = state.parent;
  while (parent !== undefined) {
    const found = graph.states.find((candidate) => candidate.id === parent);
    if (!found) break;
    chain.push(found);
    parent = found.parent;
  }
  return chain;
}

function entryLeafOf(graph: PathGraph, id: string): GraphState | undefined {
  let current = graph.states.find((state) => state.id === id);
  while (current && (current.kind === 'compound' || current.kind === 'parallel')) {
    const next = current.initial ?? childStatesOf(graph, current.id)[0]?.id;
    current = graph.states.find((state) => state.id === next);
  }
  return current;
}

function mostCommon(values: readonly string[], fallback: string): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = fallback;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Plans a path's process map, the BPMN a person reads: one process per case, from its start to
 * an end event per end reason. Each piece of work is one task on its plane (the event's label), in
 * the lane of the role that does it (`performers`, else the first role that may record it),
 * however many states take it. Each state the case waits in is an event-based gateway named by the
 * state leading to the tasks it takes (a state with one shared piece of work, a milestone named by
 * the state). After a task an exclusive gateway's branches carry the guards' own conditions and,
 * where the states taking it differ, the states each holds in; when no branch holds the event is
 * refused and the case goes back to the state it was in. Work that leaves the state as it is loops
 * back to the state.
 *
 * A top-level compound state of phases is a collapsed sub-process with a plane of its own: it starts
 * at the phase the case enters (a choice among the phases when it may enter several, e.g. back to the
 * phase it left), the work the compound state takes in every phase runs alongside the phases (a
 * parallel start), and each way out ends the sub-process at an end event named by where the case
 * goes (terminating, so that the work alongside ends too); after the sub-process a choice named by
 * those places continues the map. Other compound states are flattened to their leaves (a parent's
 * work is offered in each leaf); a return to a remembered phase is a choice among the phases.
 *
 * Work that several states at the top level take and that leaves the case where it is or ends it
 * (`openWorkOf`) is drawn once, beside them: as the case enters them, a parallel gateway starts
 * their branch and a waiting point of that work named "while the case is open", whose choices name
 * the states each task is recorded and refused in; the map's ends then terminate.
 *
 * Unlike the executable BPMN (`planBpmn`), nothing here runs: there are no scripts and no
 * router, the process is cyclic as the case is, and context updates are not drawn.
 *
 * @internal
 */
export function planProcessMap(definition: AnyPathDefinition, lang: Language, region: OpenRegion = 'takingIt'): ProcessMapPlan {
  const graph = describePathGraph(definition);
  const warnings: string[] = [...graph.warnings];
  const roles = Object.keys(definition.roles);
  const nodes: MapNode[] = [];
  const flows: MapFlow[] = [];
  const performerOf = (event: string): string => definition.performers?.[event] ?? definition.permissions[event]?.[0] ?? roles[0]!;
  const eventLabel = (event: string) => definition.labels.events[event]?.[lang] ?? event;
  const recordedBy = (event: string): string => {
    const roleNames = (definition.permissions[event] ?? []).map((role) => definition.roles[role]?.[lang] ?? role);
    return `${wordIn('recordedBy', lang)}: ${roleNames.join(', ')}`;
  };
  const flow = (
    source: string,
    target: string,
    extra: Partial<Pick<MapFlow, 'name' | 'condition' | 'isDefault' | 'fromStates'>> = {},
  ): void => {
    flows.push({
      id: bpmnId('Flow', String(flows.length)),
      source,
      target,
      name: extra.name,
      condition: extra.condition,
      isDefault: extra.isDefault ?? false,
      ...(extra.fromStates === undefined ? {} : { fromStates: extra.fromStates }),
    });
  };
  const nodeOf = (id: string) => nodes.find((node) => node.id === id)!;
  const leaves = graph.states.filter((state) => state.kind === 'atomic' || state.kind === 'final');
  const outcomes = reachableOutcomes(definition);
  if (!outcomes.complete)
    warnings.push('the state space is too large to tell which end reasons each final state carries; every end reason is drawn');

  // Sub-processes, and the node id of the one a state is drawn in.
  const compounds = subProcessStates(graph);
  const subIdOf = (compound: GraphState) => bpmnId('Sub', compound.id);
  const containerOfState = (stateId: string): string | undefined => {
    const compound = compounds.find((candidate) => isWithin(stateId, candidate.id));
    return compound ? subIdOf(compound) : undefined;
  };
  const compoundOfSub = new Map(compounds.map((compound) => [subIdOf(compound), compound.id]));
  const alongside = new Map(compounds.map((compound) => [compound.id, alongsideEvents(graph, compound)]));

  // The places a case waits in: each leaf, and for a sub-process with work alongside its phases, a
  // place of that work named by the compound state. What each offers: its own events first, then
  // its ancestors' (XState tries the deepest first), less the work drawn alongside.
  interface Place {
    readonly state: GraphState;
    readonly container: string | undefined;
    readonly byEvent: Map<string, GraphTransition[]>;
  }
  const places: Place[] = [];
  const alongsidePlaces = new Map<string, GraphState>();
  for (const leaf of leaves) {
    if (leaf.kind === 'final') continue;
    const byEvent = new Map<string, GraphTransition[]>();
    for (const state of ancestorsOf(graph, leaf)) {
      const drawnAlongside = alongside.get(state.id) ?? new Set<string>();
      for (const transition of graph.transitions) {
        if (transition.source !== state.id || drawnAlongside.has(transition.event)) continue;
        byEvent.set(transition.event, [...(byEvent.get(transition.event) ?? []), transition]);
      }
    }
    if (byEvent.size === 0) warnings.push(`state '${leaf.id}' accepts no event (a dead end) and is drawn as an end of the map`);
    places.push({ state: leaf, container: containerOfState(leaf.id), byEvent });
  }
  for (const compound of compounds) {
    const events = alongside.get(compound.id)!;
    if (events.size === 0) continue;
    const state: GraphState = { ...compound, id: `${compound.id}.*`, kind: 'atomic', parent: compound.id, initial: undefined };
    const byEvent = new Map<string, GraphTransition[]>();
    for (const transition of graph.transitions) {
      if (transition.source === compound.id && events.has(transition.event))
        byEvent.set(transition.event, [...(byEvent.get(transition.event) ?? []), transition]);
    }
    alongsidePlaces.set(compound.id, state);
    places.push({ state, container: subIdOf(compound), byEvent });
  }
  // Work that leaves the case where it is (or ends it), taken by several states at the top level:
  // drawn once, beside them, at a place of its own that a parallel gateway starts as the case
  // enters them. Work a sub-process draws alongside its phases stays with the states.
  // A sub-process's phases draw their own work; what a sub-process takes alongside its phases, the
  // states around it may take beside them too (its choice then names the sub-process as a state
  // that takes it, drawn inside).
  const inPhases = new Set(
    places
      .filter((place) => place.container !== undefined && ![...alongsidePlaces.values()].includes(place.state))
      .flatMap((place) => [...place.byEvent.keys()]),
  );
  const topPlaces = places.filter((place) => place.container === undefined && place.byEvent.size > 0);
  const open = openWorkOf(
    graph,
    topPlaces,
    inPhases,
    compounds.map((compound) => compound.id),
    region,
  );
  const openState: GraphState | undefined = open && {
    ...graph.states.find((state) => state.id === open.entry)!,
    id: '*open*',
    label: diagramWords.whileOpen,
    parent: undefined,
    initial: undefined,
  };
  // For each piece of work drawn beside the states, what each state does with it.
  const openHandling = new Map<string, { state: GraphState; transitions: readonly GraphTransition[] }[]>();
  if (open && openState) {
    const byEvent = new Map<string, GraphTransition[]>();
    for (const place of places) {
      if (!open.members.has(place.state.id)) continue;
      for (const event of open.events) {
        const transitions = place.byEvent.get(event);
        if (transitions === undefined) continue;
        if (!byEvent.has(event)) byEvent.set(event, [...transitions]);
        openHandling.set(event, [...(openHandling.get(event) ?? []), { state: place.state, transitions }]);
        place.byEvent.delete(event);
      }
    }
    for (const compound of compounds) {
      const alongsidePlace = places.find((place) => place.state === alongsidePlaces.get(compound.id));
      if (!alongsidePlace) continue;
      for (const event of open.events) {
        const transitions = alongsidePlace.byEvent.get(event);
        if (transitions) openHandling.set(event, [...(openHandling.get(event) ?? []), { state: compound, transitions }]);
      }
    }
    places.push({ state: openState, container: undefined, byEvent });
  }

  // The place a flow into a state arrives at, filled in once every state's own nodes exist; joins
  // are put in front of places several flows arrive at, at the end.
  const entryOf = new Map<string, string>();
  const laneOfState = new Map<string, string>();
  for (const place of places) {
    const events = [...place.byEvent.keys()];
    laneOfState.set(
      place.state.id,
      mostCommon(
        events.map((event) => performerOf(event)),
        roles[0]!,
      ),
    );
  }

  const initialLeaf = entryLeafOf(graph, graph.initial);
  const laneOfEntering = (stateId: string): string => {
    const leaf = entryLeafOf(graph, stateId);
    return leaf ? (laneOfState.get(leaf.id) ?? roles[0]!) : roles[0]!;
  };
  nodes.push({
    id: 'StartEvent',
    kind: 'start',
    name: initialLeaf?.label[lang] ?? definition.title[lang],
    lane: initialLeaf ? laneOfEntering(initialLeaf.id) : roles[0]!,
  });
  for (const compound of compounds) {
    const inner = places.filter((place) => place.container === subIdOf(compound));
    nodes.push({
      id: subIdOf(compound),
      kind: 'subprocess',
      name: compound.label[lang],
      lane: mostCommon(
        inner.flatMap((place) => [...place.byEvent.keys()].map((event) => performerOf(event))),
        roles[0]!,
      ),
      documentation: compound.id,
    });
  }

  // Pending flows to states, resolved to entries below.
  const toState: {
    source: string;
    /** For work that leaves the case where it was, that state. */
    from: string;
    /** Into the states the work beside them runs alongside, from outside them. */
    entering: boolean;
    state: GraphState;
    extra: Partial<Pick<MapFlow, 'name' | 'condition' | 'isDefault' | 'fromStates'>>;
  }[] = [];
  const finalEntries = new Map<string, string>();
  const historyEntries = new Map<string, string>();

  const finalEntryOf = (state: GraphState, lane: string): string => {
    const known = finalEntries.get(state.id);
    if (known) return known;
    const stateOutcomes = outcomes.byFinalState.get(state.id) ?? Object.keys(definition.outcomes);
    if (stateOutcomes.length <= 1) {
      const outcome = stateOutcomes[0];
      const id = bpmnId('End', state.id, outcome ?? 'reached');
      nodes.push({
        id,
        kind: 'end',
        name: outcome ? definition.outcomes[outcome]![lang] : state.label[lang],
        lane,
        outcome,
        documentation: state.id,
      });
      finalEntries.set(state.id, id);
      return id;
    }
    const id = bpmnId('EndReason', state.id);
    nodes.push({ id, kind: 'choice', name: wordIn('outcome', lang), lane, documentation: state.id });
    finalEntries.set(state.id, id);
    for (const outcome of stateOutcomes) {
      const end = bpmnId('End', state.id, outcome);
      nodes.push({ id: end, kind: 'end', name: definition.outcomes[outcome]![lang], lane, outcome, documentation: state.id });
      flow(id, end, { name: definition.outcomes[outcome]![lang], condition: `outcome = ${outcome}` });
    }
    return id;
  };

  // Into the open states from outside: the parallel gateway that starts them and the work beside them.
  const openFork = open && openState ? bpmnId('Fork', openState.id) : undefined;
  const intoOpen = (from: string, state: GraphState) =>
    openFork !== undefined && open!.members.has(state.id) && !open!.members.has(from) && from !== openState!.id;
  // One task per piece of work on each plane, however many states take it: each state's waiting
  // point leads to it, and after it a choice says where the case goes, by the guards' own
  // conditions and, where the states differ, by the state it was in.
  interface Outcome {
    readonly states: GraphState[];
    readonly target: GraphState;
    /** The guard's words, "otherwise" or "refused"; `undefined` for unguarded work. */
    readonly text: string | undefined;
    readonly condition: string | undefined;
    readonly isDefault: boolean;
    /** The state the case was in, for work that leaves it there (a loop back to it). */
    readonly from: string;
  }
  const entering = '*entering*';
  const stateList = (states: readonly GraphState[]) => {
    const names = states.map((state) => state.label[lang]);
    return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${wordIn('or', lang)} ${names.at(-1)}`;
  };
  const tasksOf = new Map<string, { container: string | undefined; event: string; sources: Place[] }>();
  for (const place of places) {
    for (const event of place.byEvent.keys()) {
      const key = `${place.container ?? ''}\u0000${event}`;
      const known = tasksOf.get(key);
      if (known) known.sources.push(place);
      else tasksOf.set(key, { container: place.container, event, sources: [place] });
    }
  }
  const sharedElsewhere = (place: Place) =>
    [...place.byEvent.keys()].some((event) => (tasksOf.get(`${place.container ?? ''}\u0000${event}`)?.sources.length ?? 0) > 1);
  for (const place of places) {
    if (place.byEvent.size === 0) {
      const id = bpmnId('End', place.state.id);
      nodes.push({
        id,
        kind: 'end',
        name: place.state.label[lang],
        lane: laneOfState.get(place.state.id)!,
        documentation: place.state.id,
        container: place.container,
      });
      entryOf.set(place.state.id, id);
    } else if (place.byEvent.size > 1 || sharedElsewhere(place)) {
      const id = bpmnId(place.byEvent.size > 1 ? 'Wait' : 'State', place.state.id);
      const lane = laneOfState.get(place.state.id)!;
      const kind = place.byEvent.size > 1 ? 'wait' : 'state';
      nodes.push({ id, kind, name: place.state.label[lang], lane, documentation: place.state.id, container: place.container });
      entryOf.set(place.state.id, id);
    }
  }
  for (const { container, event, sources } of tasksOf.values()) {
    const task = bpmnId('Task', container ?? 'Pool', event);
    // The states whose work this is: beside the states, the states that take it.
    const takenIn = (place: Place) =>
      place.state === openState ? (openHandling.get(event) ?? []) : [{ state: place.state, transitions: place.byEvent.get(event)! }];
    const handling = sources.flatMap((place) => takenIn(place).map((taken) => ({ place, ...taken })));
    nodes.push({
      id: task,
      kind: 'task',
      name: eventLabel(event),
      lane: performerOf(event),
      event,
      documentation: `${stateList(handling.map((taken) => taken.state))}. ${recordedBy(event)}`,
      container,
    });
    for (const place of sources) {
      if (entryOf.has(place.state.id)) flow(entryOf.get(place.state.id)!, task);
      else entryOf.set(place.state.id, task);
    }
    // Where the case goes from each state, grouped by the words on the branch and where it leads.
    const outcomes: Outcome[] = [];
    const add = (outcome: Omit<Outcome, 'states'>, state: GraphState) => {
      // Staying in a state and coming to it from another lead to the same place: one branch.
      const same = outcomes.findIndex(
        (known) =>
          known.target === outcome.target && known.text === outcome.text && (known.from === entering) === (outcome.from === entering),
      );
      if (same === -1) outcomes.push({ ...outcome, states: [state] });
      else {
        const known = outcomes[same]!;
        outcomes[same] = { ...known, from: known.from || outcome.from, states: [...known.states, state] };
      }
    };
    for (const { place, state, transitions } of handling) {
      const firstUnguarded = transitions.findIndex((transition) => transition.guard === undefined);
      const reachable = firstUnguarded === -1 ? transitions : transitions.slice(0, firstUnguarded + 1);
      // Work beside the states that leaves the case where it is comes back beside the states.
      const stayIn = place.state;
      for (const transition of reachable) {
        const to =
          transition.target === undefined || transition.target === state.id
            ? stayIn
            : graph.states.find((candidate) => candidate.id === transition.target);
        if (!to) continue;
        const from = to === stayIn ? stayIn.id : container === undefined && intoOpen(stayIn.id, to) ? entering : '';
        if (transition.guard) {
          add(
            {
              target: to,
              text: describeGuard(definition, transition.guard, lang),
              condition: guardSource(transition.guard),
              isDefault: false,
              from,
            },
            state,
          );
        } else {
          add(
            { target: to, text: reachable.length > 1 ? wordIn('otherwise', lang) : undefined, condition: undefined, isDefault: true, from },
            state,
          );
        }
      }
      // No candidate holds: the event is refused and the case stays where it was.
      if (firstUnguarded === -1)
        add({ target: stayIn, text: wordIn('refused', lang), condition: undefined, isDefault: true, from: stayIn.id }, state);
    }
    // Beside the states, work some of them do not take is refused in those.
    if (sources.some((place) => place.state === openState)) {
      const others = places.filter((place) => open!.members.has(place.state.id) && !handling.some((taken) => taken.state === place.state));
      for (const place of others)
        add({ target: openState!, text: wordIn('refused', lang), condition: undefined, isDefault: true, from: openState!.id }, place.state);
    }
    if (outcomes.length === 1 && outcomes[0]!.text === undefined) {
      const only = outcomes[0]!;
      toState.push({ source: task, from: only.from, entering: only.from === entering, state: only.target, extra: {} });
      continue;
    }
    const choice = bpmnId('Choice', container ?? 'Pool', event);
    nodes.push({ id: choice, kind: 'choice', name: `${eventLabel(event)}?`, lane: performerOf(event), container });
    flow(task, choice);
    const distinctStates = new Set(outcomes.flatMap((outcome) => outcome.states));
    for (const outcome of outcomes) {
      const byState = outcome.states.length < distinctStates.size;
      const name = byState
        ? outcome.text === undefined || outcome.text === wordIn('otherwise', lang)
          ? stateList(outcome.states)
          : `${stateList(outcome.states)}: ${outcome.text}`
        : outcome.text;
      const inStates = byState ? `in ${outcome.states.map((state) => state.id).join(' or ')}` : undefined;
      const condition = [inStates, outcome.condition].filter((part) => part !== undefined).join(' and ') || undefined;
      toState.push({
        source: choice,
        from: outcome.from,
        entering: outcome.from === entering,
        state: outcome.target,
        extra: {
          name,
          condition,
          isDefault: outcome.isDefault && !byState,
          ...(byState ? { fromStates: outcome.states.map((state) => state.id) } : {}),
        },
      });
    }
  }
  const resolveLocal = (state: GraphState, lane: string, container: string | undefined): string | undefined => {
    if (state.kind === 'final') return finalEntryOf(state, lane);
    if (state.kind === 'history') {
      const known = historyEntries.get(state.id);
      if (known) return known;
      // Where a return to a remembered phase leads is known only when the case gets there: a
      // choice among the phases the parent can be left in, each named by its phase.
      const parent = graph.states.find((candidate) => candidate.id === state.parent);
      const id = bpmnId('Back', state.id);
      historyEntries.set(state.id, id);
      nodes.push({
        id,
        kind: 'choice',
        name: `${wordIn('backToWhereItLeft', lang)}: ${parent?.label[lang] ?? ''}`,
        lane,
        documentation: state.id,
        container,
      });
      for (const phase of phasesOf(state)) {
        const entry = entryOf.get(phase.id);
        if (entry) flow(id, entry, { name: phase.label[lang], condition: `left in ${phase.id}` });
      }
      return id;
    }
    const leaf = state.kind === 'atomic' ? state : entryLeafOf(graph, state.id);
    return leaf ? entryOf.get(leaf.id) : undefined;
  };
  const phasesOf = (history: GraphState) =>
    leaves.filter(
      (candidate) =>
        candidate.kind !== 'final' &&
        (history.history === 'deep' ? candidate.id.startsWith(`${history.parent}.`) : candidate.parent === history.parent),
    );

  // Into a sub-process: the phases the case may enter it at; out of one: the places it may go to.
  const entries = new Map<string, Set<GraphState>>(compounds.map((compound) => [subIdOf(compound), new Set<GraphState>()]));
  const exits = new Map<string, Map<string, GraphState>>(compounds.map((compound) => [subIdOf(compound), new Map()]));
  const resolve = (state: GraphState, lane: string, container: string | undefined): string | undefined => {
    const into = containerOfState(state.id);
    if (into === container) return resolveLocal(state, lane, container);
    if (container !== undefined) {
      // Out of the sub-process: an end event named by where the case goes. With work alongside the
      // phases the end terminates (it ends that work too), and each way out has an end of its own,
      // so that no flows are drawn across the plane to one end.
      exits.get(container)!.set(state.id, state);
      const terminate = alongsidePlaces.has(compoundOfSub.get(container)!);
      const known = nodes.filter((node) => node.container === container && node.documentation === state.id && node.kind === 'end');
      const id = bpmnId('Exit', container, state.id, ...(terminate ? [String(known.length)] : []));
      if (!terminate && known.length > 0) return known[0]!.id;
      nodes.push({ id, kind: 'end', name: state.label[lang], lane, documentation: state.id, container, terminate });
      return id;
    }
    const entered = entries.get(into!)!;
    if (state.kind === 'history') for (const phase of phasesOf(state)) entered.add(phase);
    else {
      const leaf = state.kind === 'atomic' ? state : entryLeafOf(graph, state.id);
      if (leaf) entered.add(leaf);
    }
    return into;
  };
  if (open && openState && openFork) {
    nodes.push({ id: openFork, kind: 'fork', name: undefined, lane: laneOfState.get(open.entry)!, documentation: open.entry });
    flow(openFork, entryOf.get(openState.id)!);
    flow(openFork, entryOf.get(open.entry)!);
  }
  const initialEntry = initialLeaf ? resolve(initialLeaf, nodes[0]!.lane, undefined) : undefined;
  // The work beside the states may start with the case itself, right after the start.
  if (openFork !== undefined && initialLeaf?.id === open!.entry) flow('StartEvent', openFork);
  else if (initialEntry) flow('StartEvent', initialEntry);
  // Work that leaves the case where it was comes back to its state through one join after the
  // state's tasks, so that a state has one loop, not one per task.
  const stays = new Map<string, number>();
  for (const pending of toState) if (pending.state.id === pending.from) stays.set(pending.from, (stays.get(pending.from) ?? 0) + 1);
  for (const [leafId, count] of stays) {
    if (count < 2) continue;
    const back = bpmnId('Stay', leafId);
    const entry = entryOf.get(leafId);
    nodes.push({
      id: back,
      kind: 'join',
      name: undefined,
      lane: laneOfState.get(leafId)!,
      documentation: leafId,
      container: entry ? nodeOf(entry).container : undefined,
    });
    if (entry) flow(back, entry);
  }
  for (const pending of toState) {
    const source = nodeOf(pending.source);
    const stay = pending.state.id === pending.from && (stays.get(pending.from) ?? 0) >= 2;
    const target = stay
      ? bpmnId('Stay', pending.from)
      : pending.entering
        ? openFork
        : resolve(pending.state, source.lane, source.container);
    if (target) flow(pending.source, target, pending.extra);
  }

  // After each sub-process, the case goes where its end event said; inside, it starts at the
  // phase it enters, with the work alongside the phases started beside it.
  for (const compound of compounds) {
    const sub = subIdOf(compound);
    const places = [...exits.get(sub)!.values()];
    if (places.length === 1) {
      const target = resolve(places[0]!, nodeOf(sub).lane, undefined);
      if (target) flow(sub, target);
    } else if (places.length > 1) {
      const choice = bpmnId('Left', compound.id);
      nodes.push({
        id: choice,
        kind: 'choice',
        name: `${compound.label[lang]}: ${wordIn('goesOnTo', lang)}`,
        lane: nodeOf(sub).lane,
        documentation: compound.id,
      });
      flow(sub, choice);
      for (const place of places) {
        const target = resolve(place, nodeOf(sub).lane, undefined);
        if (target) flow(choice, target, { name: place.label[lang], condition: `left to ${place.id}` });
      }
    }
  }
  for (const compound of compounds) {
    const sub = subIdOf(compound);
    const entered = [...entries.get(sub)!];
    const firstLane = entered[0] ? (laneOfState.get(entered[0].id) ?? nodeOf(sub).lane) : nodeOf(sub).lane;
    const start = bpmnId('Start', compound.id);
    nodes.push({ id: start, kind: 'start', name: compound.label[lang], lane: firstLane, container: sub, documentation: compound.id });
    let from = start;
    const alongsidePlace = alongsidePlaces.get(compound.id);
    if (alongsidePlace) {
      const fork = bpmnId('Fork', compound.id);
      nodes.push({ id: fork, kind: 'fork', name: undefined, lane: firstLane, container: sub, documentation: compound.id });
      flow(start, fork);
      const alongsideEntry = entryOf.get(alongsidePlace.id);
      if (alongsideEntry) flow(fork, alongsideEntry);
      from = fork;
    }
    if (entered.length === 1) {
      const entry = entryOf.get(entered[0]!.id);
      if (entry) flow(from, entry);
    } else if (entered.length > 1) {
      const choice = bpmnId('Enter', compound.id);
      nodes.push({
        id: choice,
        kind: 'choice',
        name: `${compound.label[lang]}: ${wordIn('entersPhase', lang)}`,
        lane: firstLane,
        container: sub,
        documentation: compound.id,
      });
      flow(from, choice);
      for (const phase of leaves.filter((leaf) => entered.includes(leaf))) {
        const entry = entryOf.get(phase.id);
        if (entry) flow(choice, entry, { name: phase.label[lang], condition: `enters ${phase.id}` });
      }
    }
  }

  // A place several flows arrive at gets a joining gateway in front of it, so that no gateway both
  // joins and forks and no task or event joins implicitly.
  const incoming = new Map<string, number>();
  for (const current of flows) incoming.set(current.target, (incoming.get(current.target) ?? 0) + 1);
  for (const [target, count] of incoming) {
    if (count <= 1 || nodeOf(target).kind === 'join') continue;
    const join = bpmnId('Join', target);
    const targetNode = nodeOf(target);
    flows.forEach((current, index) => {
      if (current.target === target) flows[index] = { ...current, target: join };
    });
    nodes.splice(nodes.indexOf(targetNode), 0, {
      id: join,
      kind: 'join',
      name: undefined,
      lane: targetNode.lane,
      container: targetNode.container,
    });
    flow(join, target);
  }
  // Ending the case ends the open states' branch and the work beside them alike: the ends terminate.
  if (open)
    nodes.forEach((node, index) => {
      if (node.kind === 'end' && node.container === undefined) nodes[index] = { ...node, terminate: true };
    });
  const lanesOf = (container: string | undefined, prefix: readonly string[]) =>
    roles
      .filter((role) => nodes.some((node) => node.lane === role && node.container === container))
      .map((role) => ({ id: bpmnId('Lane', ...prefix, role), role, name: definition.roles[role]![lang] }));
  const subProcesses = compounds.map((compound) => ({
    id: subIdOf(compound),
    state: compound.id,
    lanes: lanesOf(subIdOf(compound), [compound.id]),
  }));
  return { definition, lang, lanes: lanesOf(undefined, []), nodes, flows, subProcesses, warnings };
}
