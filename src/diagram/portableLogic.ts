import type { AnyPathDefinition } from '../path/definition.js';
import { compilePath } from '../case/compilePath.js';
import { guardUsesOf } from './guardExpression.js';
import { describePathGraph, type GraphAction } from './pathGraph.js';

/**
 * A path's guards and context updates as JavaScript source, for the executable exports (the
 * SCXML's ECMAScript data model, the BPMN's script conditions and tasks). The source is the
 * machine's own code, taken with `Function.prototype.toString`; a guard or action that reads a
 * name outside its own source (an imported constant, a helper) cannot run there, and is named in
 * `warnings`.
 *
 * @internal
 */
export interface PortableLogic {
  /** The machine's initial context, as JSON. */
  readonly initialContext: string;
  /** Guard name → a function expression `(args, params) => boolean`. */
  readonly guards: ReadonlyMap<string, string>;
  /** The context update of an action → a function expression `(args) => partial context`; `undefined` for actions that do not assign. */
  actionSource(action: GraphAction): string | undefined;
  /** A function expression `(view) => outcome` from the definition's `outcomeOf`. */
  readonly outcomeOf: string;
  readonly warnings: readonly string[];
}

/** A function's source as an expression: arrows and `function`s as they are, methods made `function`s. */
function functionExpression(fn: (...args: never[]) => unknown): string {
  const source = fn.toString();
  for (const candidate of [source, `function ${source}`]) {
    try {
      new Function(`return (${candidate});`);
      return candidate;
    } catch {
      // not an expression in this form; try the next
    }
  }
  throw new Error(`portableLogic: cannot read the source of ${fn.name || 'a function'} as an expression`);
}

/** Evaluates a function expression alone, where only globals are in scope. */
function isolate(source: string): (...args: unknown[]) => unknown {
  return new Function(`return (${source});`)() as (...args: unknown[]) => unknown;
}

interface AssignAction {
  readonly type: 'xstate.assign';
  readonly assignment: unknown;
}

function isAssign(implementation: unknown): implementation is AssignAction {
  return typeof implementation === 'function' && (implementation as { type?: unknown }).type === 'xstate.assign';
}

function assignmentSource(assignment: unknown): string {
  if (typeof assignment === 'function') return functionExpression(assignment as () => unknown);
  const fields = Object.entries(assignment as Record<string, unknown>).map(([key, value]) => {
    const expression =
      typeof value === 'function' ? `(${functionExpression(value as () => unknown)})(args, params)` : JSON.stringify(value);
    return `${JSON.stringify(key)}: ${expression}`;
  });
  return `function (args, params) { return { ${fields.join(', ')} }; }`;
}

const portable = new WeakMap<AnyPathDefinition, PortableLogic>();

/**
 * Reads a definition's guards, actions and `outcomeOf` as source, and checks that each one runs
 * on its own: called on sample events from the initial context, the isolated copy must neither
 * throw a `ReferenceError` nor answer differently from the machine's own function.
 *
 * @internal
 */
export function portableLogicOf(definition: AnyPathDefinition): PortableLogic {
  const cached = portable.get(definition);
  if (cached) return cached;
  const warnings: string[] = [];
  const plan = compilePath(definition);
  const context = plan.stepper.initialSnapshot.context as unknown;
  const initialContext = JSON.stringify(context) ?? 'undefined';
  if (JSON.stringify(JSON.parse(initialContext)) !== initialContext)
    warnings.push('the initial context is not plain JSON; the exports start from its JSON form');
  const graph = describePathGraph(definition);
  const samplesOf = (events: readonly string[]) =>
    events.flatMap((type) => (plan.samplePayloads.get(type) ?? []).map((payload) => ({ type, payload })));
  const compare = (what: string, source: string, original: (...args: never[]) => unknown, calls: readonly unknown[][]): void => {
    let copy: (...args: unknown[]) => unknown;
    try {
      copy = isolate(source);
    } catch (error) {
      warnings.push(`${what} cannot be carried into the export: ${(error as Error).message}`);
      return;
    }
    for (const args of calls) {
      let expected: unknown;
      try {
        expected = JSON.stringify((original as (...inner: unknown[]) => unknown)(...args));
      } catch {
        continue; // the machine's own function does not take this sample either
      }
      try {
        if (JSON.stringify(copy(...args)) !== expected) {
          warnings.push(
            `${what} answers differently when taken out of its module (it reads a name from around it); ` +
              'the export may not run it faithfully',
          );
          return;
        }
      } catch (error) {
        warnings.push(`${what} cannot run outside its module (${(error as Error).message}); the export may not run it faithfully`);
        return;
      }
    }
  };

  const guardImplementations = (definition.machine.implementations.guards ?? {}) as Record<string, (...args: never[]) => unknown>;
  const guards = new Map<string, string>();
  for (const [name, implementation] of Object.entries(guardImplementations)) {
    const source = functionExpression(implementation);
    guards.set(name, source);
    // Each place the guard is used, with its event and params: the copy must answer as the guard does there.
    const uses = graph.transitions.flatMap((transition) =>
      guardUsesOf(transition.guard)
        .filter((use) => use.name === name)
        .flatMap((use) => samplesOf([transition.event]).map((event) => [{ context, event }, use.params])),
    );
    compare(`guard '${name}'`, source, implementation, uses);
  }

  const actionSources = new Map<unknown, string | undefined>();
  const actionSource = (action: GraphAction): string | undefined => {
    if (actionSources.has(action.implementation)) return actionSources.get(action.implementation);
    let source: string | undefined;
    if (isAssign(action.implementation)) {
      source = assignmentSource(action.implementation.assignment);
    } else {
      warnings.push(`action '${action.name ?? '(inline)'}' does not assign the context and is left out of the export`);
    }
    actionSources.set(action.implementation, source);
    return source;
  };
  for (const transition of graph.transitions) {
    for (const action of transition.actions) {
      const source = actionSource(action);
      if (source === undefined || !isAssign(action.implementation)) continue;
      const assignment = action.implementation.assignment;
      if (typeof assignment !== 'function') continue;
      compare(
        `action '${action.name ?? '(inline)'}'`,
        source,
        assignment as () => unknown,
        samplesOf([transition.event]).map((event) => [{ context, event }, action.params]),
      );
    }
  }

  const outcomeOf = functionExpression(definition.outcomeOf as (...args: never[]) => unknown);
  compare('outcomeOf', outcomeOf, definition.outcomeOf as (...args: never[]) => unknown, [
    [{ value: plan.stepper.initialSnapshot.value, context }],
  ]);
  const logic: PortableLogic = { initialContext, guards, actionSource, outcomeOf, warnings };
  portable.set(definition, logic);
  return logic;
}
