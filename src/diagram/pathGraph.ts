import type { AnyStateNode } from 'xstate';
import type { AnyPathDefinition } from '../path/definition.js';
import type { Label } from '../path/label.js';
import { listStateNodes, statePathOf } from '../machine/stateNodes.js';
import { guardExpressionOf, type GuardExpression } from './guardExpression.js';

/**
 * One state of a path as the diagrams draw it.
 *
 * @example
 * ```ts
 * const state: GraphState = {
 *   id: 'active.review',
 *   parent: 'active',
 *   kind: 'atomic',
 *   initial: undefined,
 *   label: { fi: 'Arviointi', sv: 'Granskning', en: 'Review' },
 * };
 * ```
 */
export interface GraphState {
  /** The dotted state path (`coordinatorSupport`, `active.review`). */
  readonly id: string;
  /** The parent's dotted path; `undefined` at the top level. */
  readonly parent: string | undefined;
  readonly kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** For a compound state, its initial child's dotted path. */
  readonly initial: string | undefined;
  /** For a history state: whether it remembers the parent's child (`shallow`) or the leaf (`deep`). */
  readonly history?: 'shallow' | 'deep';
  /** For a history state: where it leads when nothing is remembered yet (its default target, else the parent's initial state). */
  readonly historyDefault?: string;
  readonly label: Label;
}

/**
 * An action a transition runs, as declared: by name (from `setup({ actions })`) or inline.
 *
 * @example
 * ```ts
 * const action: GraphAction = {
 *   name: 'markSituationMapped',
 *   implementation: workabilityPath.machine.implementations.actions.markSituationMapped,
 *   params: undefined,
 * };
 * ```
 */
export interface GraphAction {
  readonly name: string | undefined;
  readonly implementation: unknown;
  readonly params: unknown;
}

/**
 * One transition of a path: from a state, on an event, to a state or (in-state, targetless)
 * nowhere, behind an optional guard.
 *
 * @example
 * ```ts
 * const booked: GraphTransition = {
 *   id: 'contacted:DOCTOR_VISIT_BOOKED:0', source: 'contacted', target: 'doctorAssessment',
 *   event: 'DOCTOR_VISIT_BOOKED', guard: { kind: 'guard', name: 'situationMapped' },
 *   actions: [], otherwise: false, reenter: false,
 * };
 * ```
 */
export interface GraphTransition {
  /** `source:EVENT:index`, unique within the path. */
  readonly id: string;
  readonly source: string;
  /** The target's dotted path; `undefined` for an in-state event (the state does not change). */
  readonly target: string | undefined;
  readonly event: string;
  readonly guard: GuardExpression | undefined;
  readonly actions: readonly GraphAction[];
  /**
   * True for an unguarded transition that follows guarded ones for the same event in the same
   * state: XState takes it when none of them holds, so it reads "otherwise".
   */
  readonly otherwise: boolean;
  /** True when the transition exits and re-enters its target (XState `reenter: true`). */
  readonly reenter: boolean;
}

/**
 * A path's machine as states and transitions, in declaration order: the one model every
 * exporter draws from, so every format shows the same machine.
 *
 * @example
 * ```ts
 * const graph = describePathGraph(workabilityPath);
 * graph.transitions.filter((transition) => transition.target === undefined); // in-state events
 * ```
 */
export interface PathGraph {
  readonly definition: AnyPathDefinition;
  readonly states: readonly GraphState[];
  /** The top-level initial state's dotted path. */
  readonly initial: string;
  readonly transitions: readonly GraphTransition[];
  /** Constructs the graph cannot show (root-level or eventless transitions), as sentences. */
  readonly warnings: readonly string[];
}

function kindOf(node: AnyStateNode): GraphState['kind'] {
  if (node.type === 'history') return 'history';
  if (node.type === 'final') return 'final';
  if (node.type === 'parallel') return 'parallel';
  if (node.type === 'compound') return 'compound';
  return 'atomic';
}

