import type { AnyPathDefinition } from '../path/definition.js';
import type { DiagramOptions, DiagramResult } from './diagramResult.js';
import { rulesEnforcedBy, guardNamesOf, type GuardExpression } from './guardExpression.js';
import { comment, element, renderMarkup, type MarkupElement } from './markup.js';
import { childStatesOf, describePathGraph, type GraphState, type GraphTransition, type PathGraph } from './pathGraph.js';
import { portableLogicOf, type PortableLogic } from './portableLogic.js';
import { transitionLine, transitionTextOf } from './transitionText.js';

/** The namespace of kykypolku's own attributes (labels, rules) on SCXML elements. */
const kykypolkuNamespace = 'urn:kykypolku:diagram';

/** A guard expression as an ECMAScript condition over SCXML's `_event`. */
function conditionOf(expression: GuardExpression): string {
  switch (expression.kind) {
    case 'guard': {
      const params = expression.params === undefined ? '' : `, ${JSON.stringify(expression.params)}`;
      return `guard[${JSON.stringify(expression.name)}](_event${params})`;
    }
    case 'not':
      return `!(${conditionOf(expression.item)})`;
    case 'and':
    case 'or':
      return expression.items.length === 0
        ? String(expression.kind === 'and')
        : expression.items.map((item) => `(${conditionOf(item)})`).join(expression.kind === 'and' ? ' && ' : ' || ');
  }
}

/** The data model's script: the machine's guards and context updates, called with SCXML's `_event`. */
function dataModelScript(logic: PortableLogic, graph: PathGraph): string {
  const lines = [
    '',
    "// The machine's own guards and context updates (kykypolku reads their source from the path definition).",
    "// An event's payload is its data: _event.data.",
    'function eventOf(e) { return { type: e.name, payload: e.data }; }',
    'var guard = {',
    ...[...logic.guards].map(
      ([name, source]) =>
        `  ${JSON.stringify(name)}: function (e, params) { ` +
        `return Boolean((${source})({ context: context, event: eventOf(e) }, params)); },`,
    ),
    '};',
    'var update = {',
  ];
  const seen = new Set<string>();
  for (const transition of graph.transitions) {
    for (const action of transition.actions) {
      const source = logic.actionSource(action);
      const key = action.name;
      if (source === undefined || key === undefined || seen.has(key)) continue;
      seen.add(key);
      lines.push(
        `  ${JSON.stringify(key)}: function (e, params) { ` +
          `context = Object.assign({}, context, (${source})({ context: context, event: eventOf(e) }, params)); },`,
      );
    }
  }
  lines.push('};', '');
  return lines.join('\n');
}

/** The executable content of a transition: its actions, in order, as calls on `update`. */
function actionsScript(logic: PortableLogic, transition: GraphTransition): string | undefined {
  const calls = transition.actions.flatMap((action) => {
    const source = logic.actionSource(action);
    if (source === undefined) return [];
    const params = action.params === undefined ? '' : `, ${JSON.stringify(action.params)}`;
    // Inline actions have no name to call through `update`, so their source goes here.
    return action.name === undefined
      ? [`context = Object.assign({}, context, (${source})({ context: context, event: eventOf(_event) }));`]
      : [`update[${JSON.stringify(action.name)}](_event${params});`];
  });
  return calls.length === 0 ? undefined : calls.join(' ');
}

/**
 * Syntax newer than ECMAScript 2015 in the carried code, which SCXML interpreters that parse 2015
 * (SCION uses esprima 2.7) cannot read: `??`, `?.` and object spread, found by pattern.
 */
