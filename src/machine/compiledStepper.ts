import { FrozenTags, frozenTagsOf } from './frozenTags.js';
import type { AnyActorScope, AnyMachineSnapshot, AnyStateMachine, AnyStateNode, EventObject, StateValue } from 'xstate';

/**
 * A path machine compiled once into direct lookups: per active leaf state and event type, the
 * candidate transitions in the order XState tries them, each with its guard, its `assign` actions
 * and the state configuration it leads to, computed ahead.
 *
 * XState stays the definition language and the reference: everything here follows XState v5's own
 * algorithm (`StateNode.next`, `evaluateGuard`, `microstep`'s exit and entry sets,
 * `resolveAssign`) for the machines path definitions are (no parallel or history states, no
 * eventless transitions, no entry or exit actions, no children). Whatever the compiler cannot
 * represent — a whole machine outside that class, or one transition (a nested final state that
 * raises a done event, an action other than `assign`) — is answered by XState itself, and
 * {@link CompiledStepReport} says which. Equality with XState is tested on every reachable state
 * with every input of every built-in and fixture path.
 *
 * @internal
 */
export interface CompiledStepper {
  /**
   * The next snapshot, or `undefined` when no transition is enabled (XState would answer with the
   * same snapshot). `fallback` answers what is not compiled.
   */
  step(snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot | undefined;
  /**
   * {@link step}, except that a compiled step that changes nothing — it keeps the configuration and
   * the history, and every assignment it makes sets a key to the value the context holds already —
   * answers with the snapshot given, where XState (and `step`) answer a new, equal snapshot with a
   * new, equal context. For a caller that treats snapshots as values (a case's pipeline): repeated
   * assessments and reviews of a case then build no context and no snapshot.
   */
  advance(snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot | undefined;
  /**
   * Whether some transition is enabled for the event (XState's `getTransitionData` is not empty),
   * without computing where it leads.
   */
  accepts(snapshot: AnyMachineSnapshot, event: EventObject): boolean;
  /**
   * False when no transition for the event type exists from the snapshot's state at all, whatever
   * the payload: a caller can skip parsing it. True says only that a transition might be enabled.
   */
  mayAccept(snapshot: AnyMachineSnapshot, eventType: string): boolean;
  readonly report: CompiledStepReport;
}

/** Which transitions the compiled stepper answers itself, and why the others go to XState. */
export interface CompiledStepReport {
  /** False when the whole machine is outside the compiled class: every step goes to XState. */
  readonly compiled: boolean;
  /** Why the machine is not compiled, when it is not. */
  readonly reason?: string;
  /** Transitions (by source state, event type and position) answered by XState, with why. */
  readonly fallbacks: readonly { readonly state: string; readonly eventType: string; readonly index: number; readonly reason: string }[];
  /** How many transitions are compiled. */
  readonly compiledTransitions: number;
}

type Guard = unknown;
interface TransitionDefinition {
  readonly source: AnyStateNode;
  readonly target?: readonly AnyStateNode[];
  readonly reenter: boolean;
  readonly guard?: Guard;
  readonly actions: readonly unknown[];
}

interface BuiltinAssign {
  (...args: never[]): unknown;
  readonly type: 'xstate.assign';
  /** What `assign(…)` was given: a function of the arguments, or one per context property. */
  readonly assignment?: unknown;
  resolve(
    scope: AnyActorScope,
    snapshot: AnyMachineSnapshot,
    args: unknown,
    params: unknown,
    action: unknown,
  ): [AnyMachineSnapshot, ...unknown[]];
}

/** Where a compiled transition leads from one leaf: the configuration, its value and tags, done or not. */
interface Landing {
  readonly nodes: readonly AnyStateNode[];
  readonly value: StateValue;
  /** Shared by every snapshot that lands here. */
  readonly tags: FrozenTags;
  readonly done: boolean;
  /** What the history states of the exited states record: `[history state id, states]`. */
  readonly records: readonly (readonly [string, readonly AnyStateNode[]])[];
}

interface CompiledAssign {
  readonly action: unknown;
  readonly builtin: BuiltinAssign;
  /**
   * The update of an `assign({ key: value })` whose values are all plain values (no functions):
   * the same every step, so built once, as XState builds it per step.
   */
  readonly constantUpdate: Readonly<Record<string, unknown>> | undefined;
}

interface Candidate {
  readonly source: AnyStateNode;
  readonly guard: Guard | undefined;
  /** The transition's actions as XState gives them, each resolved to its `assign`. */
  readonly assigns: readonly CompiledAssign[];
  /** `undefined` for a transition that keeps the configuration. */
  readonly landing: Landing | undefined;
  /**
   * For a transition to a history state: the history state, and the landing by what it has
   * stored (`undefined` key: nothing stored yet).
   */
  readonly history?: { readonly id: string; readonly landings: ReadonlyMap<AnyStateNode | undefined, Landing> };
  /** True when XState answers this transition (see the report). */
  readonly fallback: boolean;
}

interface LeafPlan {
  /** The configuration XState keeps for this leaf: root first, leaf last. */
  readonly nodes: readonly AnyStateNode[];
  readonly candidates: ReadonlyMap<string, readonly Candidate[]>;
}

function isDescendant(child: AnyStateNode, parent: AnyStateNode): boolean {
  let marker = child;
  while (marker.parent && marker.parent !== parent) marker = marker.parent;
  return marker.parent === parent;
}

function properAncestors(node: AnyStateNode, until: AnyStateNode | undefined): AnyStateNode[] {
  const ancestors: AnyStateNode[] = [];
  if (until === node) return ancestors;
  for (let m = node.parent; m && m !== until; m = m.parent) ancestors.push(m);
  return ancestors;
}

function chainOf(leaf: AnyStateNode): AnyStateNode[] {
  return [...properAncestors(leaf, undefined).reverse(), leaf];
}

const frozenChains = new WeakMap<AnyStateNode, readonly AnyStateNode[]>();

/**
 * One frozen configuration per leaf, shared by the leaf's plan and every landing on it: a snapshot
 * a compiled step made is then found compiled by identity, without comparing its states one by one.
 */
function frozenChainOf(leaf: AnyStateNode): readonly AnyStateNode[] {
  let chain = frozenChains.get(leaf);
  if (!chain) {
    chain = Object.freeze(chainOf(leaf));
    frozenChains.set(leaf, chain);
  }
  return chain;
}

function stateValueOf(chain: readonly AnyStateNode[]): StateValue {
  // XState's getStateValue for a configuration without parallel states: a compound state's value
  // is its active child's key when that child is atomic, else `{ key: value-below }`.
  let value: StateValue = chain[chain.length - 1]!.key;
  for (let index = chain.length - 2; index >= 1; index--) value = { [chain[index]!.key]: value };
  return chain.length === 1 ? {} : value;
}

function allNodes(machine: AnyStateMachine): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const visit = (node: AnyStateNode): void => {
    nodes.push(node);
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root);
  return nodes;
}

/** Why the machine as a whole is outside the compiled class, or undefined. */
function machineOutsideClass(machine: AnyStateMachine, nodes: readonly AnyStateNode[]): string | undefined {
  if ((machine.root as { output?: unknown }).output !== undefined) return 'the machine declares an output';
  for (const node of nodes) {
    const shape = node as AnyStateNode & { always?: readonly unknown[]; output?: unknown };
    if (node.type === 'parallel') return `state '${node.id}' is parallel`;
    if (shape.always && shape.always.length > 0) return `state '${node.id}' has eventless transitions`;
    if (node.entry.length > 0 || node.exit.length > 0) return `state '${node.id}' has entry or exit actions`;
    if (node.invoke.length > 0) return `state '${node.id}' invokes an actor`;
    if (node.type === 'compound' && node.initial.actions.length > 0) return `state '${node.id}' has initial actions`;
    if (node.type === 'final' && shape.output !== undefined) return `final state '${node.id}' declares an output`;
    for (const descriptor of node.transitions.keys()) {
      if (descriptor === '*' || descriptor.endsWith('.*')) return `state '${node.id}' has a wildcard event descriptor`;
    }
  }
  return undefined;
}

/** XState's `getTransitionDomain` for the transition's effective targets; `undefined` for a re-entering root transition. */
function transitionDomain(
  transition: TransitionDefinition,
  targets: readonly AnyStateNode[],
  root: AnyStateNode,
): AnyStateNode | undefined {
  if (!transition.reenter && targets.every((target) => target === transition.source || isDescendant(target, transition.source))) {
    return transition.source;
  }
  const [head, ...tail] = [...targets, transition.source];
  for (const ancestor of properAncestors(head!, undefined)) {
    if (tail.every((node) => isDescendant(node, ancestor))) return ancestor;
  }
  return transition.reenter ? undefined : root;
}

/** XState's `addDescendantStatesToEnter` for compound and atomic states; false where it meets a history state. */
function enterDescendants(node: AnyStateNode, toEnter: Set<AnyStateNode>): boolean {
  if (node.type !== 'compound') return true;
  const [initial] = node.initial.target as readonly AnyStateNode[];
  if (!initial || initial.type === 'history') return false;
  toEnter.add(initial);
  if (!enterDescendants(initial, toEnter)) return false;
  for (const ancestor of properAncestors(initial, node)) toEnter.add(ancestor);
  return true;
}

/**
 * What a history state stands for when a transition targets it: the states it stored, or, when it
 * has stored none, its parent's initial state (XState's `resolveHistoryDefaultTransition` for a
 * history state without a default target of its own).
 */
function historyTargets(history: AnyStateNode, stored: AnyStateNode | undefined): readonly AnyStateNode[] {
  return stored ? [stored] : (history.parent!.initial.target as readonly AnyStateNode[]);
}

/**
 * Where a transition with targets leads from the configuration of one leaf, by XState's
 * `microstep` (exit set with the history it records, entry set, done) — or why it is left to
 * XState. `stored` is what the targeted history state holds, for a transition to a history state.
 */
function landingOf(
  transition: TransitionDefinition,
  configuration: readonly AnyStateNode[],
  root: AnyStateNode,
  stored: AnyStateNode | undefined,
): { readonly landing: Landing | undefined } | { readonly reason: string } {
  const targets = transition.target ?? [];
  if (targets.length === 0) return { landing: undefined };
  if (targets.length > 1) return { reason: 'more than one target' };
  const target = targets[0]!;
  const history = target.type === 'history' ? target : undefined;
  if (history && (history.config as { target?: unknown }).target !== undefined)
    return { reason: 'targets a history state with a default target' };
  const effective = history ? historyTargets(history, stored) : targets;
  const domain = transitionDomain(transition, effective, root);
  if (domain === undefined) return { reason: 're-enters the root' };
  const toExit = new Set<AnyStateNode>();
  if (transition.reenter && transition.source === domain) toExit.add(domain);
  for (const node of configuration) if (isDescendant(node, domain)) toExit.add(node);
  // XState's exitStates: every history state of an exited state records what was active below it.
  const records: [string, readonly AnyStateNode[]][] = [];
  for (const exited of [...toExit].sort((a, b) => b.order - a.order)) {
    for (const child of Object.values(exited.states) as AnyStateNode[]) {
      if (child.type !== 'history') continue;
      const deep = (child as { history?: unknown }).history === 'deep';
      const kept = configuration.filter((node) =>
        deep ? (node.type === 'atomic' || node.type === 'final') && isDescendant(node, exited) : node.parent === exited,
      );
      records.push([child.id, Object.freeze(kept)]);
    }
  }
  // Entering reads the history as recorded by this very step: left to XState.
  if (history && records.some(([id]) => id === history.id)) return { reason: 'records and enters the same history state' };
  const toEnter = new Set<AnyStateNode>();
  if (history) {
    for (const node of effective) {
      toEnter.add(node);
      if (!enterDescendants(node, toEnter)) return { reason: 'enters a history state by default' };
    }
    for (const node of effective) for (const ancestor of properAncestors(node, history.parent)) toEnter.add(ancestor);
  } else {
    if (transition.source !== target || transition.source !== domain || transition.reenter) toEnter.add(target);
    if (!enterDescendants(target, toEnter)) return { reason: 'enters a history state by default' };
  }
  for (const node of effective) for (const ancestor of properAncestors(node, domain)) toEnter.add(ancestor);
  const next = new Set(configuration);
  for (const node of toExit) next.delete(node);
  let done = false;
  for (const node of [...toEnter].sort((a, b) => a.order - b.order)) {
    next.add(node);
    if (node.type === 'final') {
      // A final state below the root raises `xstate.done.state.*`, which the machine may answer.
      if (node.parent !== root) return { reason: 'enters a nested final state' };
      done = true;
    }
  }
  const sameNodes = next.size === configuration.length && configuration.every((node) => next.has(node));
  if (sameNodes && done) return { reason: 'finishes without changing state' };
  if (sameNodes && records.length === 0) return { landing: undefined };
  const nodes = sameNodes ? configuration : [...next];
  const leaves = nodes.filter((node) => node.type === 'atomic' || node.type === 'final');
  const chain = leaves.length === 1 ? chainOf(leaves[0]!) : [];
  if (chain.length !== nodes.length || chain.some((node, index) => nodes[index] !== node)) {
    return { reason: 'leads to a configuration that is not one chain of states' };
  }
  return {
    landing: Object.freeze({
      // A finished machine's nodes come out deepest first: XState sorts them in place to run exit actions.
      nodes: done ? Object.freeze([...nodes].sort((a, b) => b.order - a.order)) : frozenChainOf(leaves[0]!),
      value: deepFreezeValue(stateValueOf(nodes)),
      tags: new FrozenTags(nodes.flatMap((node) => node.tags)),
      done,
      records: Object.freeze(records),
    }),
  };
}

/**
 * A transition's landing from one leaf; for a transition to a history state, one landing per state
 * the history can have stored (and for nothing stored), looked up when the step runs.
 */
function landingsOf(
  transition: TransitionDefinition,
  configuration: readonly AnyStateNode[],
  root: AnyStateNode,
): { readonly landing: Landing | undefined; readonly history?: Candidate['history'] } | { readonly reason: string } {
  const target = transition.target?.length === 1 ? transition.target[0]! : undefined;
  if (target?.type !== 'history') return landingOf(transition, configuration, root, undefined);
  const parent = target.parent!;
  const deep = (target as { history?: unknown }).history === 'deep';
  const storable = deep
    ? allBelow(parent).filter((node) => node.type === 'atomic' || node.type === 'final')
    : (Object.values(parent.states) as AnyStateNode[]).filter((node) => node.type !== 'history');
  const landings = new Map<AnyStateNode | undefined, Landing>();
  for (const stored of [undefined, ...storable]) {
    const landed = landingOf(transition, configuration, root, stored);
    if ('reason' in landed) return landed;
    if (!landed.landing) return { reason: 'a history target that keeps the configuration' };
    landings.set(stored, landed.landing);
  }
  return { landing: undefined, history: { id: target.id, landings } };
}

function allBelow(node: AnyStateNode): AnyStateNode[] {
  return (Object.values(node.states) as AnyStateNode[]).flatMap((child) => [child, ...allBelow(child)]);
}

function deepFreezeValue(value: StateValue): StateValue {
  if (typeof value === 'object') for (const inner of Object.values(value)) if (inner) deepFreezeValue(inner);
  return Object.freeze(value);
}

function assignsOf(
  machine: AnyStateMachine,
  actions: readonly unknown[],
): { readonly assigns: Candidate['assigns'] } | { readonly reason: string } {
  const assigns: CompiledAssign[] = [];
  const implementations = machine.implementations.actions as Record<string, unknown>;
  for (const action of actions) {
    const resolved =
      typeof action === 'function' ? action : implementations[typeof action === 'string' ? action : (action as { type: string }).type];
    // XState's assign() is a function carrying `type` and `resolve`; anything else (a raise, a
    // custom action, a future built-in with side effects) is left to XState.
    const builtin = resolved as (((...args: never[]) => unknown) & { type?: unknown; resolve?: unknown }) | undefined;
    if (
      typeof builtin !== 'function' ||
      builtin.type !== 'xstate.assign' ||
      typeof builtin.resolve !== 'function' ||
      'execute' in builtin ||
      'retryResolve' in builtin
    ) {
      return { reason: 'an action other than assign' };
    }
    assigns.push({ action, builtin: builtin as BuiltinAssign, constantUpdate: constantUpdateOf((builtin as BuiltinAssign).assignment) });
  }
  return { assigns: Object.freeze(assigns) };
}

/**
 * The update an object-form assignment makes every step, when it is the same every step: each key
 * of `Object.keys` (as XState reads them) a data property holding no function. A `__proto__` key
 * is left to be built per step (XState's update object would take it as its prototype).
 */
function constantUpdateOf(assignment: unknown): Readonly<Record<string, unknown>> | undefined {
  if (typeof assignment !== 'object' || assignment === null) return undefined;
  const update: Record<string, unknown> = {};
  for (const key of Object.keys(assignment)) {
    const descriptor = Object.getOwnPropertyDescriptor(assignment, key);
    if (key === '__proto__' || !descriptor || !('value' in descriptor) || typeof descriptor.value === 'function') return undefined;
    update[key] = descriptor.value;
  }
  return Object.freeze(update);
}

/** XState's `evaluateGuard`: a named guard (with params), a built-in (`and`, `or`, `not`) or a function. */
function evaluateGuard(guard: Guard, context: unknown, event: EventObject, snapshot: AnyMachineSnapshot): boolean {
  const isInline = typeof guard === 'function';
  const name = typeof guard === 'string' ? guard : (guard as { type: string }).type;
  const resolved = isInline ? guard : (snapshot.machine.implementations.guards as Record<string, unknown>)[name];
  if (!isInline && !resolved) throw new Error(`Guard '${name}' is not implemented.'.`);
  if (typeof resolved !== 'function') return evaluateGuard(resolved, context, event, snapshot);
  const args = { context, event };
  let params: unknown;
  if (!isInline && typeof guard !== 'string' && 'params' in (guard as object)) {
    const given = (guard as { params: unknown }).params;
    params = typeof given === 'function' ? given(args) : given;
  }
  if (!('check' in resolved)) return Boolean((resolved as (a: unknown, p: unknown) => unknown)(args, params));
  return Boolean((resolved as unknown as { check(s: unknown, a: unknown, g: unknown): unknown }).check(snapshot, args, resolved));
}

function guardPasses(candidate: Candidate, event: EventObject, snapshot: AnyMachineSnapshot): boolean {
  const guard = candidate.guard;
  if (guard === undefined) return true;
  try {
    return evaluateGuard(guard, snapshot.context, event, snapshot);
  } catch (error) {
    // The same words as XState's StateNode.next, so a definition's bug reads the same either way.
    const guardType =
      typeof guard === 'string' ? guard : typeof guard === 'object' && guard !== null ? (guard as { type?: string }).type : undefined;
    throw new Error(
      `Unable to evaluate guard ${guardType ? `'${guardType}' ` : ''}in transition for event '${event.type}' ` +
        `in state node '${candidate.source.id}':\n${(error as { message?: unknown } | undefined)?.message}`,
    );
  }
}

/** Thrown by the `spawn` handed to an assignment: spawning is XState's to do, so the step goes to it. */
const spawnCalled = Symbol('spawn called');

function refuseSpawn(): never {
  throw spawnCalled;
}

/**
 * XState's `resolveAssign`, without building a snapshot per action: each assignment sees the
 * context the one before it made, and the step builds one snapshot at the end. An assignment that
 * spawns is answered by XState (`undefined` here); assignments are pure, so running it again there
 * changes nothing.
 */
function assignedContext(
  candidate: Candidate,
  snapshot: AnyMachineSnapshot,
  event: EventObject,
  scope: AnyActorScope,
  keep: boolean,
): unknown {
  let context = snapshot.context as Record<string, unknown>;
  for (const { action, builtin, constantUpdate } of candidate.assigns) {
    let params: unknown;
    if (typeof action === 'object' && action !== null && 'params' in action) {
      const given = (action as { params: unknown }).params;
      params = typeof given === 'function' ? given({ context, event }) : given;
    }
    const assignment = builtin.assignment;
    if (assignment === undefined) {
      // An assign made some other way than XState's assign(): its own resolve, as XState runs it.
      const args = { context, event, self: scope.self, system: scope.system };
      context = builtin.resolve(scope, { ...snapshot, context } as AnyMachineSnapshot, args, params, builtin)[0].context;
      continue;
    }
    if (!context) throw new Error('Cannot assign to undefined `context`. Ensure that `context` is defined in the machine config.');
    if (constantUpdate) {
      context = keep && constantHeldBy(context, constantUpdate) ? context : assignedOver(context, constantUpdate);
      continue;
    }
    const args = { context, event, spawn: refuseSpawn, self: scope.self, system: scope.system };
    let update: Record<string, unknown>;
    if (typeof assignment === 'function') {
      update = assignment(args, params) as Record<string, unknown>;
    } else {
      update = {};
      for (const key of Object.keys(assignment as object)) {
        const property = (assignment as Record<string, unknown>)[key];
        update[key] = typeof property === 'function' ? property(args, params) : property;
      }
    }
    context = keep && updateHeldBy(context, update) ? context : assignedOver(context, update);
  }
  return context;
}

/** An object with the plain prototype whose own keys are all enumerable data properties, none a symbol. */
function isPlainData(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value)))
    if (!descriptor.enumerable || !('value' in descriptor)) return false;
  return true;
}