function actionsOf(definition: AnyPathDefinition, actions: readonly unknown[]): GraphAction[] {
  const implementations = (definition.machine.implementations.actions ?? {}) as Record<string, unknown>;
  return actions.map((action) => {
    if (typeof action === 'string') return { name: action, implementation: implementations[action], params: undefined };
    if (typeof action === 'object' && action !== null && 'type' in action && typeof action.type === 'string') {
      const params = 'params' in action ? action.params : undefined;
      return { name: action.type, implementation: implementations[action.type], params };
    }
    return { name: undefined, implementation: action, params: undefined };
  });
}

const graphs = new WeakMap<AnyPathDefinition, PathGraph>();

/**
 * Reads a definition's machine into a {@link PathGraph}. Computed once per definition.
 *
 * @example
 * ```ts
 * describePathGraph(workabilityPath).states.map((state) => state.id);
 * // ['opened', 'contacted', 'initialAssessment', …, 'closed']
 * ```
 */
export function describePathGraph(definition: AnyPathDefinition): PathGraph {
  const cached = graphs.get(definition);
  if (cached) return cached;
  const labels = definition.labels.states;
  const nodes = listStateNodes(definition.machine);
  const warnings: string[] = [];
  const states: GraphState[] = nodes.map((node) => {
    const initialChild = node.type === 'compound' ? (node.initial?.target?.[0] as AnyStateNode | undefined) : undefined;
    const state: GraphState = {
      id: statePathOf(node),
      parent: node.parent?.parent ? statePathOf(node.parent) : undefined,
      kind: kindOf(node),
      initial: initialChild ? statePathOf(initialChild) : undefined,
      label: labels[statePathOf(node)] ?? { fi: statePathOf(node), sv: statePathOf(node), en: statePathOf(node) },
    };
    if (node.type !== 'history') return state;
    const declared = (node.config as { target?: unknown }).target;
    const parentInitial = node.parent?.initial?.target?.[0] as AnyStateNode | undefined;
    const fallback =
      typeof declared === 'string' && node.parent?.states[declared] ? (node.parent.states[declared] as AnyStateNode) : parentInitial;
    return {
      ...state,
      history: node.history === 'deep' ? 'deep' : 'shallow',
      historyDefault: fallback ? statePathOf(fallback) : undefined,
    };
  });
  const rootInitial = definition.machine.root.initial?.target?.[0] as AnyStateNode | undefined;
  const transitions: GraphTransition[] = [];
  const root = definition.machine.root;
  if (root.transitions.size > 0) {
    warnings.push(
      `the machine's root handles ${[...root.transitions.keys()].join(', ')}; ` +
        'root-level transitions are not drawn: put them on the top-level states',
    );
  }
  for (const node of nodes) {
    if (node.always && node.always.length > 0) {
      warnings.push(`state '${statePathOf(node)}' has an eventless (always) transition, which is not drawn`);
    }
    for (const [event, candidates] of node.transitions) {
      if (event.startsWith('xstate.')) continue;
      let guardedBefore = false;
      candidates.forEach((transition, index) => {
        const guard = guardExpressionOf(transition.guard);
        const target = transition.target?.[0] as AnyStateNode | undefined;
        if ((transition.target?.length ?? 0) > 1) {
          warnings.push(`'${event}' in '${statePathOf(node)}' has several targets; only the first is drawn`);
        }
        transitions.push({
          id: `${statePathOf(node)}:${event}:${index}`,
          source: statePathOf(node),
          target: target ? statePathOf(target) : undefined,
          event,
          guard,
          actions: actionsOf(definition, transition.actions as readonly unknown[]),
          otherwise: guard === undefined && guardedBefore,
          reenter: transition.reenter,
        });
        if (guard) guardedBefore = true;
      });
    }
  }
  const graph: PathGraph = {
    definition,
    states,
    initial: rootInitial ? statePathOf(rootInitial) : (states[0]?.id ?? ''),
    transitions,
    warnings,
  };
  graphs.set(definition, graph);
  return graph;
}

/** The states directly below a parent (`undefined` for the top level), in order. @internal */
export function childStatesOf(graph: PathGraph, parent: string | undefined): GraphState[] {
  return graph.states.filter((state) => state.parent === parent);
}
