// Graphviz is the outside referee of the DOT export: real Graphviz (compiled to WebAssembly, from
// npm, so `npm ci` brings it) lays out every path's DOT in every language, and what it draws is
// read back from its SVG: one edge per transition carrying that transition's words, every state's
// name in a node or cluster, every in-state event on its state.
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { beforeAll, describe, expect, it } from 'vitest';
import { languages, type AnyPathDefinition } from 'kykypolku';
import { describePathGraph, toDot } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { transitionLine, transitionTextOf } from '../../src/diagram/transitionText.js';
import { reviewPath } from '../support/reviewPath.js';

let graphviz: Graphviz;
beforeAll(async () => {
  graphviz = await Graphviz.load();
});

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of an SVG text element as a reader sees it. */
function decode(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return entities[name] ?? whole;
  });
}

/** What Graphviz drew: each node, edge and cluster group of its SVG with the lines of text in it. */
function drawn(svg: string): { kind: 'node' | 'edge' | 'cluster'; texts: string[] }[] {
  return [...svg.matchAll(/<g id="[^"]*" class="(node|edge|cluster)(?: [^"]*)?">([\s\S]*?)<\/g>/g)].map((group) => ({
    kind: group[1] as 'node' | 'edge' | 'cluster',
    texts: [...group[2]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((text) => decode(text[1]!)),
  }));
}

const paths: readonly AnyPathDefinition[] = [reviewPath, ...builtInPaths];

describe.each(paths.map((path) => [path.id, path] as const))('Graphviz renders the DOT of %s', (_id, definition) => {
  const graph = describePathGraph(definition);

  it.each(languages.map((lang) => [lang]))('in %s: an edge per transition with its words, every state and in-state event named', (lang) => {
    const { text } = toDot(definition, { lang });
    const svg = graphviz.layout(text, 'svg', 'dot');
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    const groups = drawn(svg);

    // Edges: the start arrows carry no words; every other edge is one targeted transition.
    // A long condition is wrapped over several lines; read back, they are one.
    const edgeWords = groups
      .filter((group) => group.kind === 'edge' && group.texts.length > 0)
      .map((group) => [group.texts[0], ...(group.texts.length > 1 ? [group.texts.slice(1).join(' ')] : [])].join('\n'));
    const expectedEdgeWords = graph.transitions
      .filter((transition) => transition.target !== undefined)
      .map((transition) => {
        const words = transitionTextOf(definition, transition, lang);
        return words.condition === undefined ? words.event : `${words.event}\n[${words.condition}]`;
      });
    expect(edgeWords.sort()).toEqual(expectedEdgeWords.sort());

    // States: each name is a line of a node (or its external label) or of a cluster.
    const stateLines = groups.filter((group) => group.kind !== 'edge').flatMap((group) => group.texts);
    for (const state of graph.states) expect(stateLines, state.id).toContain(state.label[lang]);
    for (const transition of graph.transitions.filter((candidate) => candidate.target === undefined)) {
      expect(stateLines, transition.id).toContain(`↻ ${transitionLine(transitionTextOf(definition, transition, lang))}`);
    }
  });
});
