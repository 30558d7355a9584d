import type { AnyPathRule } from '../../path/definition.js';
import { buildDecisionTree, TabulationError, type DecisionTree } from './decisionTree.js';
import { ruleHolds, type ErasedView } from '../../case/typeErasure.js';

/**
 * The finite variables the exporter tabulates guards, actions and rules over: the context fields
 * (`ctx.<field>`, and `from.ctx.<field>`, `to.ctx.<field>` for rules), the payload fields of the
 * event type at hand (`payload.<field>`), and the configuration (`from.value`, `to.value`).
 *
 * @internal
 */
export interface Variables {
  /** Dotted paths of the context's plain values (`consent.kela`), nested records flattened. */
  readonly contextFields: readonly string[];
  readonly payloadFields: (eventType: string) => readonly string[];
  domainOf(variable: string, eventType: string): readonly unknown[];
}

const maxNodes = 20_000;

type Read = (variable: string) => unknown;

/**
 * A read-only view of the variables under `prefix`, shaped as the record they stand for: nested
 * records of the context (`consent.kela`) are nested views, so `context.consent[partner]` and
 * `{ ...context.consent }` read exactly the variables they touch.
 */
function recordProxy(read: Read, prefix: string, fields: readonly string[]): object {
  const keys = [...new Set(fields.map((field) => field.split('.')[0]!))];
  const nested = new Map(
    keys
      .filter((key) => !fields.includes(key))
      .map((key) => [key, fields.filter((field) => field.startsWith(`${key}.`)).map((field) => field.slice(key.length + 1))] as const),
  );
  const tabulatedValueOf = (key: string): unknown => {
    const inner = nested.get(key);
    return inner ? recordProxy(read, `${prefix}${key}.`, inner) : read(`${prefix}${key}`);
  };
  return new Proxy(
    {},
    {
      get: (_target, key) => (typeof key === 'string' && keys.includes(key) ? tabulatedValueOf(key) : undefined),
      has: (_target, key) => typeof key === 'string' && keys.includes(key),
      ownKeys: () => [...keys],
      getOwnPropertyDescriptor: (_target, key) =>
        typeof key === 'string' && keys.includes(key)
          ? { value: tabulatedValueOf(key), enumerable: true, configurable: true, writable: false }
          : undefined,
      set: () => {
        throw new TabulationError('a guard, action or rule writes to the context or the payload', 'UNTABULATED_CODE');
      },
    },
  );
}

/**
 * A partial context as the variables it assigns: a nested record assigned whole (`consent: { …
 * }`) assigns every field under it, those it leaves out to undefined.
 *
 * @internal
 */
export function flattenPartial(
  partial: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  what: string,
): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  const visit = (value: unknown, path: string): void => {
    const below = fields.filter((field) => field.startsWith(`${path}.`));
    if (value !== null && typeof value === 'object') {
      if (Array.isArray(value))
        throw new TabulationError(
          `${what} assigns an array to '${path}'; only plain values and records of them are mirrored`,
          'UNTABULATED_CODE',
        );
      for (const field of below) flat[field] = undefined;
      for (const [key, inner] of Object.entries(value)) visit(inner, `${path}.${key}`);
      return;
    }
    if (below.length > 0) throw new TabulationError(`${what} assigns a plain value to '${path}', which holds a record`, 'UNTABULATED_CODE');
    flat[path] = value;
  };
  for (const [key, value] of Object.entries(partial)) visit(value, key);
  return flat;
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
    (read) =>
      Boolean(
        implementation({ context: recordProxy(read, 'ctx.', variables.contextFields), event: eventOf(read, eventType, variables) }, params),
      ),
    domainFor(variables, eventType),
    { maxNodes, what: `guard '${name}' on ${eventType}` },
  );
}

/**
 * An assign action as a decision tree over the context and the payload, whose leaves are the
 * variables it assigns (nested records flattened to dotted paths) and their new values.
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
      const args = {
        context: recordProxy(read, 'ctx.', variables.contextFields),
        event: eventOf(read, eventType, variables),
        self: undefined,
        system: undefined,
        spawn: undefined,
      };
      let partial: Record<string, unknown>;
      if (typeof assignment === 'function') {
        partial = { ...(assignment(args, params) as Record<string, unknown>) };
      } else {
        partial = {};
        for (const [key, value] of Object.entries(assignment as Record<string, unknown>)) {
          partial[key] = typeof value === 'function' ? value(args, params) : value;
        }
      }
      return flattenPartial(partial, variables.contextFields, what);
    },
    domainFor(variables, eventType),
    { maxNodes, what },
  );
}

function viewOf(read: Read, side: 'from' | 'to', variables: Variables): ErasedView {
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
    (read) =>
      Boolean(
        ruleHolds(rule, {
          from: viewOf(read, 'from', variables),
          event: eventOf(read, eventType, variables),
          to: viewOf(read, 'to', variables),
        }),
      ),
    domainFor(variables, eventType),
    { maxNodes, what: `rule '${rule.id}' on ${eventType}` },
  );
}
