import type { AnyStateMachine, AnyStateNode, StateValue } from 'xstate';
import { listStateNodes, statePathOf } from '../../machine/stateNodes.js';
import { TabulationError } from './decisionTree.js';

/**
 * One configuration of a machine without parallel states: the atomic (or final) state node that
 * is active, with its ancestors.
 *
 * @internal
 */
export interface Configuration {
  readonly index: number;
  readonly leaf: AnyStateNode;
  /** Dotted path, as `describeStateValue` prints the state value. */
  readonly name: string;
  readonly value: StateValue;
  /** Root first, leaf last. */
  readonly path: readonly AnyStateNode[];
  /** A final state directly under the root: the machine is done and takes no more events. */
  readonly done: boolean;
}

/** Where a history state remembers the last active child (shallow) or leaf (deep). @internal */
export interface HistorySlot {
  readonly index: number;
  readonly node: AnyStateNode;
  readonly deep: boolean;
  /** What it can remember, 1-based in the model (0 = nothing yet). */
  readonly options: readonly AnyStateNode[];
}

/** An assign action, resolved to its assignment and params. @internal */
export interface AssignEffect {
  readonly kind: 'assign';
  readonly assignment: unknown;
  readonly params: unknown;
  /** Names the action in messages. */
  readonly name: string;
}

/** @internal */
export type Effect =
  | AssignEffect
  | { readonly kind: 'remember'; readonly slot: number; readonly option: number }
  | { readonly kind: 'enter'; readonly configuration: number };

/** One way a transition can go: for a history target, one per remembered option (and none). @internal */
export interface Variant {
  /** Only when the history slot holds this option (0: nothing remembered yet). */
  readonly when?: { readonly slot: number; readonly option: number };
  readonly effects: readonly Effect[];
}

/** A transition that may be selected for an event in a configuration, in XState's order. @internal */
export interface Candidate {
  readonly guard: unknown;
  readonly variants: readonly Variant[];
}

/**
 * A machine's structure, resolved into what a step does in each configuration for each event
 * type: the candidate transitions in the order XState tries them (the active leaf's first, then
 * each ancestor's), each with its effects in XState's order (history recorded, exit actions
 * deepest first, the transition's actions, entry actions outermost first, and, on reaching a
 * top-level final state, every active state's exit actions). Mirrors XState v5's SCXML-style
 * microstep for machines without parallel states; what it cannot mirror it refuses.
 *
 * @internal
 */
export interface FiniteMachine {
  readonly configurations: readonly Configuration[];
  readonly initial: number;
  readonly slots: readonly HistorySlot[];
  /** Per configuration, per event type: the candidates. */
  readonly steps: readonly ReadonlyMap<string, readonly Candidate[]>[];
}

function isDescendant(child: AnyStateNode, parent: AnyStateNode | undefined): boolean {
  // As XState's own isDescendant, including its reading of an undefined parent (the whole tree).
  let marker = child;
  while (marker.parent && marker.parent !== parent) marker = marker.parent;
  return marker.parent === parent;
}

function properAncestors(node: AnyStateNode, until: AnyStateNode | undefined): AnyStateNode[] {
  const ancestors: AnyStateNode[] = [];
  if (until === node) return ancestors;
  for (let at = node.parent; at && at !== until; at = at.parent) ancestors.push(at);
  return ancestors;
}

function initialChild(node: AnyStateNode): AnyStateNode {
  const [child] = node.initial.target as AnyStateNode[];
  if (!child) throw new TabulationError(`state '${statePathOf(node)}' has no initial state`);
  if (child.type === 'history') throw new TabulationError(`state '${statePathOf(node)}' starts in a history state`);
  if (node.initial.actions.length > 0) throw new TabulationError(`state '${statePathOf(node)}' has actions on its initial transition`);
  return child;
}

function initialLeaf(node: AnyStateNode): AnyStateNode {
  return node.type === 'compound' ? initialLeaf(initialChild(node)) : node;
}

interface TransitionLike {
  readonly source: AnyStateNode;
  readonly target?: readonly AnyStateNode[] | undefined;
  readonly reenter: boolean;
  readonly actions: readonly unknown[];
  readonly guard?: unknown;
  readonly eventType: string;
}

