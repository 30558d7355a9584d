import { graphvizTextWidth } from './graphvizTextWidth.js';

interface GraphvizEngine {
  layout(dot: string, format: 'svg', engine: 'dot'): string;
}

let graphviz: Promise<GraphvizEngine> | undefined;

/**
 * Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`, the WebAssembly inlined in its one
 * ES module, so it loads offline), loaded when an SVG is first asked for and kept. A dynamic
 * import, so that the ESM and the CommonJS build both load the ES-only package and nothing else
 * in `kykypolku/diagram` pays for it.
 */
function loadGraphviz(): Promise<GraphvizEngine> {
  graphviz ??= import('@hpcc-js/wasm-graphviz').then(({ Graphviz }) => Graphviz.load());
  return graphviz;
}

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The characters of an SVG text node (Graphviz writes `&#45;`, `&amp;` and the like). */
function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return entities[name] ?? whole;
  });
}

/**
 * Gives every text the width Graphviz laid it out for (`textLength`): Graphviz measures with
 * Helvetica's widths, but a browser draws with whatever font it has (DejaVu Sans is a tenth
 * wider), and a label would then run over its neighbour or off the picture.
 */
function fitTexts(svg: string): string {
  return svg.replace(/<text([^>]*)>([^<]*)<\/text>/g, (whole, attributes: string, content: string) => {
    const size = Number(/\sfont-size="([\d.]+)"/.exec(attributes)?.[1] ?? Number.NaN);
    if (!Number.isFinite(size) || content === '') return whole;
    const width = graphvizTextWidth(decodeXml(content), size, /\sfont-weight="bold"/.test(attributes));
    return `<text${attributes} textLength="${width.toFixed(2)}" lengthAdjust="spacingAndGlyphs">${content}</text>`;
  });
}

/**
 * Lays out a DOT digraph with Graphviz's `dot` engine and returns its SVG element alone: the XML
 * prolog, doctype and Graphviz's header comments are dropped, so the same text is a standalone
 * `.svg` file and can be embedded in an HTML page; every text keeps the width it was laid out for,
 * in any font. Deterministic: the same DOT gives the same bytes (Graphviz measures text with its
 * built-in font metrics, not the machine's fonts).
 *
 * @internal
 */
export async function renderDotSvg(dot: string): Promise<string> {
  const svg = (await loadGraphviz()).layout(dot, 'svg', 'dot');
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('kykypolku: Graphviz returned no SVG element');
  return `${fitTexts(svg.slice(start).trimEnd())}\n`;
}
