import type { AnyPathDefinition } from '../../path/definition.js';
import { compilePath } from '../../case/compilePath.js';
import { inputAlphabet } from '../inputAlphabet.js';
import { TabulationError, type DecisionTree, type PromelaFailureCode } from './decisionTree.js';
import { resolveFiniteMachine, type AssignEffect, type Candidate, type Effect } from './finiteMachine.js';
import {
  promelaFalse,
  promelaTrue,
  type PromelaExpr,
  type PromelaModel,
  type PromelaOption,
  type PromelaStatement,
  type PromelaVariable,
} from './promelaModel.js';
import { serializePromela } from './serializePromela.js';
import { tabulateAssign, tabulateGuard, tabulateRule, type Variables } from './tabulate.js';
import { asGuardImplementation } from '../../case/typeErasure.js';

export type { PromelaFailureCode } from './decisionTree.js';

/** How to read SPIN's output against the path: what each number in the model stands for. */
export interface PromelaMapping {
  /** State names by configuration number (`state` variable). */
  readonly configurations: readonly string[];
  /** Each context field's variable and its values by number. */
  readonly contextFields: readonly { readonly field: string; readonly variable: string; readonly values: readonly unknown[] }[];
  /** The inputs, numbered as the model prints them (`EVENT <n>`): the same alphabet `checkPath` tries. */
  readonly inputs: readonly { readonly type: string; readonly payload: Readonly<Record<string, unknown>>; readonly role: string }[];
}

/** The result of {@link toPromela}: the model, or why this machine cannot be exported. */
export type PromelaExport =
  | { readonly ok: true; readonly text: string; readonly mapping: PromelaMapping; readonly failure?: never }
  | {
      readonly ok: false;
      readonly failure: { readonly code: PromelaFailureCode; readonly message: string };
      readonly text?: never;
      readonly mapping?: never;
    };

/** Options of {@link toPromela}. */
export interface PromelaOptions {
  /** As in `checkPath`: numeric context fields saturate at these ceilings. */
  readonly counterCeilings?: Readonly<Record<string, number>>;
}

const isPlainValue = (value: unknown): boolean => value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value);

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function identifier(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '_');
}

const num = (value: number): PromelaExpr => ({ kind: 'number', value });
const name = (text: string): PromelaExpr => ({ kind: 'name', name: text });
const equals = (left: PromelaExpr, right: PromelaExpr): PromelaExpr => ({ kind: 'equals', left, right });

function treeExpression<T>(tree: DecisionTree<T>, leaf: (value: T) => PromelaExpr, variable: (name: string) => PromelaExpr): PromelaExpr {
  if (tree.kind === 'leaf') return leaf(tree.value);
  const branches = tree.branches.map((branch) => treeExpression(branch, leaf, variable));
  let expression = branches[branches.length - 1]!;
  for (let index = branches.length - 2; index >= 0; index--) {
    // biome-ignore lint/suspicious/noThenProperty: a node of the Promela expression tree, never awaited
    expression = { kind: 'choose', test: equals(variable(tree.variable), num(index)), then: branches[index]!, otherwise: expression };
  }
  return expression;
}

function leavesOf<T>(tree: DecisionTree<T>): T[] {
  return tree.kind === 'leaf' ? [tree.value] : tree.branches.flatMap(leavesOf);
}

function isHigherOrderGuard(guard: unknown): guard is { name: string; guards: readonly unknown[] } {
  return typeof guard === 'function' && 'guards' in guard && 'check' in guard;
}

/**
 * Exports a path to Promela, the language of the SPIN model checker, as an independent referee
 * for {@link checkPath}: SPIN explores the same states by its own search and must reach the same
 * number of them, and find a violation wherever `checkPath` does.
 *
 * The model is one process whose loop takes one atomic step per input: choose an input of the same
 * alphabet `checkPath` tries, select the machine's transition as XState does (the active state's
 * transitions first, then its ancestors', the first whose guard holds), apply its effects (history
 * recorded, exit actions, the transition's actions, entry actions), assert every rule, reset the
 * scratch variables. A global state is then exactly a configuration (the `state` variable), one
 * variable per context field and one per history state, so SPIN's `states, stored` (depth-first
 * search) equals `checkPath`'s `states`.
 *
 * Guards, assign actions and rules are JavaScript; they are not translated but tabulated: each is
 * run on every combination of the variables it reads (context fields, payload fields,
 * configuration), found by watching its reads, and written as a Promela expression. Context
 * fields must hold plain values (strings, numbers, booleans, null) or records of them (one
 * variable per dotted path, `consent.kela`), at most 255 values each, which
 * the exporter finds by closing the initial context under the machine's assign actions (counters
 * saturate at `counterCeilings`). Machines with parallel states, eventless transitions or actions
 * that raise events are refused with a typed failure.
 *
 * @example
 * ```ts
 * const exported = toPromela(workabilityPath);
 * if (exported.ok) writeFileSync('workability.pml', exported.text); // spin -a workability.pml
 * ```
 */
