import type { AnyPathDefinition } from '../path/definition.js';
import type { DiagramOptions, DiagramResult } from './diagramResult.js';
import { loadElk, type ElkGraphInput, type ElkGraphOutput } from './loadElk.js';
import { element, renderMarkup, type MarkupElement, type MarkupNode } from './markup.js';
import { childStatesOf, describePathGraph, type GraphState, type PathGraph } from './pathGraph.js';
import { transitionLine, transitionTextOf } from './transitionText.js';

// Text is measured by estimate (no fonts in a library): an average glyph width per font size.
const titleSize = 13;
const lineSize = 11;
const widthOf = (text: string, size: number) => Math.ceil(text.length * size * 0.58) + 16;
const lineHeight = (size: number) => Math.round(size * 1.4);
const font = 'Helvetica, Arial, sans-serif';

interface StateBox {
  readonly title: string;
  readonly lines: readonly string[];
}

function boxOf(graph: PathGraph, state: GraphState, lang: DiagramOptions['lang'] & string): StateBox {
  return {
    title: state.kind === 'history' ? `(${state.history === 'deep' ? 'H*' : 'H'}) ${state.label[lang]}` : state.label[lang],
    lines: graph.transitions
      .filter((transition) => transition.source === state.id && transition.target === undefined)
      .map((transition) => `↻ ${transitionLine(transitionTextOf(graph.definition, transition, lang))}`),
  };
}

const isContainer = (state: GraphState) => state.kind === 'compound' || state.kind === 'parallel';

/**
 * The path as a standalone SVG state diagram, laid out by ELK: states as rounded boxes with
 * their in-state events listed inside, compound states as boxes around their children, final
 * states with a double border, transitions as arrows labelled with the event and its readable
 * condition. No fonts, scripts or styles from outside: the report embeds it as it is.
 *
 * @example
 * ```ts
 * import { toSvg } from 'kykypolku/diagram';
 * const { text } = await toSvg(workabilityPath, { lang: 'fi' });
 * ```
 */
export async function toSvg(definition: AnyPathDefinition, options: DiagramOptions = {}): Promise<DiagramResult> {
  const { svg, warnings } = await stateDiagramSvg(definition, options);
  return { text: renderMarkup(svg), warnings };
}

