import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { renderDot, type DotAttributes, type DotStatement, type DotValue } from './dot.js';
import type { DiagramOptions, DiagramResult } from './diagramResult.js';
import { element } from './markup.js';
import { childStatesOf, describePathGraph, type GraphState, type GraphTransition, type PathGraph } from './pathGraph.js';
import { transitionLine, transitionTextOf, type TransitionText } from './transitionText.js';

const fontname = 'Helvetica';

/** A transition as a DOT drawing shows it: its words, and attributes that style it (the diff's colours). @internal */
export interface DotTransition {
  readonly transition: GraphTransition;
  readonly text: TransitionText;
  /** Extra lines under the label (the diff's "was: …"). */
  readonly notes?: readonly string[];
  readonly attributes?: DotAttributes;
}

/**
 * What {@link pathDotGraph} draws: states (labels already in one language) and transitions with
 * their words. A path's own graph gives one ({@link toDot}); the version diff gives the union of
 * two versions, styled.
 *
 * @internal
 */
export interface DotView {
  readonly name: string;
  readonly title: string;
  readonly states: readonly GraphState[];
  readonly initial: string;
  readonly transitions: readonly DotTransition[];
  readonly lang: Language;
  readonly stateAttributes?: (state: GraphState) => DotAttributes;
  /** Statements drawn after everything else (the diff's legend). */
  readonly extra?: readonly DotStatement[];
  /**
   * Transitions (by id) whose label is placed beside the arrow as drawn (`xlabel`) rather than in
   * the layout (`label`): those whose laid-out label Graphviz's spline left far behind (see {@link renderPathSvg}).
   */
  readonly besideArrow?: ReadonlySet<string>;
}

/** The label of a state: its name, then a line per in-state event (↻). */
function stateLabel(view: DotView, state: GraphState): DotValue {
  const inState = view.transitions.filter(({ transition }) => transition.source === state.id && transition.target === undefined);
  if (inState.length === 0) return state.label[view.lang];
  return {
    html: element(
      'table',
      { border: 0, cellborder: 0, cellspacing: 1 },
      element('tr', {}, element('td', {}, element('b', {}, state.label[view.lang]))),
      inState.map(({ text, notes, attributes }) =>
        element(
          'tr',
          {},
          element(
            'td',
            { align: 'left' },
            element(
              'font',
              { 'point-size': 10, color: typeof attributes?.fontcolor === 'string' ? attributes.fontcolor : undefined },
              [`↻ ${transitionLine(text)}`, ...(notes ?? [])].join(' '),
            ),
          ),
        ),
      ),
    ),
  };
}

/** The leaf a diagram edge attaches to for a (possibly compound) state: its initial descendant. */
function anchorOf(graph: Pick<PathGraph, 'states'>, id: string): string {
  let current = graph.states.find((state) => state.id === id);
  while (current && (current.kind === 'compound' || current.kind === 'parallel')) {
    const next: string | undefined = current.initial ?? childStatesOf(graph as PathGraph, current.id)[0]?.id;
    if (next === undefined) break;
    current = graph.states.find((state) => state.id === next);
  }
  return current?.id ?? id;
}

/** How many characters a line of an arrow's label holds before it wraps at a space. */
const lineLength = 40;

/**
 * A long condition on lines of about {@link lineLength} characters, broken at spaces: a condition
 * on one line would make its arrow's label, and so the whole picture, as wide as the sentence.
 */
function wrapped(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > lineLength) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

const isContainer = (state: GraphState | undefined): boolean => state?.kind === 'compound' || state?.kind === 'parallel';

/**
 * The DOT digraph of a view. Every state and transition carries an `id` (`state:<path>`,
 * `transition:<source>:<EVENT>:<index>`) and a class (`state`, `transition`), which Graphviz
 * writes on its SVG groups, so a page script or a test finds what it drew.
 *
 * @internal
 */