export function toPromela(definition: AnyPathDefinition, options: PromelaOptions = {}): PromelaExport {
  try {
    const { model, mapping } = buildModel(definition, options);
    return { ok: true, text: serializePromela(model), mapping };
  } catch (error) {
    if (error instanceof TabulationError)
      return { ok: false, failure: { code: error.code, message: `path '${definition.id}': ${error.message}` } };
    throw error;
  }
}

function buildModel(definition: AnyPathDefinition, options: PromelaOptions): { model: PromelaModel; mapping: PromelaMapping } {
  const machine = definition.machine;
  const alphabet = inputAlphabet(definition);
  const eventTypes = [...alphabet.byType.keys()];
  const finite = resolveFiniteMachine(machine, eventTypes);
  const ceilings = options.counterCeilings ?? {};
  const clamp = (field: string, value: unknown): unknown => {
    const ceiling = ceilings[field];
    return typeof value === 'number' && ceiling !== undefined && value > ceiling ? ceiling : value;
  };

  // --- Context fields and their values: the initial context closed under every assign action. ---
  const initialContext = compilePath(definition).stepper.initialSnapshot.context as unknown;
  if (typeof initialContext !== 'object' || initialContext === null) throw new TabulationError('the context is not an object');
  const fields: string[] = [];
  const domains = new Map<string, unknown[]>();
  const addValue = (field: string, raw: unknown): boolean => {
    const value = clamp(field, raw);
    if (!isPlainValue(value))
      throw new TabulationError(
        `context field '${field}' holds ${typeof value === 'object' ? 'an object' : typeof value}; only plain values are exported`,
        'UNTABULATED_CODE',
      );
    let domain = domains.get(field);
    if (!domain) {
      fields.push(field);
      domain = [];
      domains.set(field, domain);
    }
    if (domain.some((known) => sameValue(known, value))) return false;
    domain.push(value);
    if (domain.length > 255) {
      throw new TabulationError(
        `context field '${field}' takes more than 255 values; if it counts, give it a ceiling (counterCeilings)`,
        'CONTEXT_TOO_LARGE',
      );
    }
    return true;
  };
  // Nested records of plain values become one variable per dotted path (`consent.kela`).
  const addInitial = (record: object, prefix: string): void => {
    for (const [key, value] of Object.entries(record)) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) addInitial(value, `${prefix}${key}.`);
      else addValue(`${prefix}${key}`, value);
    }
  };
  addInitial(initialContext, '');

  const payloadFields = new Map<string, string[]>(eventTypes.map((type) => [type, Object.keys(definition.events[type]!.shape)]));
  const payloadDomains = new Map<string, unknown[]>();
  for (const entry of alphabet.entries) {
    for (const field of payloadFields.get(entry.type)!) {
      const key = `${entry.type}.${field}`;
      const domain = payloadDomains.get(key) ?? [];
      const value = entry.event.payload[field];
      if (!domain.some((known) => sameValue(known, value))) domain.push(value);
      payloadDomains.set(key, domain);
    }
  }
  const configurationValues = finite.configurations.map((configuration) => configuration.value);
  const variables: Variables = {
    contextFields: fields,
    payloadFields: (type) => payloadFields.get(type) ?? [],
    domainOf(variable, eventType) {
      if (variable === 'from.value' || variable === 'to.value') return configurationValues;
      if (variable.startsWith('payload.')) return payloadDomains.get(`${eventType}.${variable.slice('payload.'.length)}`) ?? [];
      const field = variable.slice(variable.indexOf('ctx.') + 'ctx.'.length);
      return domains.get(field) ?? [];
    },
  };

  const assignsUsed = new Map<string, { effect: AssignEffect; eventType: string }>();
  const assignKeys = new Map<unknown, number>();
  const assignKey = (effect: AssignEffect, eventType: string): string => {
    if (!assignKeys.has(effect.assignment)) assignKeys.set(effect.assignment, assignKeys.size);
    return `${assignKeys.get(effect.assignment)}|${JSON.stringify(effect.params) ?? ''}|${eventType}`;
  };
  finite.steps.forEach((byType) => {
    for (const [eventType, candidates] of byType) {
      for (const candidate of candidates) {
        for (const variant of candidate.variants) {
          for (const effect of variant.effects)
            if (effect.kind === 'assign') assignsUsed.set(assignKey(effect, eventType), { effect, eventType });
        }
      }
    }
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const { effect, eventType } of assignsUsed.values()) {
      for (const partial of leavesOf(tabulateAssign(effect.assignment, effect.params, eventType, variables, effect.name))) {
        for (const [field, value] of Object.entries(partial)) {
          // A field the initial context lacks starts out undefined.
          if (!domains.has(field)) changed = addValue(field, undefined) || changed;
          changed = addValue(field, value) || changed;
        }
      }
    }
  }

  // --- Names. ---
  const used = new Set<string>();
  const unique = (text: string): string => {
    let candidate = text;
    for (let suffix = 2; used.has(candidate); suffix++) candidate = `${text}_${suffix}`;
    used.add(candidate);
    return candidate;
  };
  const stateName = 'state';
  const eventName = 'event';
  const tookName = 'took';
  const fromState = 'from_state';
  used.add(stateName).add(eventName).add(tookName).add(fromState);
  const configurationDefines = finite.configurations.map((configuration) => unique(`S_${identifier(configuration.name)}`));
  const eventDefines = eventTypes.map((type) => unique(`E_${identifier(type)}`));
  const contextVariables = new Map(fields.map((field) => [field, unique(`c_${identifier(field)}`)]));
  const nextVariables = new Map(fields.map((field) => [field, unique(`next_${identifier(field)}`)]));
  const fromVariables = new Map(fields.map((field) => [field, unique(`from_${identifier(field)}`)]));
  const payloadVariables = new Map(
    eventTypes.flatMap((type) =>
      payloadFields.get(type)!.map((field) => [`${type}.${field}`, unique(`p_${identifier(type)}_${identifier(field)}`)] as const),
    ),
  );
  const historyVariables = finite.slots.map((slot) => unique(`h_${identifier(slot.node.parent!.path.join('_') || 'root')}`));
  const eventIs = (type: string) => equals(name(eventName), name(eventDefines[eventTypes.indexOf(type)]!));

  const indexOf = (domain: readonly unknown[], value: unknown, what: string): number => {
    const index = domain.findIndex((known) => sameValue(known, value));
    if (index < 0) throw new TabulationError(`${what}: value ${JSON.stringify(value)} is outside its domain`, 'UNTABULATED_CODE');
    return index;
  };
  const stepVariable =
    (eventType: string) =>
    (variable: string): PromelaExpr => {
      if (variable.startsWith('payload.')) return name(payloadVariables.get(`${eventType}.${variable.slice('payload.'.length)}`)!);
      if (variable.startsWith('ctx.')) return name(contextVariables.get(variable.slice('ctx.'.length))!);
      if (variable === 'from.value') return name(fromState);
      if (variable === 'to.value') return name(stateName);
      if (variable.startsWith('from.ctx.')) return name(fromVariables.get(variable.slice('from.ctx.'.length))!);
      if (variable.startsWith('to.ctx.')) return name(contextVariables.get(variable.slice('to.ctx.'.length))!);
      throw new TabulationError(`unknown variable '${variable}'`);
    };
  const boolean = (value: boolean) => (value ? promelaTrue : promelaFalse);

  // --- Guards. ---
  const guardExpression = (guard: unknown, eventType: string): PromelaExpr => {
    if (guard === undefined || guard === null) return promelaTrue;
    if (isHigherOrderGuard(guard)) {
      const parts = guard.guards.map((part) => guardExpression(part, eventType));
      if (guard.name === 'not') return { kind: 'not', operand: parts[0]! };
      return { kind: guard.name === 'or' ? 'or' : 'and', operands: parts };
    }
    const guardName = typeof guard === 'string' ? guard : typeof guard === 'object' && 'type' in guard ? String(guard.type) : undefined;
    const implementation = guardName === undefined ? guard : (machine.implementations.guards as Record<string, unknown>)[guardName];
    if (isHigherOrderGuard(implementation)) return guardExpression(implementation, eventType);
    const guardFunction = asGuardImplementation(implementation);
    if (guardFunction === undefined) throw new TabulationError(`guard '${guardName}' is not implemented in setup({ guards })`);
    const params = typeof guard === 'object' && guard !== null && 'params' in guard ? guard.params : undefined;
    if (typeof params === 'function') throw new TabulationError(`guard '${guardName}' takes its params from a function`);
    const tree = tabulateGuard(guardFunction, params, eventType, variables, guardName ?? 'inline');
    return treeExpression(tree, boolean, stepVariable(eventType));
  };

  // --- Effects. ---
  const effectStatements = (effects: readonly Effect[], eventType: string): PromelaStatement[] =>
    effects.flatMap((effect): PromelaStatement[] => {
      if (effect.kind === 'enter') return [{ kind: 'assign', name: stateName, value: name(configurationDefines[effect.configuration]!) }];
      if (effect.kind === 'remember') return [{ kind: 'assign', name: historyVariables[effect.slot]!, value: num(effect.option) }];
      const tree = tabulateAssign(effect.assignment, effect.params, eventType, variables, effect.name);
      const assigned = fields.filter((field) => leavesOf(tree).some((partial) => field in partial));
      // Every new value is computed from the context before this action, then all are committed.
      return [
        { kind: 'comment', text: effect.name },
        ...assigned.map(
          (field): PromelaStatement => ({
            kind: 'assign',
            name: nextVariables.get(field)!,
            value: treeExpression(
              tree,
              (partial) =>
                field in partial
                  ? num(indexOf(domains.get(field)!, clamp(field, partial[field]), `context field '${field}'`))
                  : name(contextVariables.get(field)!),
              stepVariable(eventType),
            ),
          }),
        ),
        ...assigned.map(
          (field): PromelaStatement => ({ kind: 'assign', name: contextVariables.get(field)!, value: name(nextVariables.get(field)!) }),
        ),
      ];
    });

  const candidateChain = (candidates: readonly Candidate[], eventType: string, at = 0): PromelaStatement[] => {
    const candidate = candidates[at];
    if (!candidate) return [];
    const variants = candidate.variants;
    const body: PromelaStatement[] =
      variants.length === 1 && !variants[0]!.when
        ? effectStatements(variants[0]!.effects, eventType)
        : [
            {
              kind: 'if',
              options: variants.map((variant) => ({
                guard: equals(name(historyVariables[variant.when!.slot]!), num(variant.when!.option)),
                body: effectStatements(variant.effects, eventType),
              })),
            },
          ];
    body.push({ kind: 'assign', name: tookName, value: num(1) });
    const guard = guardExpression(candidate.guard, eventType);
    if (guard.kind === 'number' && guard.value === 1) return body;
    return [
      {
        kind: 'if',
        options: [
          { guard, body },
          { guard: 'else', body: candidateChain(candidates, eventType, at + 1) },
        ],
      },
    ];
  };

  const byConfiguration: PromelaOption[] = finite.configurations
    .filter((configuration) => finite.steps[configuration.index]!.size > 0)
    .map((configuration) => ({
      guard: equals(name(stateName), name(configurationDefines[configuration.index]!)),
      body: [
        {
          kind: 'if',
          options: [
            ...[...finite.steps[configuration.index]!].map(([eventType, candidates]) => ({
              guard: eventIs(eventType),
              body: candidateChain(candidates, eventType),
            })),
            { guard: 'else', body: [] },
          ],
        },
      ],
    }));

  // --- Rules, after the step, on the transitions the machine took. ---
  const ruleOptions: PromelaOption[] = definition.rules.flatMap((rule) =>
    eventTypes.flatMap((eventType): PromelaOption[] => {
      const tree = tabulateRule(rule, eventType, variables);
      if (tree.kind === 'leaf' && tree.value) return [];
      const holds = treeExpression(tree, boolean, stepVariable(eventType));
      return [
        {
          guard: { kind: 'and', operands: [equals(name(tookName), num(1)), eventIs(eventType), { kind: 'not', operand: holds }] },
          body: [
            { kind: 'printf', text: `VIOLATED ${rule.id}` },
            { kind: 'assert', condition: promelaFalse },
          ],
        },
      ];
    }),
  );

  const reset = (variable: string): PromelaStatement => ({ kind: 'assign', name: variable, value: num(0) });
  const step: PromelaStatement[] = [
    { kind: 'assign', name: fromState, value: name(stateName) },
    ...fields.map(
      (field): PromelaStatement => ({ kind: 'assign', name: fromVariables.get(field)!, value: name(contextVariables.get(field)!) }),
    ),
    { kind: 'if', options: [...byConfiguration, { guard: 'else', body: [] }] },
    { kind: 'if', options: [...ruleOptions, { guard: 'else', body: [] }] },
    { kind: 'comment', text: 'Scratch variables back to 0, so that a stored state is the machine state alone.' },
    ...[eventName, tookName, fromState, ...payloadVariables.values(), ...fromVariables.values(), ...nextVariables.values()].map(reset),
  ];

  const inputs: PromelaStatement[][] = alphabet.entries.map((entry, index) => [
    { kind: 'assign', name: eventName, value: name(eventDefines[eventTypes.indexOf(entry.type)]!) },
    ...payloadFields.get(entry.type)!.map(
      (field): PromelaStatement => ({
        kind: 'assign',
        name: payloadVariables.get(`${entry.type}.${field}`)!,
        value: num(indexOf(payloadDomains.get(`${entry.type}.${field}`)!, entry.event.payload[field], `payload field '${field}'`)),
      }),
    ),
    { kind: 'printf', text: `EVENT ${index}` },
  ]);

  const width = (count: number): PromelaVariable['type'] => (count <= 256 ? 'byte' : 'short');
  const initialValueOf = (field: string): unknown =>
    field.split('.').reduce<unknown>((record, key) => (record as Record<string, unknown> | undefined)?.[key], initialContext);
  const variablesList: PromelaVariable[] = [
    { name: stateName, type: width(finite.configurations.length), initial: finite.initial, comment: 'the active state (S_…)' },
    ...fields.map(
      (field): PromelaVariable => ({
        name: contextVariables.get(field)!,
        type: 'byte',
        initial: indexOf(domains.get(field)!, clamp(field, initialValueOf(field)), `context field '${field}'`),
        comment: `context.${field}: ${domains
          .get(field)!
          .map((value, index) => `${index} = ${value === undefined ? 'undefined' : JSON.stringify(value)}`)
          .join(', ')}`,
      }),
    ),
    ...finite.slots.map(
      (slot, index): PromelaVariable => ({
        name: historyVariables[index]!,
        type: 'byte',
        initial: 0,
        comment:
          `history of '${slot.node.parent!.path.join('.')}': 0 = none, ` +
          slot.options.map((option, at) => `${at + 1} = ${option.path.join('.')}`).join(', '),
      }),
    ),
    { name: eventName, type: width(eventTypes.length + 1), initial: 0, comment: 'the input being applied (E_…); 0 between steps' },
    ...[...payloadVariables].map(
      ([key, variable]): PromelaVariable => ({
        name: variable,
        type: 'byte',
        initial: 0,
        comment: `payload.${key.slice(key.indexOf('.') + 1)} of ${key.slice(0, key.indexOf('.'))}: ${payloadDomains
          .get(key)!
          .map((value, index) => `${index} = ${value === undefined ? 'absent' : JSON.stringify(value)}`)
          .join(', ')}`,
      }),
    ),
    { name: tookName, type: 'bit', initial: 0, comment: 'the machine took a transition in this step' },
    { name: fromState, type: width(finite.configurations.length), initial: 0, comment: 'the state before the step, for the rules' },
    ...fields.map((field): PromelaVariable => ({ name: fromVariables.get(field)!, type: 'byte', initial: 0 })),
    ...fields.map((field): PromelaVariable => ({ name: nextVariables.get(field)!, type: 'byte', initial: 0 })),
  ];

  const model: PromelaModel = {
    header: [
      `Generated by kykypolku toPromela from path '${definition.id}' v${definition.version}. Do not edit.`,
      'One atomic step per input: choose one of the inputs checkPath tries (printed as EVENT <n>), take the',
      "machine's transition as XState selects it, assert every rule, reset the scratch variables. A stored",
      "state is the state variable, the context variables and the history variables alone, so SPIN's",
      "'states, stored' (depth-first) equals checkPath's states.",
      ...alphabet.entries.map((entry, index) => `EVENT ${index} = ${entry.type} ${JSON.stringify(entry.payload)} (${entry.role})`),
    ],
    defines: [
      ...finite.configurations.map((configuration, index) => ({
        name: configurationDefines[index]!,
        value: index,
        comment: configuration.name,
      })),
      ...eventTypes.map((_type, index) => ({ name: eventDefines[index]!, value: index + 1 })),
    ],
    variables: variablesList,
    inputs,
    step,
  };
  const mapping: PromelaMapping = {
    configurations: finite.configurations.map((configuration) => configuration.name),
    contextFields: fields.map((field) => ({ field, variable: contextVariables.get(field)!, values: domains.get(field)! })),
    inputs: alphabet.entries.map((entry) => ({ type: entry.type, payload: entry.payload, role: entry.role })),
  };
  return { model, mapping };
}