/** Which actions change the state, resolved; those that cannot (log, emit, a custom function) are left out. */
function assignEffects(machine: AnyStateMachine, actions: readonly unknown[]): AssignEffect[] {
  const effects: AssignEffect[] = [];
  for (const action of actions) {
    const name =
      typeof action === 'string' ? action : typeof action === 'object' && action && 'type' in action ? String(action.type) : undefined;
    const resolved = typeof action === 'function' ? action : (machine.implementations.actions as Record<string, unknown>)[name ?? ''];
    if (typeof action === 'object' && action && 'params' in action && typeof action.params === 'function') {
      throw new TabulationError(`action '${name}' takes its params from a function`);
    }
    const params = typeof action === 'object' && action && 'params' in action ? action.params : undefined;
    const type = typeof resolved === 'function' && 'type' in resolved ? String(resolved.type) : undefined;
    if (type === 'xstate.assign') {
      effects.push({
        kind: 'assign',
        assignment: (resolved as unknown as { assignment: unknown }).assignment,
        params,
        name: name ?? 'an inline assign',
      });
    } else if (type?.startsWith('xstate.') && type !== 'xstate.log' && type !== 'xstate.emit') {
      throw new TabulationError(
        `action '${name ?? type}' (${type}) changes what happens next; only assign, log, emit and custom actions are mirrored`,
      );
    } else if (resolved === undefined && name !== undefined) {
      throw new TabulationError(`action '${name}' is not implemented in setup({ actions })`);
    }
  }
  return effects;
}

/**
 * Resolves a machine into a {@link FiniteMachine}. Throws a {@link TabulationError} naming what
 * it cannot mirror: parallel states, eventless (`always`) transitions, done-state events,
 * multiple targets, actions that raise or send events.
 *
 * @internal
 */