/**
 * True when `Object.assign({ ...context }, update)` would give an object equal to `context` key for
 * key, in the same order: every key of the update is already an own property of the context holding
 * the same value (`Object.is`: +0 and -0 differ). Only for a machine whose contexts are all plain
 * data (see `keeps` in compileStepper), so the context's properties are read directly.
 */
function holdsValue(context: Record<string, unknown>, key: string, value: unknown): boolean {
  return Object.hasOwn(context, key) && Object.is(context[key], value);
}

/** {@link holdsValue} for every key of a constant update (string keys of data properties only, see constantUpdateOf). */
function constantHeldBy(context: Record<string, unknown>, update: Readonly<Record<string, unknown>>): boolean {
  if (Object.hasOwn(context, '__proto__')) return false;
  for (const key in update) if (!holdsValue(context, key, update[key])) return false;
  return true;
}

/**
 * {@link holdsValue} for an update an assignment built this step. Only a plain object whose own keys
 * `for…in` lists, each a data property (a getter is left to be read once, by Object.assign), and no
 * symbol keys (which `Object.assign` copies too) qualifies; anything else is applied as XState does.
 */
function updateHeldBy(context: Record<string, unknown>, update: Record<string, unknown>): boolean {
  if (typeof update !== 'object' || update === null || Object.getPrototypeOf(update) !== Object.prototype) return false;
  if (Object.hasOwn(context, '__proto__')) return false;
  for (const key in update) {
    const descriptor = Object.getOwnPropertyDescriptor(update, key);
    if (descriptor === undefined || !('value' in descriptor) || !holdsValue(context, key, descriptor.value)) return false;
  }
  return Object.getOwnPropertySymbols(update).length === 0;
}