export function pathDotGraph(view: DotView): string {
  const lang = view.lang;
  const graph = { states: view.states } as PathGraph;
  const stateById = new Map(view.states.map((state) => [state.id, state]));
  const within = (id: string, ancestor: string): boolean => id === ancestor || id.startsWith(`${ancestor}.`);
  const block = (parent: string | undefined): DotStatement[] => {
    const statements: DotStatement[] = [];
    const parentState = parent === undefined ? undefined : stateById.get(parent);
    const initial = parent === undefined ? view.initial : parentState?.initial;
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
      const styled = view.stateAttributes?.(state) ?? {};
      if (isContainer(state)) {
        statements.push({
          kind: 'subgraph',
          id: `cluster:${state.id}`,
          attributes: { id: `state:${state.id}`, class: 'state', label: stateLabel(view, state), style: 'rounded', ...styled },
          statements: block(state.id),
        });
      } else {
        statements.push({
          kind: 'node',
          id: state.id,
          attributes:
            state.kind === 'history'
              ? {
                  id: `state:${state.id}`,
                  class: 'state',
                  shape: 'circle',
                  label: state.history === 'deep' ? 'H*' : 'H',
                  xlabel: state.label[lang],
                  width: 0.35,
                  fixedsize: 'true',
                  ...styled,
                }
              : {
                  id: `state:${state.id}`,
                  class: 'state',
                  label: stateLabel(view, state),
                  peripheries: state.kind === 'final' ? 2 : undefined,
                  ...styled,
                },
        });
      }
    }
    return statements;
  };
  const edges: DotStatement[] = view.transitions
    .filter(({ transition }) => transition.target !== undefined)
    .map(({ transition, text, notes, attributes }) => {
      const target = transition.target!;
      const lines = [text.event, ...(text.condition === undefined ? [] : wrapped(`[${text.condition}]`)), ...(notes ?? [])];
      // Graphviz clips an edge at a cluster only when the other end lies outside it.
      const ltail =
        isContainer(stateById.get(transition.source)) && !within(target, transition.source) ? `cluster:${transition.source}` : undefined;
      const lhead = isContainer(stateById.get(target)) && !within(transition.source, target) ? `cluster:${target}` : undefined;
      // A clipped edge's `label` stays where the unclipped edge would run, far from the drawn
      // arrow, and so may the label of an edge whose spline swings away from the label's place in
      // its rank; an external label (`xlabel`) is placed beside the arrow as drawn.
      const clipped = ltail !== undefined || lhead !== undefined || view.besideArrow?.has(`transition:${transition.id}`) === true;
      return {
        kind: 'edge',
        from: anchorOf(graph, transition.source),
        to: anchorOf(graph, target),
        attributes: {
          id: `transition:${transition.id}`,
          class: 'transition',
          [clipped ? 'xlabel' : 'label']: lines.join('\n'),
          ltail,
          lhead,
          ...attributes,
        },
      };
    });
  return renderDot({
    name: view.name,
    attributes: {
      graph: { label: view.title, labelloc: 't', fontname, compound: 'true', forcelabels: 'true', rankdir: 'TB', nodesep: 0.4 },
      node: { shape: 'box', style: 'rounded', fontname, fontsize: 12 },
      edge: { fontname, fontsize: 10 },
    },
    statements: [...block(undefined), ...edges, ...(view.extra ?? [])],
  });
}

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
  return pathDot(definition, options, new Set());
}

/** {@link toDot} with some transitions' labels beside their arrows. @internal */
export function pathDot(definition: AnyPathDefinition, options: DiagramOptions, besideArrow: ReadonlySet<string>): DiagramResult {
  const lang = options.lang ?? 'en';
  const graph = describePathGraph(definition);
  const text = pathDotGraph({
    besideArrow,
    name: definition.id,
    title: definition.title[lang],
    states: graph.states,
    initial: graph.initial,
    transitions: graph.transitions.map((transition) => ({ transition, text: transitionTextOf(definition, transition, lang) })),
    lang,
  });
  return { text, warnings: graph.warnings };
}
