import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { wordIn } from './diagramWords.js';
import type { GuardExpression } from './guardExpression.js';
import { childStatesOf, describePathGraph, type GraphAction, type GraphState, type GraphTransition, type PathGraph } from './pathGraph.js';
import { reachableOutcomes } from './reachableOutcomes.js';
import { transitionTextOf } from './transitionText.js';

/** A flow node of the BPMN process, before layout. @internal */
export interface BpmnNode {
  readonly id: string;
  readonly kind: 'startEvent' | 'endEvent' | 'eventBasedGateway' | 'exclusiveGateway' | 'receiveTask' | 'scriptTask';
  readonly name: string | undefined;
  /** The role whose lane holds the node. */
  readonly lane: string;
  /** Left to right: 0 the start, then one section per state, the final states last. */
  readonly section: number;
  readonly documentation?: string;
  /** The event type a receive task waits for. */
  readonly event?: string;
  /** The context updates a script task runs. */
  readonly actions?: readonly GraphAction[];
  /** What else a script task does: remember the state for history states, or go back to a remembered one. */
  readonly history?:
    | { readonly kind: 'remember'; readonly parents: Readonly<Record<string, 'shallow' | 'deep'>> }
    | { readonly kind: 'recall'; readonly state: GraphState; readonly entries: Readonly<Record<string, string>> };
  /** The outcome an end event stands for. */
  readonly outcome?: string;
  /** The dotted path of the final state an end event or outcome gateway belongs to. */
  readonly finalState?: string;
}

/** When a sequence flow is taken. @internal */
export type BpmnFlowCondition =
  /** The case is in this (leaf) state: the process variable `state` names it. */
  | { readonly kind: 'state'; readonly state: string }
  /** Every guard in `holds` holds and none in `fails` does (earlier candidates for the same event). */
  | { readonly kind: 'guards'; readonly holds: GuardExpression; readonly fails: readonly GuardExpression[] }
  /** The case's outcome is this one. */
  | { readonly kind: 'outcome'; readonly outcome: string; readonly finalState: string };

/** A sequence flow of the BPMN process. @internal */
export interface BpmnFlow {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly name: string | undefined;
  readonly condition: BpmnFlowCondition | undefined;
  /** The default flow of its (gateway) source. */
  readonly isDefault: boolean;
}

/** A lane of the pool: one role of the path. @internal */
export interface BpmnLane {
  readonly id: string;
  readonly role: string;
  readonly name: string;
}

/** The BPMN process of a path as a typed tree, before layout and serialization. @internal */
export interface BpmnPlan {
  readonly definition: AnyPathDefinition;
  readonly lang: Language;
  readonly lanes: readonly BpmnLane[];
  readonly nodes: readonly BpmnNode[];
  readonly flows: readonly BpmnFlow[];
  readonly warnings: readonly string[];
}

