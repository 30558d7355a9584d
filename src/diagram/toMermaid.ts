import type { AnyPathDefinition } from '../path/definition.js';
import { mermaidIdOf, renderMermaid, type MermaidStatement } from './mermaid.js';
import type { DiagramOptions, DiagramResult } from './diagramResult.js';
import { childStatesOf, describePathGraph, type GraphTransition, type PathGraph } from './pathGraph.js';
import { transitionLine, transitionTextOf } from './transitionText.js';

/** The innermost state that contains both ends of a transition (`undefined`: the top level). */
function commonParent(graph: PathGraph, transition: GraphTransition): string | undefined {
  const ancestors = (id: string | undefined): (string | undefined)[] => {
    const chain: (string | undefined)[] = [];
    let current = graph.states.find((state) => state.id === id)?.parent;
    while (current !== undefined) {
      chain.push(current);
      current = graph.states.find((state) => state.id === current)?.parent;
    }
    return chain;
  };
  const fromSource = ancestors(transition.source);
  const fromTarget = new Set(ancestors(transition.target));
  return fromSource.find((id) => fromTarget.has(id));
}

/**
 * The path as a Mermaid `stateDiagram-v2`, labelled in one language: states by their labels,
 * transitions by their event and readable condition ("Lääkärin vastaanotto varattu [tilanne
 * kartoitettu]"), in-state events (team reviews, next appointments) as lines inside the state
 * they leave unchanged (↻), final states into `[*]`.
 *
 * @example
 * ```ts
 * import { toMermaid } from 'kykypolku/diagram';
 * const { text } = toMermaid(workabilityPath, { lang: 'fi' });
 * ```
 */
export function toMermaid(definition: AnyPathDefinition, options: DiagramOptions = {}): DiagramResult {
  const lang = options.lang ?? 'en';
  const graph = describePathGraph(definition);
  const blockOf = (parent: string | undefined): MermaidStatement[] => {
    const statements: MermaidStatement[] = [];
    const children = childStatesOf(graph, parent);
    const parentState = graph.states.find((state) => state.id === parent);
    const regions = parentState?.kind === 'parallel';
    children.forEach((state, index) => {
      if (regions && index > 0) statements.push({ kind: 'regionSeparator' });
      // Mermaid has no history pseudo-state: it is a state marked (H) or (H*).
      const label = state.kind === 'history' ? `(${state.history === 'deep' ? 'H*' : 'H'}) ${state.label[lang]}` : state.label[lang];
      const composite = state.kind === 'compound' || state.kind === 'parallel';
      statements.push({ kind: 'state', id: mermaidIdOf(state.id), label, body: composite ? blockOf(state.id) : [] });
    });
    const initial = parent === undefined ? graph.initial : parentState?.initial;
    if (initial !== undefined) statements.push({ kind: 'transition', from: '[*]', to: mermaidIdOf(initial) });
    for (const transition of graph.transitions) {
      const text = transitionLine(transitionTextOf(definition, transition, lang));
      if (transition.target === undefined) {
        const source = graph.states.find((state) => state.id === transition.source);
        if (!source || source.parent !== parent) continue;
        // Mermaid draws lines of text only in simple states; a composite state gets a loop.
        statements.push(
          source.kind === 'atomic'
            ? { kind: 'description', id: mermaidIdOf(source.id), text: `↻ ${text}` }
            : { kind: 'transition', from: mermaidIdOf(source.id), to: mermaidIdOf(source.id), label: `↻ ${text}` },
        );
      } else if (commonParent(graph, transition) === parent) {
        statements.push({ kind: 'transition', from: mermaidIdOf(transition.source), to: mermaidIdOf(transition.target), label: text });
      }
    }
    for (const state of children)
      if (state.kind === 'final') statements.push({ kind: 'transition', from: mermaidIdOf(state.id), to: '[*]' });
    return statements;
  };
  return { text: renderMermaid({ statements: blockOf(undefined) }), warnings: graph.warnings };
}