/**
 * `Object.assign({}, context, update)`, as XState's `resolveAssign` makes the next context, at a
 * third of its cost: V8 clones an object literal's spread by its hidden class instead of setting
 * one key after another. The update is still applied by `Object.assign` (setters, symbols and
 * enumerability as XState has them); a context with an own `__proto__` key (which a spread would
 * define where `Object.assign` calls the prototype setter) goes the way XState goes.
 */
function assignedOver(context: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown> {
  if (Object.hasOwn(context, '__proto__')) return Object.assign({}, context, update);
  return Object.assign({ ...context }, update);
}

/**
 * The snapshot after a compiled step, built once, field for field as XState's
 * `createMachineSnapshot` builds it (its shared methods taken from the snapshot before).
 */
function nextSnapshot(snapshot: AnyMachineSnapshot, context: unknown, landing: Landing | undefined): AnyMachineSnapshot {
  let historyValue = snapshot.historyValue;
  if (landing && landing.records.length > 0) {
    const changed: Record<string, readonly AnyStateNode[]> = { ...(historyValue as Record<string, readonly AnyStateNode[]>) };
    for (const [id, nodes] of landing.records) changed[id] = nodes;
    historyValue = changed as typeof historyValue;
  }
  const done = landing?.done === true;
  // One frozen Set per landing, shared: XState builds a new one per snapshot.
  const tags: Set<string> = landing ? landing.tags : frozenTagsOf(snapshot.tags);
  return {
    status: done ? 'done' : snapshot.status,
    output: done ? undefined : snapshot.output,
    error: snapshot.error,
    machine: snapshot.machine,
    context,
    _nodes: landing ? landing.nodes : snapshot._nodes,
    value: landing ? landing.value : snapshot.value,
    tags,
    children: snapshot.children,
    historyValue,
    matches: snapshot.matches,
    hasTag: snapshot.hasTag,
    can: snapshot.can,
    getMeta: snapshot.getMeta,
    toJSON: snapshot.toJSON,
  } as AnyMachineSnapshot;
}

/**
 * Compiles a machine for {@link CompiledStepper}. `fallback` is XState's own step with the same
 * actor scope, used for whatever is not compiled.
 *
 * @internal
 */
export function compileStepper(
  machine: AnyStateMachine,
  scope: AnyActorScope,
  fallback: (snapshot: AnyMachineSnapshot, event: EventObject) => AnyMachineSnapshot,
): CompiledStepper {
  const nodes = allNodes(machine);
  const outside = machineOutsideClass(machine, nodes);
  if (outside !== undefined) {
    const step = (snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot | undefined => {
      const next = fallback(snapshot, event);
      return next === snapshot && machine.getTransitionData(snapshot, event).length === 0 ? undefined : next;
    };
    return {
      step,
      advance: step,
      accepts: (snapshot, event) => machine.getTransitionData(snapshot, event).length > 0,
      mayAccept: () => true,
      report: { compiled: false, reason: outside, fallbacks: [], compiledTransitions: 0 },
    };
  }
  // Per transition, the first reason it is left to XState (from any leaf it can be taken in), or null.
  const verdicts = new Map<unknown, { state: string; eventType: string; index: number; reason: string } | null>();
  const leaves = new Map<AnyStateNode, LeafPlan>();
  for (const leaf of nodes.filter((node) => node.type === 'atomic' || node.type === 'final')) {
    const chain = frozenChainOf(leaf);
    const candidates = new Map<string, Candidate[]>();
    // StateNode.next from the leaf up: each node's transitions for the type in order, first guard that holds.
    for (const node of [...chain].reverse()) {
      for (const [eventType, transitions] of node.transitions) {
        const list = candidates.get(eventType) ?? [];
        (transitions as readonly TransitionDefinition[]).forEach((transition, index) => {
          const landed = landingsOf(transition, chain, machine.root);
          const resolved = assignsOf(machine, transition.actions);
          const reason = 'reason' in landed ? landed.reason : 'reason' in resolved ? resolved.reason : undefined;
          if (reason !== undefined && !verdicts.get(transition)) verdicts.set(transition, { state: node.id, eventType, index, reason });
          else if (!verdicts.has(transition)) verdicts.set(transition, null);
          list.push({
            source: node,
            guard: transition.guard,
            assigns: 'assigns' in resolved ? resolved.assigns : [],
            landing: 'landing' in landed ? landed.landing : undefined,
            ...('history' in landed && landed.history ? { history: landed.history } : {}),
            fallback: reason !== undefined,
          });
        });
        candidates.set(eventType, list);
      }
    }
    leaves.set(leaf, { nodes: chain, candidates });
  }
  // A context a step keeps must be what XState's copy would be, and is then read directly: plain
  // data. Every context a compiled step or XState's assign makes is (a spread or Object.assign copy);
  // the initial one is the machine's own object, and an assign made some other way returns what it
  // likes. So only a machine whose context is a plain-data object and whose assigns are all XState's
  // lets `advance` keep anything.
  const keeps =
    isPlainData((machine.config as { context?: unknown }).context) &&
    [...leaves.values()].every((leaf) =>
      [...leaf.candidates.values()].every((list) =>
        list.every((candidate) => candidate.assigns.every((a) => a.builtin.assignment !== undefined)),
      ),
    );
  const fallbacks = [...verdicts.values()].filter((verdict) => verdict !== null);
  const report: CompiledStepReport = Object.freeze({
    compiled: true,
    fallbacks: Object.freeze(fallbacks.map((entry) => Object.freeze(entry))),
    compiledTransitions: verdicts.size - fallbacks.length,
  });

  const planOf = (snapshot: AnyMachineSnapshot): LeafPlan | undefined => {
    const active = snapshot._nodes as readonly AnyStateNode[];
    const leaf = active[active.length - 1];
    const plan = leaf && leaves.get(leaf);
    if (plan !== undefined && active === plan.nodes) return plan;
    if (!plan || plan.nodes.length !== active.length) return undefined;
    // Only the configuration XState itself keeps (root first, one chain) is compiled.
    for (let index = 0; index < active.length; index++) if (active[index] !== plan.nodes[index]) return undefined;
    return plan;
  };

  return {
    report,
    accepts(snapshot, event) {
      const plan = snapshot.status === 'active' ? planOf(snapshot) : undefined;
      if (!plan) return machine.getTransitionData(snapshot, event).length > 0;
      const candidates = plan.candidates.get(event.type);
      if (!candidates) return false;
      for (const candidate of candidates) if (guardPasses(candidate, event, snapshot)) return true;
      return false;
    },
    mayAccept(snapshot, eventType) {
      const plan = snapshot.status === 'active' ? planOf(snapshot) : undefined;
      return plan === undefined || plan.candidates.has(eventType);
    },
    step: (snapshot, event) => stepWith(snapshot, event, false),
    advance: (snapshot, event) => stepWith(snapshot, event, keeps),
  };

  function stepWith(snapshot: AnyMachineSnapshot, event: EventObject, keep: boolean): AnyMachineSnapshot | undefined {
    const plan = snapshot.status === 'active' ? planOf(snapshot) : undefined;
    if (!plan) {
      const next = fallback(snapshot, event);
      return next === snapshot && machine.getTransitionData(snapshot, event).length === 0 ? undefined : next;
    }
    const candidates = plan.candidates.get(event.type);
    if (!candidates) return undefined;
    for (const candidate of candidates) {
      if (!guardPasses(candidate, event, snapshot)) continue;
      if (candidate.fallback) return fallback(snapshot, event);
      let landing = candidate.landing;
      if (candidate.history) {
        // What the history state holds decides where the transition lands; anything but one stored
        // state of those compiled for is XState's to answer.
        const stored = (snapshot.historyValue as Record<string, readonly AnyStateNode[] | undefined>)[candidate.history.id];
        landing =
          stored === undefined
            ? candidate.history.landings.get(undefined)
            : stored.length === 1
              ? candidate.history.landings.get(stored[0])
              : undefined;
        if (!landing) return fallback(snapshot, event);
      }
      if (candidate.assigns.length === 0) return landing ? nextSnapshot(snapshot, snapshot.context, landing) : snapshot;
      let context: unknown;
      try {
        context = assignedContext(candidate, snapshot, event, scope, keep);
      } catch (error) {
        if (error === spawnCalled) return fallback(snapshot, event);
        throw error;
      }
      // Only `advance` keeps a context; a step that keeps the configuration and the context keeps the snapshot.
      if (keep && context === snapshot.context && landing === undefined) return snapshot;
      return nextSnapshot(snapshot, context, landing);
    }
    return undefined;
  }
}