/** The state diagram as a markup tree, for documents that embed it (the report). @internal */
export async function stateDiagramSvg(
  definition: AnyPathDefinition,
  options: DiagramOptions = {},
): Promise<{ svg: MarkupElement; warnings: readonly string[] }> {
  const lang = options.lang ?? 'en';
  const graph = describePathGraph(definition);
  const boxes = new Map(graph.states.map((state) => [state.id, boxOf(graph, state, lang)]));
  const node = (state: GraphState): ElkGraphInput => {
    const box = boxes.get(state.id)!;
    const header = lineHeight(titleSize) + 8 + box.lines.length * lineHeight(lineSize);
    if (isContainer(state)) {
      return {
        id: state.id,
        layoutOptions: { 'elk.padding': `[top=${header + 10},left=12,bottom=12,right=12]` },
        children: [
          ...(state.initial ? [{ id: `__start:${state.id}`, width: 12, height: 12 }] : []),
          ...childStatesOf(graph, state.id).map(node),
        ],
      };
    }
    const width = Math.max(widthOf(box.title, titleSize), ...box.lines.map((line) => widthOf(line, lineSize)), 80);
    return { id: state.id, width, height: header + 8 };
  };
  const edges = [
    { id: '__start', sources: ['__start'], targets: [graph.initial] },
    ...graph.states
      .filter((state) => state.initial)
      .map((state) => ({ id: `__start:${state.id}`, sources: [`__start:${state.id}`], targets: [state.initial!] })),
    ...graph.transitions
      .filter((transition) => transition.target !== undefined)
      .map((transition) => {
        const text = transitionLine(transitionTextOf(definition, transition, lang));
        return {
          id: transition.id,
          sources: [transition.source],
          targets: [transition.target!],
          labels: [{ text, width: widthOf(text, lineSize) - 10, height: lineHeight(lineSize) }],
        };
      }),
  ];
  const elk = await loadElk();
  const laidOut = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.randomSeed': '1',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '50',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.inline': 'false',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
      'elk.padding': '[top=40,left=20,bottom=20,right=20]',
    },
    children: [{ id: '__start', width: 14, height: 14 }, ...childStatesOf(graph, undefined).map(node)],
    edges,
  });

  const shapes: MarkupNode[] = [];
  const visit = (current: ElkGraphOutput): void => {
    for (const child of current.children ?? []) {
      const { x = 0, y = 0, width = 0, height = 0 } = child;
      if (child.id.startsWith('__start')) {
        shapes.push(element('circle', { cx: x + width / 2, cy: y + height / 2, r: width / 2, fill: '#333' }));
      } else {
        const state = graph.states.find((candidate) => candidate.id === child.id)!;
        const box = boxes.get(child.id)!;
        const container = isContainer(state);
        shapes.push(
          element(
            'g',
            { class: 'state', 'data-state': state.id },
            element('rect', {
              x,
              y,
              width,
              height,
              rx: 8,
              fill: container ? '#f7f9fc' : '#eef4fb',
              stroke: '#35506b',
              'stroke-width': 1.2,
            }),
            state.kind === 'final' &&
              element('rect', {
                x: x + 3,
                y: y + 3,
                width: width - 6,
                height: height - 6,
                rx: 6,
                fill: 'none',
                stroke: '#35506b',
                'stroke-width': 1,
              }),
            element(
              'text',
              {
                x: container ? x + 10 : x + width / 2,
                y: y + 6 + titleSize,
                'text-anchor': container ? 'start' : 'middle',
                'font-family': font,
                'font-size': titleSize,
                'font-weight': 'bold',
                fill: '#1c2b39',
              },
              box.title,
            ),
            box.lines.map((line, index) =>
              element(
                'text',
                {
                  x: x + 8,
                  y: y + 8 + lineHeight(titleSize) + (index + 1) * lineHeight(lineSize) - 3,
                  'font-family': font,
                  'font-size': lineSize,
                  fill: '#35506b',
                },
                line,
              ),
            ),
          ),
        );
      }
      visit(child);
    }
  };
  visit(laidOut);

  const arrows: MarkupElement[] = (laidOut.edges ?? []).flatMap((edge) =>
    (edge.sections ?? []).map((section) => {
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]
        .map((point) => `${round(point.x)},${round(point.y)}`)
        .join(' ');
      return element(
        'g',
        { class: 'transition', 'data-transition': edge.id },
        element('polyline', { points, fill: 'none', stroke: '#52667a', 'stroke-width': 1.2, 'marker-end': 'url(#arrow)' }),
        (edge.labels ?? []).map((label) =>
          element(
            'text',
            {
              x: round((label.x ?? 0) + 5),
              y: round((label.y ?? 0) + lineSize),
              'font-family': font,
              'font-size': lineSize,
              fill: '#1c2b39',
            },
            label.text,
          ),
        ),
      );
    }),
  );
  const width = round(laidOut.width ?? 0);
  const height = round(laidOut.height ?? 0);
  const svg = element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-label': definition.title[lang],
    },
    element('title', {}, `${definition.title[lang]} (${definition.id} v${definition.version})`),
    element(
      'defs',
      {},
      element(
        'marker',
        { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
        element('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#52667a' }),
      ),
    ),
    element('text', { x: 20, y: 24, 'font-family': font, 'font-size': 16, 'font-weight': 'bold', fill: '#1c2b39' }, definition.title[lang]),
    shapes,
    arrows,
  );
  return { svg, warnings: graph.warnings };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
