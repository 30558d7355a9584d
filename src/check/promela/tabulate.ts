import type { AnyPathRule } from '../../definition.js';
import { buildDecisionTree, TabulationError, type DecisionTree } from './decisionTree.js';

/**
 * The finite variables the exporter tabulates guards, actions and rules over: the context fields
 * (`ctx.<field>`, and `from.ctx.<field>`, `to.ctx.<field>` for rules), the payload fields of the
 * event type at hand (`payload.<field>`), and the configuration (`from.value`, `to.value`).
 *
 * @internal
 */
export interface Variables {
  readonly contextFields: readonly string[];
  readonly payloadFields: (eventType: string) => readonly string[];
  domainOf(variable: string, eventType: string): readonly unknown[];
}

const maxNodes = 20_000;

type Read = (variable: string) => unknown;

function recordProxy(read: Read, prefix: string, fields: readonly string[]): object {
  const known = new Set(fields);
  return new Proxy(
    {},
    {
      get: (_target, key) => (typeof key === 'string' && known.has(key) ? read(`${prefix}${key}`) : undefined),
      has: (_target, key) => typeof key === 'string' && known.has(key),
      ownKeys: () => [...fields],
      getOwnPropertyDescriptor: (_target, key) =>
        typeof key === 'string' && known.has(key) ? { value: read(`${prefix}${key}`), enumerable: true, configurable: true, writable: false } : undefined,
      set: () => {
        throw new TabulationError('a guard, action or rule writes to the context or the payload', 'UNTABULATED_CODE');
      },
    },
  );
}

function eventOf(read: Read, eventType: string, variables: Variables): object {
  return { type: eventType, payload: recordProxy(read, 'payload.', variables.payloadFields(eventType)) };
}

function domainFor(variables: Variables, eventType: string) {
  return (variable: string) => variables.domainOf(variable, eventType);
}

/** A guard implementation as a decision tree over the context and the payload. @internal */
export function tabulateGuard(
  implementation: (args: { context: unknown; event: unknown }, params: unknown) => unknown,
  params: unknown,
  eventType: string,
  variables: Variables,
  name: string,
): DecisionTree<boolean> {
  return buildDecisionTree(
    (read) => Boolean(implementation({ context: recordProxy(read, 'ctx.', variables.contextFields), event: eventOf(read, eventType, variables) }, params)),
    domainFor(variables, eventType),
    { maxNodes, what: `guard '${name}' on ${eventType}` },
  );
}

/**
 * An assign action as a decision tree over the context and the payload, whose leaves are the
 * partial contexts it assigns.
 *
 * @internal
 */
export function tabulateAssign(
  assignment: unknown,
  params: unknown,
  eventType: string,
  variables: Variables,
  name: string,
): DecisionTree<Readonly<Record<string, unknown>>> {
  const what = `action '${name}' on ${eventType}`;
  return buildDecisionTree(
    (read) => {
      const args = { context: recordProxy(read, 'ctx.', variables.contextFields), event: eventOf(read, eventType, variables), self: undefined, system: undefined, spawn: undefined };
      let partial: Record<string, unknown>;
      if (typeof assignment === 'function') {
        partial = { ...(assignment(args, params) as Record<string, unknown>) };
      } else {
        partial = {};
        for (const [key, value] of Object.entries(assignment as Record<string, unknown>)) {
          partial[key] = typeof value === 'function' ? value(args, params) : value;
        }
      }
      for (const [key, value] of Object.entries(partial)) {
        if (value !== null && typeof value === 'object') throw new TabulationError(`${what} assigns an object to '${key}'; only plain values are mirrored`, 'UNTABULATED_CODE');
      }
      return partial;
    },
    domainFor(variables, eventType),
    { maxNodes, what },
  );
}

function viewOf(read: Read, side: 'from' | 'to', variables: Variables): object {
  return {
    get value() {
      return read(`${side}.value`);
    },
    context: recordProxy(read, `${side}.ctx.`, variables.contextFields),
  };
}

/** A rule on the steps of one event type, as a decision tree over the states before and after. @internal */
export function tabulateRule(rule: AnyPathRule, eventType: string, variables: Variables): DecisionTree<boolean> {
  return buildDecisionTree(
    (read) => Boolean(rule.holds({ from: viewOf(read, 'from', variables), event: eventOf(read, eventType, variables), to: viewOf(read, 'to', variables) } as never)),
    domainFor(variables, eventType),
    { maxNodes, what: `rule '${rule.id}' on ${eventType}` },
  );
}
