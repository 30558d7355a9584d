import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { bpmnId } from './bpmnPlan.js';
import { wordIn } from './diagramWords.js';
import { describeGuard, type GuardExpression } from './guardExpression.js';
import { childStatesOf, describePathGraph, type GraphState, type GraphTransition, type PathGraph } from './pathGraph.js';
import { reachableOutcomes } from './reachableOutcomes.js';

/** A flow node of the process map. @internal */
export interface MapNode {
  readonly id: string;
  /**
   * `wait`: the case waits in a state for the next piece of work (an event-based gateway named by
   * the state); `join`: several ways into one place; `choice`: a guarded choice after a task, an
   * end reason, or where a return to a remembered phase leads.
   */
  readonly kind: 'start' | 'end' | 'wait' | 'join' | 'choice' | 'task';
  readonly name: string | undefined;
  /** The role whose lane holds the node. */
  readonly lane: string;
  /** For a task: the event type it records. */
  readonly event?: string;
  /** For an end event: the outcome it stands for. */
  readonly outcome?: string;
  /** What the node is about, for the reader of the BPMN source (state paths, who may record it). */
  readonly documentation?: string;
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
}

/** The process map of a path before layout: lanes, nodes, flows. @internal */
export interface ProcessMapPlan {
  readonly definition: AnyPathDefinition;
  readonly lang: Language;
  readonly lanes: readonly { readonly id: string; readonly role: string; readonly name: string }[];
  readonly nodes: readonly MapNode[];
  readonly flows: readonly MapFlow[];
  readonly warnings: readonly string[];
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
 * an end event per end reason. Each state the case waits in is an event-based gateway named by
 * the state, offering a task per piece of work recorded there (the event's label), in the lane of
 * the role that does it (`performers`, else the first role that may record it). A guarded event
 * is followed by an exclusive gateway whose branches carry the guards' own conditions; when no
 * branch holds the event is refused and the case stays where it was. Work that leaves the state
 * as it is loops back to the state. Compound states are flattened to their leaves (a parent's work
 * is offered in each leaf); a return to a remembered phase is a choice among the phases.
 *
 * Unlike the executable BPMN (`planBpmn`), nothing here runs: there are no scripts and no
 * router, the process is cyclic as the case is, and context updates are not drawn.
 *
 * @internal
 */
export function planProcessMap(definition: AnyPathDefinition, lang: Language): ProcessMapPlan {
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
  const flow = (source: string, target: string, extra: Partial<Pick<MapFlow, 'name' | 'condition' | 'isDefault'>> = {}): void => {
    flows.push({
      id: bpmnId('Flow', String(flows.length)),
      source,
      target,
      name: extra.name,
      condition: extra.condition,
      isDefault: extra.isDefault ?? false,
    });
  };
  const leaves = graph.states.filter((state) => state.kind === 'atomic' || state.kind === 'final');
  const outcomes = reachableOutcomes(definition);
  if (!outcomes.complete)
    warnings.push('the state space is too large to tell which end reasons each final state carries; every end reason is drawn');

  // What each leaf offers: its own events first, then its ancestors' (XState tries the deepest first).
  const offers = new Map<string, Map<string, GraphTransition[]>>();
  for (const leaf of leaves) {
    if (leaf.kind === 'final') continue;
    const byEvent = new Map<string, GraphTransition[]>();
    for (const state of ancestorsOf(graph, leaf)) {
      for (const transition of graph.transitions) {
        if (transition.source === state.id) byEvent.set(transition.event, [...(byEvent.get(transition.event) ?? []), transition]);
      }
    }
    if (byEvent.size === 0) warnings.push(`state '${leaf.id}' accepts no event (a dead end) and is drawn as an end of the map`);
    offers.set(leaf.id, byEvent);
  }

  // The place a flow into a state arrives at, filled in once every state's own nodes exist; joins
  // are put in front of places several flows arrive at, at the end.
  const entryOf = new Map<string, string>();
  const laneOfState = new Map<string, string>();
  for (const leaf of leaves) {
    if (leaf.kind === 'final') continue;
    const events = [...offers.get(leaf.id)!.keys()];
    laneOfState.set(
      leaf.id,
      mostCommon(
        events.map((event) => performerOf(event)),
        roles[0]!,
      ),
    );
  }

  const initialLeaf = entryLeafOf(graph, graph.initial);
  nodes.push({
    id: 'StartEvent',
    kind: 'start',
    name: initialLeaf?.label[lang] ?? definition.title[lang],
    lane: initialLeaf ? (laneOfState.get(initialLeaf.id) ?? roles[0]!) : roles[0]!,
  });

  // Pending flows to states, resolved to entries below.
  const toState: {
    source: string;
    from: string;
    state: GraphState;
    extra: Partial<Pick<MapFlow, 'name' | 'condition' | 'isDefault'>>;
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

  for (const leaf of leaves) {
    if (leaf.kind === 'final') continue;
    const byEvent = offers.get(leaf.id)!;
    const events = [...byEvent.keys()];
    if (events.length === 0) {
      const id = bpmnId('End', leaf.id);
      nodes.push({ id, kind: 'end', name: leaf.label[lang], lane: laneOfState.get(leaf.id)!, documentation: leaf.id });
      entryOf.set(leaf.id, id);
      continue;
    }
    const lane = laneOfState.get(leaf.id)!;
    let from: string | undefined;
    if (events.length > 1) {
      from = bpmnId('Wait', leaf.id);
      nodes.push({ id: from, kind: 'wait', name: leaf.label[lang], lane, documentation: leaf.id });
      entryOf.set(leaf.id, from);
    }
    for (const event of events) {
      const task = bpmnId('Task', leaf.id, event);
      nodes.push({
        id: task,
        kind: 'task',
        name: eventLabel(event),
        lane: performerOf(event),
        event,
        documentation: `${leaf.label[lang]}. ${recordedBy(event)}`,
      });
      if (from) flow(from, task);
      else entryOf.set(leaf.id, task);
      const candidates = byEvent.get(event)!;
      const firstUnguarded = candidates.findIndex((transition) => transition.guard === undefined);
      const reachable = firstUnguarded === -1 ? candidates : candidates.slice(0, firstUnguarded + 1);
      const targetOf = (transition: GraphTransition): GraphState | undefined =>
        transition.target === undefined ? leaf : graph.states.find((state) => state.id === transition.target);
      if (reachable.length === 1 && reachable[0]!.guard === undefined) {
        const target = targetOf(reachable[0]!);
        if (target) toState.push({ source: task, from: leaf.id, state: target, extra: {} });
        continue;
      }
      const choice = bpmnId('Choice', leaf.id, event);
      nodes.push({ id: choice, kind: 'choice', name: `${eventLabel(event)}?`, lane: performerOf(event) });
      flow(task, choice);
      for (const transition of reachable) {
        const target = targetOf(transition);
        if (!target) continue;
        if (transition.guard) {
          toState.push({
            source: choice,
            from: leaf.id,
            state: target,
            extra: { name: describeGuard(definition, transition.guard, lang), condition: guardSource(transition.guard) },
          });
        } else {
          toState.push({ source: choice, from: leaf.id, state: target, extra: { name: wordIn('otherwise', lang), isDefault: true } });
        }
      }
      // No candidate holds: the event is refused and the case stays where it was.
      if (firstUnguarded === -1)
        toState.push({ source: choice, from: leaf.id, state: leaf, extra: { name: wordIn('refused', lang), isDefault: true } });
    }
  }

  const resolve = (state: GraphState, lane: string): string | undefined => {
    if (state.kind === 'final') return finalEntryOf(state, lane);
    if (state.kind === 'history') {
      const known = historyEntries.get(state.id);
      if (known) return known;
      // Where a return to a remembered phase leads is known only when the case gets there: a
      // choice among the phases the parent can be left in, each named by its phase.
      const parent = graph.states.find((candidate) => candidate.id === state.parent);
      const phases = leaves.filter(
        (candidate) =>
          candidate.kind !== 'final' &&
          (state.history === 'deep' ? candidate.id.startsWith(`${state.parent}.`) : candidate.parent === state.parent),
      );
      const id = bpmnId('Back', state.id);
      historyEntries.set(state.id, id);
      nodes.push({
        id,
        kind: 'choice',
        name: `${wordIn('backToWhereItLeft', lang)}: ${parent?.label[lang] ?? ''}`,
        lane,
        documentation: state.id,
      });
      for (const phase of phases) {
        const entry = entryOf.get(phase.id);
        if (entry) flow(id, entry, { name: phase.label[lang], condition: `left in ${phase.id}` });
      }
      return id;
    }
    const leaf = state.kind === 'atomic' ? state : entryLeafOf(graph, state.id);
    return leaf ? entryOf.get(leaf.id) : undefined;
  };
  const initialEntry = initialLeaf ? resolve(initialLeaf, nodes[0]!.lane) : undefined;
  if (initialEntry) flow('StartEvent', initialEntry);
  // Work that leaves the case where it was comes back to its state through one join after the
  // state's tasks, so that a state has one loop, not one per task.
  const stays = new Map<string, number>();
  for (const pending of toState) if (pending.state.id === pending.from) stays.set(pending.from, (stays.get(pending.from) ?? 0) + 1);
  for (const [leafId, count] of stays) {
    if (count < 2) continue;
    const back = bpmnId('Stay', leafId);
    nodes.push({ id: back, kind: 'join', name: undefined, lane: laneOfState.get(leafId)!, documentation: leafId });
    const entry = entryOf.get(leafId);
    if (entry) flow(back, entry);
  }
  for (const pending of toState) {
    const sourceLane = nodes.find((node) => node.id === pending.source)!.lane;
    const stay = pending.state.id === pending.from && (stays.get(pending.from) ?? 0) >= 2;
    const target = stay ? bpmnId('Stay', pending.from) : resolve(pending.state, sourceLane);
    if (target) flow(pending.source, target, pending.extra);
  }

  // A place several flows arrive at gets a joining gateway in front of it, so that no gateway both
  // joins and forks and no task or event joins implicitly.
  const incoming = new Map<string, number>();
  for (const current of flows) incoming.set(current.target, (incoming.get(current.target) ?? 0) + 1);
  for (const [target, count] of incoming) {
    if (count <= 1 || nodes.find((node) => node.id === target)?.kind === 'join') continue;
    const join = bpmnId('Join', target);
    const targetNode = nodes.find((node) => node.id === target)!;
    flows.forEach((current, index) => {
      if (current.target === target) flows[index] = { ...current, target: join };
    });
    nodes.splice(nodes.indexOf(targetNode), 0, { id: join, kind: 'join', name: undefined, lane: targetNode.lane });
    flow(join, target);
  }
  const lanes = roles
    .filter((role) => nodes.some((node) => node.lane === role))
    .map((role) => ({ id: bpmnId('Lane', role), role, name: definition.roles[role]![lang] }));
  return { definition, lang, lanes, nodes, flows, warnings };
}