/** An id BPMN (an XML NCName) accepts, from parts such as state paths and event types. @internal */
export function bpmnId(...parts: readonly string[]): string {
  return parts.map((part) => part.replace(/[^A-Za-z0-9_-]/g, '_')).join('__');
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

/** The leaf a (possibly compound) target state enters: its initial descendants, down to a leaf. */
function entryLeafOf(graph: PathGraph, id: string): GraphState | undefined {
  let current = graph.states.find((state) => state.id === id);
  while (current && (current.kind === 'compound' || current.kind === 'parallel')) {
    const next = current.initial ?? childStatesOf(graph, current.id)[0]?.id;
    current = graph.states.find((state) => state.id === next);
  }
  return current;
}

/**
 * Plans a path's BPMN process. One process instance handles one recorded event: the case's
 * leaf state and context come in as the process variables `state` and `context`; a router sends
 * the token to the state's waiting point (an event-based gateway named by the state) that offers
 * a receive task per event the state accepts, in the lane of the role that does that work (the
 * definition's `performers`, else the first role that may record it);
 * guarded choices are exclusive gateways whose flows carry the readable condition; context
 * updates are script tasks; the instance ends at the state the case moves to ("→ state"), or, for
 * a final state, at the end event of the case's end reason.
 *
 * Why one instance per event and not one per case: a case loops (in-state events, returns to the
 * coordinator), and a BPMN engine with dead-path elimination (bpmn-engine) then follows every
 * simple path of the cyclic process on each event, seconds per event on the work-ability path. An
 * instance per event keeps the process acyclic, so it runs in a BPMN engine as fast as the engine
 * runs, and reads the same: who records what in which state, and where it leads.
 *
 * @internal
 */
export function planBpmn(definition: AnyPathDefinition, lang: Language): BpmnPlan {
  const graph = describePathGraph(definition);
  const warnings: string[] = [...graph.warnings];
  const roles = Object.keys(definition.roles);
  const allLanes: BpmnLane[] = roles.map((role) => ({ id: bpmnId('Lane', role), role, name: definition.roles[role]![lang] }));
  const nodes: BpmnNode[] = [];
  const flows: BpmnFlow[] = [];
  const laneOfEvent = (event: string): string => definition.performers?.[event] ?? definition.permissions[event]?.[0] ?? roles[0]!;
  const recordedBy = (event: string): string => {
    const roleNames = (definition.permissions[event] ?? []).map((role) => definition.roles[role]?.[lang] ?? role);
    return `${wordIn('recordedBy', lang)}: ${roleNames.join(', ')}`;
  };
  const flow = (source: string, target: string, extra: Partial<Pick<BpmnFlow, 'name' | 'condition' | 'isDefault'>> = {}): void => {
    flows.push({
      id: bpmnId('Flow', String(flows.length), source, target),
      source,
      target,
      name: extra.name,
      condition: extra.condition,
      isDefault: extra.isDefault ?? false,
    });
  };
  const mainLane = roles[0]!;
  const leaves = graph.states.filter((state) => state.kind === 'atomic' || state.kind === 'final');
  const outcomes = reachableOutcomes(definition);
  if (!outcomes.complete)
    warnings.push(
      'the state space is too large to tell which end reasons each final state carries; every end reason is drawn for every final state',
    );

  // Where an instance ends, by the state the case moves to: an end event in the state's own
  // section ("→ target"), in the lane of the event that leads there, or the final state's end
  // reasons, shared, in the last section. Several
  // flows may end in one place; a join in front of it is added at the end.
  const finalSection = leaves.length + 1;
  // The leaf each state is entered at: itself, or its initial descendants (a remembered compound state).
  const entryLeaves = Object.fromEntries(graph.states.map((state) => [state.id, entryLeafOf(graph, state.id)?.id ?? state.id]));
  const arrivals = new Map<string, string>();
  const arrivalAt = (from: GraphState, section: number, state: GraphState, lane: string): string => {
    const key = state.kind === 'final' ? state.id : `${from.id}>${state.id}`;
    const known = arrivals.get(key);
    if (known) return known;
    if (state.kind === 'history') {
      // Where a history state leads is known only when the case gets there: a script reads what
      // was remembered and puts it in the process variable `state`, which the end event names.
      const recall = bpmnId('Recall', from.id, state.id);
      const id = bpmnId('Reached', from.id, state.id);
      arrivals.set(key, recall);
      const parent = graph.states.find((candidate) => candidate.id === state.parent);
      nodes.push({
        id: recall,
        kind: 'scriptTask',
        name: `${wordIn('backToWhereItLeft', lang)}: ${parent?.label[lang] ?? ''}`,
        lane,
        section,
        history: { kind: 'recall', state, entries: entryLeaves },
        documentation: state.id,
      });
      nodes.push({ id, kind: 'endEvent', name: `→ ${state.label[lang]}`, lane, section, documentation: '$state' });
      flow(recall, id);
      return recall;
    }
    if (state.kind !== 'final') {
      const id = bpmnId('Reached', from.id, state.id);
      arrivals.set(key, id);
      nodes.push({ id, kind: 'endEvent', name: `→ ${state.label[lang]}`, lane, section, documentation: state.id });
      return id;
    }
    const id = bpmnId('Reached', state.id);
    arrivals.set(key, id);
    const stateOutcomes = outcomes.byFinalState.get(state.id) ?? Object.keys(definition.outcomes);
    if (stateOutcomes.length <= 1) {
      const outcome = stateOutcomes[0];
      nodes.push({
        id,
        kind: 'endEvent',
        name: outcome ? definition.outcomes[outcome]![lang] : state.label[lang],
        lane,
        section: finalSection,
        outcome,
        finalState: state.id,
        documentation: state.id,
      });
      return id;
    }
    nodes.push({ id, kind: 'exclusiveGateway', name: wordIn('outcome', lang), lane, section: finalSection, finalState: state.id });
    for (const outcome of stateOutcomes) {
      const end = bpmnId('End', state.id, outcome);
      nodes.push({
        id: end,
        kind: 'endEvent',
        name: definition.outcomes[outcome]![lang],
        lane,
        section: finalSection,
        outcome,
        finalState: state.id,
        documentation: state.id,
      });
      flow(id, end, { name: definition.outcomes[outcome]![lang], condition: { kind: 'outcome', outcome, finalState: state.id } });
    }
    return id;
  };
  nodes.push({ id: 'StartEvent', kind: 'startEvent', name: wordIn('eventToRecord', lang), lane: mainLane, section: 0 });
  const router = 'WhereIsTheCase';
  const historyStates = graph.states.filter((state) => state.kind === 'history');
  if (historyStates.length > 0) {
    // History states need to know where the case was in their parent before it left: every
    // instance notes it first, in the process variable `history`.
    const parents = Object.fromEntries(historyStates.map((state) => [state.parent ?? '', state.history ?? 'shallow']));
    nodes.push({
      id: 'RememberWhereTheCaseIs',
      kind: 'scriptTask',
      name: wordIn('rememberWhereTheCaseIs', lang),
      lane: mainLane,
      section: 0,
      history: { kind: 'remember', parents },
    });
    flow('StartEvent', 'RememberWhereTheCaseIs');
    flow('RememberWhereTheCaseIs', router);
  } else {
    flow('StartEvent', router);
  }
  nodes.push({ id: router, kind: 'exclusiveGateway', name: wordIn('whereIsTheCase', lang), lane: mainLane, section: 0 });

  for (const [index, leaf] of leaves.entries()) {
    if (leaf.kind === 'final') continue;
    const section = index + 1;
    // XState tries the deepest state's transitions for an event first, then its ancestors'.
    const chain = ancestorsOf(graph, leaf);
    const byEvent = new Map<string, GraphTransition[]>();
    for (const state of chain) {
      for (const transition of graph.transitions) {
        if (transition.source !== state.id) continue;
        byEvent.set(transition.event, [...(byEvent.get(transition.event) ?? []), transition]);
      }
    }
    const events = [...byEvent.keys()];
    if (events.length === 0) {
      warnings.push(`state '${leaf.id}' accepts no event (a dead end) and has no waiting point in the BPMN`);
      continue;
    }
    const wait = bpmnId('State', leaf.id);
    const single = events.length === 1;
    if (!single)
      nodes.push({
        id: wait,
        kind: 'eventBasedGateway',
        name: leaf.label[lang],
        lane: laneOfEvent(events[0]!),
        section,
        documentation: leaf.id,
      });
    flow(router, wait, { name: leaf.label[lang], condition: { kind: 'state', state: leaf.id } });
    for (const event of events) {
      const candidates = byEvent.get(event)!;
      const task = single ? wait : bpmnId('Task', leaf.id, event);
      const eventLabel = definition.labels.events[event]?.[lang] ?? event;
      nodes.push({
        id: task,
        kind: 'receiveTask',
        name: eventLabel,
        lane: laneOfEvent(event),
        section,
        event,
        documentation: single ? `${leaf.label[lang]}. ${recordedBy(event)}` : recordedBy(event),
      });
      if (!single) flow(wait, task);
      // Where a candidate transition leads: through its context updates, to the state it reaches.
      const leadTo = (
        transition: GraphTransition,
        from: string,
        extra: Partial<Pick<BpmnFlow, 'name' | 'condition' | 'isDefault'>>,
      ): void => {
        const targetLeaf = transition.target === undefined ? leaf : entryLeafOf(graph, transition.target);
        if (!targetLeaf) return;
        if (transition.actions.length > 0) {
          const script = bpmnId('Update', leaf.id, transition.id);
          nodes.push({
            id: script,
            kind: 'scriptTask',
            name: wordIn('caseDataUpdated', lang),
            lane: laneOfEvent(event),
            section,
            actions: transition.actions,
            documentation: transition.actions.map((action) => action.name ?? '(inline)').join(', '),
          });
          flow(from, script, extra);
          flow(script, arrivalAt(leaf, section, targetLeaf, laneOfEvent(event)));
        } else {
          flow(from, arrivalAt(leaf, section, targetLeaf, laneOfEvent(event)), extra);
        }
      };
      const firstUnguarded = candidates.findIndex((transition) => transition.guard === undefined);
      const reachable = firstUnguarded === -1 ? candidates : candidates.slice(0, firstUnguarded + 1);
      if (reachable.length === 1 && reachable[0]!.guard === undefined) {
        leadTo(reachable[0]!, task, {});
        continue;
      }
      const choice = bpmnId('Choice', leaf.id, event);
      nodes.push({ id: choice, kind: 'exclusiveGateway', name: `${eventLabel}?`, lane: laneOfEvent(event), section });
      flow(task, choice);
      const earlier: GuardExpression[] = [];
      for (const transition of reachable) {
        if (transition.guard) {
          leadTo(transition, choice, {
            name: transitionTextOf(definition, transition, lang).condition,
            condition: { kind: 'guards', holds: transition.guard, fails: [...earlier] },
          });
          earlier.push(transition.guard);
        } else {
          leadTo(transition, choice, { name: wordIn('otherwise', lang), isDefault: true });
        }
      }
      if (firstUnguarded === -1) {
        const refused = bpmnId('Refused', leaf.id);
        if (!nodes.some((node) => node.id === refused))
          nodes.push({
            id: refused,
            kind: 'endEvent',
            name: wordIn('refusedEnd', lang),
            lane: laneOfEvent(event),
            section,
            documentation: leaf.id,
          });
        flow(choice, refused, { name: wordIn('refused', lang), isDefault: true });
      }
    }
  }

  // A place several flows end in gets a joining gateway in front of it, so that no gateway both
  // joins and forks and no event joins implicitly.
  const incoming = new Map<string, number>();
  for (const current of flows) incoming.set(current.target, (incoming.get(current.target) ?? 0) + 1);
  for (const [target, count] of incoming) {
    if (count <= 1) continue;
    const join = bpmnId('Join', target);
    const targetNode = nodes.find((node) => node.id === target)!;
    flows.forEach((current, index) => {
      if (current.target === target) flows[index] = { ...current, id: bpmnId('Flow', String(index), current.source, join), target: join };
    });
    nodes.splice(nodes.indexOf(targetNode), 0, {
      id: join,
      kind: 'exclusiveGateway',
      name: undefined,
      lane: targetNode.lane,
      section: targetNode.section,
    });
    flow(join, target);
  }
  // A lane per role that does some of the work; a role that only may record what another role does
  // is named in the task's documentation ("recorded by"), not given an empty lane.
  const lanes = allLanes.filter((lane) => nodes.some((node) => node.lane === lane.role));
  return { definition, lang, lanes, nodes, flows, warnings };
}