function newerSyntaxWarnings(logic: PortableLogic, graph: PathGraph): string[] {
  const newer = /\?\?|\?\.(?!\d)|\{\s*\.\.\./;
  const sources: [string, string][] = [
    ...[...logic.guards].map(([name, source]): [string, string] => [`guard '${name}'`, source]),
    ...graph.transitions.flatMap((transition) =>
      transition.actions.flatMap((action): [string, string][] => {
        const source = logic.actionSource(action);
        return source === undefined ? [] : [[`action '${action.name ?? '(inline)'}'`, source]];
      }),
    ),
  ];
  const flagged = new Map(sources.filter(([, source]) => newer.test(source)));
  return [...flagged.keys()].map(
    (what) =>
      `${what} uses syntax newer than ECMAScript 2015 (??, ?. or object spread); ` +
      'SCXML interpreters that parse ECMAScript 2015, such as SCION, cannot load it',
  );
}

function isDescendant(graph: PathGraph, id: string, ancestor: string): boolean {
  let current = graph.states.find((state) => state.id === id)?.parent;
  while (current !== undefined) {
    if (current === ancestor) return true;
    current = graph.states.find((state) => state.id === current)?.parent;
  }
  return false;
}

/**
 * The path as a W3C SCXML document with the ECMAScript data model, runnable in an SCXML
 * interpreter: states and compound states as declared, transitions in the machine's order (so
 * the first enabled one wins, as in XState), in-state events as targetless transitions, guards as
 * conditions over `_event` (an event's payload is its `data`) calling the machine's own guard
 * code, and context updates as scripts. Labels, readable conditions and rule ids are attributes in
 * kykypolku's namespace, which interpreters ignore.
 *
 * @example
 * ```ts
 * import { toScxml } from 'kykypolku/diagram';
 * const { text, warnings } = toScxml(workabilityPath, { lang: 'en' });
 * ```
 */
export function toScxml(definition: AnyPathDefinition, options: DiagramOptions = {}): DiagramResult {
  const lang = options.lang ?? 'en';
  const graph = describePathGraph(definition);
  const logic = portableLogicOf(definition);
  const transitionElement = (transition: GraphTransition): MarkupElement => {
    const rules = guardNamesOf(transition.guard).flatMap((name) => rulesEnforcedBy(definition, name).map((rule) => rule.id));
    const script = actionsScript(logic, transition);
    const internal = transition.target !== undefined && !transition.reenter && isDescendant(graph, transition.target, transition.source);
    return element(
      'transition',
      {
        event: transition.event,
        target: transition.target,
        type: internal ? 'internal' : undefined,
        cond: transition.guard ? conditionOf(transition.guard) : undefined,
        'kyk:label': transitionLine(transitionTextOf(definition, transition, lang)),
        'kyk:rules': rules.length > 0 ? [...new Set(rules)].join(' ') : undefined,
      },
      script !== undefined && element('script', {}, script),
    );
  };
  const stateElement = (state: GraphState): MarkupElement => {
    if (state.kind === 'history') {
      // SCXML's history needs its default as a transition: XState's default target, else the parent's initial state.
      return element(
        'history',
        { id: state.id, type: state.history, 'kyk:label': state.label[lang] },
        state.historyDefault !== undefined && element('transition', { target: state.historyDefault }),
      );
    }
    const name = state.kind === 'final' ? 'final' : state.kind === 'parallel' ? 'parallel' : 'state';
    return element(
      name,
      { id: state.id, initial: state.kind === 'compound' ? state.initial : undefined, 'kyk:label': state.label[lang] },
      graph.transitions.filter((transition) => transition.source === state.id).map(transitionElement),
      childStatesOf(graph, state.id).map(stateElement),
    );
  };
  const document = element(
    'scxml',
    {
      xmlns: 'http://www.w3.org/2005/07/scxml',
      'xmlns:kyk': kykypolkuNamespace,
      version: '1.0',
      datamodel: 'ecmascript',
      initial: graph.initial,
      // The path id goes in kykypolku's namespace, not in `name`: SCION makes a JavaScript
      // identifier of `name`, and path ids have dashes.
      'kyk:path': definition.id,
      'kyk:version': definition.version,
      'kyk:title': definition.title[lang],
    },
    comment(`${definition.title[lang]} (${definition.id} v${definition.version}), generated by kykypolku from the path definition`),
    element('datamodel', {}, element('data', { id: 'context', expr: `(${logic.initialContext})` })),
    element('script', {}, dataModelScript(logic, graph)),
    childStatesOf(graph, undefined).map(stateElement),
  );
  return {
    text: `<?xml version="1.0" encoding="UTF-8"?>\n${renderMarkup(document)}`,
    warnings: [...graph.warnings, ...logic.warnings, ...newerSyntaxWarnings(logic, graph)],
  };
}