export function resolveFiniteMachine(machine: AnyStateMachine, eventTypes: readonly string[]): FiniteMachine {
  const nodes = listStateNodes(machine);
  for (const node of [machine.root, ...nodes]) {
    const where = statePathOf(node) || '(root)';
    if (node.type === 'parallel') throw new TabulationError(`state '${where}' is parallel`);
    if (node.always && node.always.length > 0) throw new TabulationError(`state '${where}' has eventless (always) transitions`);
    for (const eventType of node.transitions.keys()) {
      if (eventType.startsWith('xstate.')) throw new TabulationError(`state '${where}' reacts to '${eventType}'`);
    }
  }
  const leaves = nodes.filter((node) => node.type === 'atomic' || node.type === 'final');
  const configurations: Configuration[] = leaves.map((leaf, index) => {
    const path = [...properAncestors(leaf, undefined).reverse(), leaf];
    const keys = leaf.path as readonly string[];
    let value: StateValue = keys[keys.length - 1]!;
    for (let at = keys.length - 2; at >= 0; at--) value = { [keys[at]!]: value };
    return { index, leaf, name: statePathOf(leaf), value, path, done: leaf.type === 'final' && leaf.parent === machine.root };
  });
  const configurationOf = (leaf: AnyStateNode): number => configurations.find((configuration) => configuration.leaf === leaf)!.index;
  const slots: HistorySlot[] = nodes
    .filter((node) => node.type === 'history')
    .map((node, index) => {
      const parent = node.parent!;
      const deep = node.history === 'deep';
      const options = deep
        ? leaves.filter((leaf) => isDescendant(leaf, parent))
        : (Object.values(parent.states) as AnyStateNode[]).filter((child) => child.type !== 'history');
      return { index, node, deep, options };
    });

  const variantOf = (configuration: Configuration, transition: TransitionLike, target: AnyStateNode, history?: AnyStateNode): Effect[] => {
    const source = transition.source;
    const domain: AnyStateNode | undefined =
      !transition.reenter && (target === source || isDescendant(target, source))
        ? source
        : (properAncestors(target, undefined).find((ancestor) => isDescendant(source, ancestor)) ??
          (transition.reenter ? undefined : machine.root));
    const exited = configuration.path
      .filter((node) => isDescendant(node, domain) || (transition.reenter && node === source && source === domain))
      .sort((a, b) => b.order - a.order);
    const entered = new Set<AnyStateNode>();
    const addDescendants = (node: AnyStateNode): void => {
      if (node.type !== 'compound') return;
      const child = initialChild(node);
      entered.add(child);
      addDescendants(child);
    };
    if (history) {
      entered.add(target);
      addDescendants(target);
      for (const ancestor of properAncestors(target, history.parent)) entered.add(ancestor);
    } else {
      if (target !== source || source !== domain || transition.reenter) entered.add(target);
      addDescendants(target);
    }
    const reentrancy = !source.parent && transition.reenter ? undefined : domain;
    for (const ancestor of properAncestors(target, domain)) if (!reentrancy || isDescendant(ancestor, reentrancy)) entered.add(ancestor);

    const leaf = configurations[configurationOf(initialLeaf(target))]!;
    const effects: Effect[] = [];
    for (const node of exited) {
      for (const slot of slots.filter((candidate) => candidate.node.parent === node)) {
        const remembered = slot.deep ? configuration.leaf : configuration.path.find((active) => active.parent === node)!;
        effects.push({ kind: 'remember', slot: slot.index, option: slot.options.indexOf(remembered) + 1 });
      }
    }
    for (const node of exited) effects.push(...assignEffects(machine, node.exit));
    effects.push(...assignEffects(machine, transition.actions));
    for (const node of [...entered].sort((a, b) => a.order - b.order)) effects.push(...assignEffects(machine, node.entry));
    effects.push({ kind: 'enter', configuration: leaf.index });
    if (leaf.done) for (const node of [...leaf.path].sort((a, b) => b.order - a.order)) effects.push(...assignEffects(machine, node.exit));
    return effects;
  };

  const steps = configurations.map((configuration) => {
    const byType = new Map<string, Candidate[]>();
    if (configuration.done) return byType;
    for (const eventType of eventTypes) {
      const candidates: Candidate[] = [];
      for (const node of [...configuration.path].reverse()) {
        for (const transition of (node.transitions.get(eventType) ?? []) as TransitionLike[]) {
          const targets = transition.target ?? [];
          if (targets.length > 1) throw new TabulationError(`'${eventType}' in '${statePathOf(node) || '(root)'}' has several targets`);
          const [target] = targets;
          if (!target) {
            candidates.push({ guard: transition.guard, variants: [{ effects: assignEffects(machine, transition.actions) }] });
          } else if (target.type === 'history') {
            const slot = slots.find((candidate) => candidate.node === target)!;
            const fallback = target.config.target ? resolveHistoryDefault(target) : initialChild(target.parent!);
            candidates.push({
              guard: transition.guard,
              variants: [
                { when: { slot: slot.index, option: 0 }, effects: variantOf(configuration, transition, fallback, target) },
                ...slot.options.map((option, at) => ({
                  when: { slot: slot.index, option: at + 1 },
                  effects: variantOf(configuration, transition, option, target),
                })),
              ],
            });
          } else {
            candidates.push({ guard: transition.guard, variants: [{ effects: variantOf(configuration, transition, target) }] });
          }
        }
      }
      if (candidates.length > 0) byType.set(eventType, candidates);
    }
    return byType;
  });

  const initialConfiguration = configurationOf(initialLeaf(machine.root));
  return { configurations, initial: initialConfiguration, slots, steps };
}

function resolveHistoryDefault(history: AnyStateNode): AnyStateNode {
  const target = history.config.target;
  const path = Array.isArray(target) ? target[0] : target;
  if (typeof path !== 'string')
    throw new TabulationError(`history state '${statePathOf(history)}' has a default target that is not a state path`);
  let node: AnyStateNode = history.parent!;
  for (const key of path.split('.')) {
    const next = node.states[key] as AnyStateNode | undefined;
    if (!next) throw new TabulationError(`history state '${statePathOf(history)}' names unknown default target '${path}'`);
    node = next;
  }
  return node;
}
