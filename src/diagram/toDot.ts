import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { renderDot, type DotStatement, type DotValue } from './dot.js';
import type { DiagramOptions, DiagramResult } from './diagramResult.js';
import { element } from './markup.js';
import { childStatesOf, describePathGraph, type GraphState, type PathGraph } from './pathGraph.js';
import { transitionLine, transitionTextOf } from './transitionText.js';

const fontname = 'Helvetica';

/** The label of a state: its name, then a line per in-state event (↻). */
function stateLabel(graph: PathGraph, state: GraphState, lang: Language): DotValue {
  const inState = graph.transitions.filter((transition) => transition.source === state.id && transition.target === undefined);
  if (inState.length === 0) return state.label[lang];
  return {
    html: element(
      'table',
      { border: 0, cellborder: 0, cellspacing: 1 },
      element('tr', {}, element('td', {}, element('b', {}, state.label[lang]))),
      inState.map((transition) =>
        element(
          'tr',
          {},
          element(
            'td',
            { align: 'left' },
            element('font', { 'point-size': 10 }, `↻ ${transitionLine(transitionTextOf(graph.definition, transition, lang))}`),
          ),
        ),
      ),
    ),
  };
}

/** The leaf a diagram edge attaches to for a (possibly compound) state: its initial descendant. */
function anchorOf(graph: PathGraph, id: string): string {
  let current = graph.states.find((state) => state.id === id);
  while (current && (current.kind === 'compound' || current.kind === 'parallel')) {
    const next: string | undefined = current.initial ?? childStatesOf(graph, current.id)[0]?.id;
    if (next === undefined) break;
    current = graph.states.find((state) => state.id === next);
  }
  return current?.id ?? id;
}

const isContainer = (state: GraphState | undefined): boolean => state?.kind === 'compound' || state?.kind === 'parallel';

/**
 * The path as a Graphviz DOT digraph, labelled in one language: states as rounded boxes (in-state
 * events listed inside them), compound states as clusters, final states with a double border,
 * transitions labelled with their event and readable condition.
 *
 * @example
 * ```ts
 * import { toDot } from 'kykypolku/diagram';
 * const { text } = toDot(workabilityPath, { lang: 'sv' }); // dot -Tsvg
 * ```
 */
export function toDot(definition: AnyPathDefinition, options: DiagramOptions = {}): DiagramResult {
  const lang = options.lang ?? 'en';
  const graph = describePathGraph(definition);
  const stateById = new Map(graph.states.map((state) => [state.id, state]));
  const within = (id: string, ancestor: string): boolean => id === ancestor || id.startsWith(`${ancestor}.`);
  const block = (parent: string | undefined): DotStatement[] => {
    const statements: DotStatement[] = [];
    const parentState = parent === undefined ? undefined : stateById.get(parent);
    const initial = parent === undefined ? graph.initial : parentState?.initial;
    if (initial !== undefined) {
      const start = parent === undefined ? '__start' : `__start:${parent}`;
      statements.push({ kind: 'node', id: start, attributes: { shape: 'point', width: 0.15, label: '' } });
      statements.push({
        kind: 'edge',
        from: start,
        to: anchorOf(graph, initial),
        attributes: { lhead: isContainer(stateById.get(initial)) ? `cluster:${initial}` : undefined },
      });
    }
    for (const state of childStatesOf(graph, parent)) {
      if (isContainer(state)) {
        statements.push({
          kind: 'subgraph',
          id: `cluster:${state.id}`,
          attributes: { label: stateLabel(graph, state, lang), style: 'rounded' },
          statements: block(state.id),
        });
      } else {
        statements.push({
          kind: 'node',
          id: state.id,
          attributes:
            state.kind === 'history'
              ? { shape: 'circle', label: state.history === 'deep' ? 'H*' : 'H', xlabel: state.label[lang], width: 0.35, fixedsize: 'true' }
              : { label: stateLabel(graph, state, lang), peripheries: state.kind === 'final' ? 2 : undefined },
        });
      }
    }
    return statements;
  };
  const edges: DotStatement[] = graph.transitions
    .filter((transition) => transition.target !== undefined)
    .map((transition) => {
      const text = transitionTextOf(definition, transition, lang);
      const target = transition.target!;
      return {
        kind: 'edge',
        from: anchorOf(graph, transition.source),
        to: anchorOf(graph, target),
        attributes: {
          label: text.condition === undefined ? text.event : `${text.event}\n[${text.condition}]`,
          // Graphviz clips an edge at a cluster only when the other end lies outside it.
          ltail:
            isContainer(stateById.get(transition.source)) && !within(target, transition.source)
              ? `cluster:${transition.source}`
              : undefined,
          lhead: isContainer(stateById.get(target)) && !within(transition.source, target) ? `cluster:${target}` : undefined,
        },
      };
    });
  const text = renderDot({
    name: definition.id,
    attributes: {
      graph: { label: definition.title[lang], labelloc: 't', fontname, compound: 'true', rankdir: 'TB', nodesep: 0.4 },
      node: { shape: 'box', style: 'rounded', fontname, fontsize: 12 },
      edge: { fontname, fontsize: 10 },
    },
    statements: [...block(undefined), ...edges],
  });
  return { text, warnings: graph.warnings };
}
