// The SVG an analyst opens (CLI `--format svg`, the report's figure) is Graphviz's own layout of
// the DOT. Read back as a person reads it: every state's name, every transition's event and
// condition are words on the picture, and no two words lie on top of each other.
import { describe, expect, it } from 'vitest';
import { languages, type AnyPathDefinition } from 'kykypolku';
import { describePathGraph, toSvg } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { transitionLine, transitionTextOf } from '../../src/diagram/transitionText.js';
import { graphvizTextWidth } from '../../src/diagram/graphvizTextWidth.js';
import { reviewPath } from '../support/reviewPath.js';
import { reviewPathV2 } from '../support/reviewPathV2.js';
import { overlappingTexts, svgTexts, type SvgText } from '../support/svgText.js';

const paths: readonly AnyPathDefinition[] = [reviewPath, reviewPathV2, ...builtInPaths];

/** The ids of what the SVG draws (states, transitions), which must not depend on the language. */
const drawnIds = (svg: string) => [...svg.matchAll(/<g id="((?:state|transition):[^"]*)"/g)].map((match) => match[1]!).sort();

/** Points along the cubic Bézier curve of the first `<path d="M … C …">` in an SVG fragment (Graphviz's edges). */
function curvePoints(fragment: string): [number, number][] {
  const d = /<path[^>]*\sd="([^"]*)"/.exec(fragment)?.[1] ?? '';
  const numbers = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((match) => [Number(match[1]), Number(match[2])] as [number, number]);
  const points: [number, number][] = [];
  for (let start = 0; start + 3 < numbers.length; start += 3) {
    const [p0, p1, p2, p3] = numbers.slice(start, start + 4) as [[number, number], [number, number], [number, number], [number, number]];
    for (let step = 0; step <= 16; step++) {
      const t = step / 16;
      const u = 1 - t;
      const at = (axis: 0 | 1) => u ** 3 * p0[axis] + 3 * u * u * t * p1[axis] + 3 * u * t * t * p2[axis] + t ** 3 * p3[axis];
      points.push([at(0), at(1)]);
    }
  }
  return points;
}

/** How far a box lies from the nearest point of the curve in an SVG fragment. */
function distanceToCurve(box: SvgText['box'], fragment: string): number {
  return Math.min(
    ...curvePoints(fragment).map(([x, y]) =>
      Math.hypot(Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom)),
    ),
  );
}

describe.each(paths.map((path) => [`${path.id} v${path.version}`, path] as const))('the SVG of %s', (_name, definition) => {
  const graph = describePathGraph(definition);

  it.each(languages.map((lang) => [lang]))('in %s names every state, event and condition, with no two words overlapping', async (lang) => {
    const { text } = await toSvg(definition, { lang });
    expect(text).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\n$/);
    const texts = svgTexts(text);
    const farLabels: [string, number][] = []; // transitions whose label is 50 pt or more from the arrow
    const words = texts.map((entry) => entry.text);
    expect(words.length).toBeGreaterThan(graph.states.length);
    for (const state of graph.states) expect(words, state.id).toContain(state.label[lang]);
    for (const transition of graph.transitions) {
      const { event, condition } = transitionTextOf(definition, transition, lang);
      if (transition.target === undefined) {
        expect(words, transition.id).toContain(`↻ ${transitionLine({ event, condition })}`);
        continue;
      }
      // On an arrow: the event on one line, the condition in brackets on the next (wrapped when long), in the arrow's group.
      const group = new RegExp(
        `<g id="transition:${transition.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" class="edge transition">([\\s\\S]*?)</g>`,
      ).exec(text);
      expect(group, transition.id).not.toBeNull();
      const onArrow = svgTexts(group![1]!);
      const [eventLine, ...conditionLines] = onArrow.map((entry) => entry.text);
      expect(eventLine, transition.id).toBe(event);
      expect(conditionLines.join(' '), transition.id).toBe(condition === undefined ? '' : `[${condition}]`);
      // …and beside its arrow: the label's box lies within 50 pt of a point of the arrow's curve.
      const box = {
        left: Math.min(...onArrow.map((entry) => entry.box.left)),
        right: Math.max(...onArrow.map((entry) => entry.box.right)),
        top: Math.min(...onArrow.map((entry) => entry.box.top)),
        bottom: Math.max(...onArrow.map((entry) => entry.box.bottom)),
      };
      farLabels.push([transition.id, Math.round(distanceToCurve(box, group![1]!))]);
    }
    expect(farLabels.filter(([, distance]) => distance >= 50)).toEqual([]);
    const overlaps = overlappingTexts(texts).map(([a, b]) => `'${a.text}' × '${b.text}'`);
    expect(overlaps).toEqual([]);
  });

  it('is the same picture in every language and the same bytes every time', async () => {
    const [fi, sv, en] = await Promise.all(languages.map(async (lang) => (await toSvg(definition, { lang })).text));
    expect(drawnIds(sv!)).toEqual(drawnIds(fi!));
    expect(drawnIds(en!)).toEqual(drawnIds(fi!));
    expect(drawnIds(fi!)).toHaveLength(graph.states.length + graph.transitions.filter((transition) => transition.target).length);
    expect((await toSvg(definition, { lang: 'fi' })).text).toBe(fi);
  });
});

describe('the width each text is given', () => {
  // Graphviz's own measure (its JSON output's text-drawing operations) is the oracle: the SVG's
  // textLength must be what Graphviz laid the picture out for, so a browser keeps the layout.
  it.each([
    ['Työkykykoordinaattori nimetty [alkoi verkostopalaverista]', false],
    ['Arbetsförmågekoordinator utsedd — “plan” ≥ 2 (H*)', false],
    ['↻ Tiimipalaveri pidetty', true],
    ['ÄÖÅ äöå é ü × §', true],
  ] as const)('is what Graphviz measures for %j (bold: %s)', async (text, bold) => {
    const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
    const graphviz = await Graphviz.load();
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const label = bold ? `<<b>${escaped}</b>>` : `<${escaped}>`;
    const layout = JSON.parse(
      graphviz.layout(`digraph { node [fontname="Helvetica", fontsize=11]; a [label=${label}]; }`, 'json', 'dot'),
    ) as {
      objects: { _ldraw_: { op: string; width?: number }[] }[];
    };
    const measured = layout.objects[0]!._ldraw_.find((operation) => operation.op === 'T')!.width!;
    expect(graphvizTextWidth(text, 11, bold)).toBeCloseTo(measured, 1);
  });
});
