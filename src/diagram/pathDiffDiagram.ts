import type { AnyPathDefinition } from '../path/definition.js';
import type { DotAttributes, DotStatement } from './dot.js';
import type { DiagramOptions, DiagramResult } from './diagramResult.js';
import { diffWord } from './diffWords.js';
import { diffPaths, transitionKeys, type PathDiffChange } from './pathDiff.js';
import { describePathGraph, type GraphState } from './pathGraph.js';
import { renderPathSvg } from './renderSvg.js';
import { pathDotGraph, type DotTransition } from './toDot.js';
import { transitionTextOf } from './transitionText.js';

const colours: Record<PathDiffChange, string> = { added: '#1a7f37', removed: '#cf222e', changed: '#9a6700' };

/** How a changed thing is drawn: green and bold when added, red and dashed when removed, amber when changed. */
function styleOf(change: PathDiffChange | undefined): DotAttributes {
  if (change === undefined) return {};
  return {
    color: colours[change],
    fontcolor: colours[change],
    penwidth: 2,
    style: change === 'removed' ? 'rounded,dashed' : 'rounded,bold',
  };
}

/**
 * Both versions of a path on one Graphviz DOT diagram: the new version's states and transitions,
 * plus those only the old one had; what the new version adds drawn green and bold, what it
 * removes red and dashed, what it changes (a state's name or kind, a transition's condition,
 * with the old condition under the new) amber; a legend names the three. The rest of the diff
 * (rules, deadlines, roles, who may record) is in {@link toPathDiffMarkdown}.
 *
 * @example
 * ```ts
 * import { toPathDiffDot } from 'kykypolku/diagram';
 * const { text } = toPathDiffDot(reviewPathV1, reviewPathV2, { lang: 'fi' }); // dot -Tsvg
 * ```
 */
export function toPathDiffDot(from: AnyPathDefinition, to: AnyPathDefinition, options: DiagramOptions = {}): DiagramResult {
  return pathDiffDot(from, to, options, new Set());
}

function pathDiffDot(
  from: AnyPathDefinition,
  to: AnyPathDefinition,
  options: DiagramOptions,
  besideArrow: ReadonlySet<string>,
): DiagramResult {
  const lang = options.lang ?? 'en';
  const diff = diffPaths(from, to, { lang });
  const oldGraph = describePathGraph(from);
  const newGraph = describePathGraph(to);
  const changeOf = (subject: 'state' | 'transition' | 'guard', key: string) =>
    diff.rows.find((row) => row.subject === subject && row.key === key)?.change;

  const newIds = new Set(newGraph.states.map((state) => state.id));
  const states: GraphState[] = [...newGraph.states, ...oldGraph.states.filter((state) => !newIds.has(state.id))];

  const oldTransitions = transitionKeys(oldGraph.transitions);
  const newTransitions = transitionKeys(newGraph.transitions);
  const transitions: DotTransition[] = [
    ...[...newTransitions].map(([key, transition]): DotTransition => {
      const text = transitionTextOf(to, transition, lang);
      if (changeOf('transition', key) === 'added') return { transition, text, attributes: { ...styleOf('added'), style: 'bold' } };
      if (changeOf('guard', key) === 'changed') {
        const was = transitionTextOf(from, oldTransitions.get(key)!, lang);
        return {
          transition,
          text,
          notes: [`(${diffWord('was', lang)}: ${was.condition === undefined ? diffWord('always', lang) : `[${was.condition}]`})`],
          attributes: { ...styleOf('changed'), style: 'bold' },
        };
      }
      return { transition, text };
    }),
    ...[...oldTransitions]
      .filter(([key]) => !newTransitions.has(key))
      // A removed transition keeps the old version's words, under an id of its own.
      .map(
        ([, transition]): DotTransition => ({
          transition: { ...transition, id: `removed:${transition.id}` },
          text: transitionTextOf(from, transition, lang),
          attributes: { ...styleOf('removed'), style: 'dashed' },
        }),
      ),
  ];

  const legend: DotStatement = {
    kind: 'subgraph',
    id: 'cluster:legend',
    attributes: { label: diffWord('legend', lang), style: 'rounded', color: '#8c959f', fontsize: 10 },
    statements: (['added', 'removed', 'changed'] as const).map((change) => ({
      kind: 'node',
      id: `legend:${change}`,
      attributes: { label: diffWord(change, lang), fontsize: 10, ...styleOf(change) },
    })),
  };
  const text = pathDotGraph({
    name: `${to.id}-diff`,
    title: `${to.title[lang]}: v${from.version} → v${to.version}`,
    states,
    initial: newGraph.initial,
    transitions,
    lang,
    stateAttributes: (state) => styleOf(newIds.has(state.id) ? changeOf('state', state.id) : 'removed'),
    extra: [legend],
    besideArrow,
  });
  return { text, warnings: [...new Set([...oldGraph.warnings, ...newGraph.warnings])] };
}

/**
 * {@link toPathDiffDot} laid out by Graphviz (WebAssembly, as {@link toSvg}): one SVG that shows
 * what a new version of a path adds, removes and changes.
 *
 * @example
 * ```ts
 * import { toPathDiffSvg } from 'kykypolku/diagram';
 * const { text } = await toPathDiffSvg(reviewPathV1, reviewPathV2, { lang: 'sv' });
 * ```
 */
export async function toPathDiffSvg(from: AnyPathDefinition, to: AnyPathDefinition, options: DiagramOptions = {}): Promise<DiagramResult> {
  const { warnings } = toPathDiffDot(from, to, options);
  return { text: await renderPathSvg((besideArrow) => pathDiffDot(from, to, options, besideArrow).text), warnings };
}
