import { graphvizTextWidth } from './graphvizTextWidth.js';

interface GraphvizEngine {
  layout(dot: string, format: 'svg' | 'json', engine: 'dot'): string;
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

/** A text-drawing operation of Graphviz's JSON output: where a line of a label is drawn. */
interface TextOperation {
  readonly op: string;
  readonly pt?: readonly [number, number];
  readonly align?: 'l' | 'c' | 'r';
  readonly width?: number;
}

/** An edge of Graphviz's JSON layout: its id, its spline (`pos`) and how its label is drawn (`_ldraw_`). */
interface LaidOutEdge {
  readonly id?: string;
  readonly pos?: string;
  readonly _ldraw_?: readonly TextOperation[];
}

/**
 * How far from its drawn arrow a label's box may lie. Graphviz places an edge's `label` on a
 * virtual node in the middle rank of the edge and then fits the spline through the free space of
 * each rank: on a long edge that bends round other states (into a final state many arrows enter)
 * the spline can swing away from that place, leaving the label 50 pt or more from its arrow.
 */
const farFromArrow = 40;

/** The label's box (from its lines' text operations, a line as tall as the font), or nothing when it has none. */
function labelBox(operations: readonly TextOperation[]): { left: number; right: number; top: number; bottom: number } | undefined {
  const lines = operations.filter((operation) => operation.op === 'T' && operation.pt !== undefined);
  if (lines.length === 0) return undefined;
  const size = 10;
  const spans = lines.map(({ pt, align, width = 0 }) => {
    const left = align === 'l' ? pt![0] : align === 'r' ? pt![0] - width : pt![0] - width / 2;
    return { left, right: left + width, top: pt![1] - size * 0.25, bottom: pt![1] + size };
  });
  return {
    left: Math.min(...spans.map((span) => span.left)),
    right: Math.max(...spans.map((span) => span.right)),
    top: Math.min(...spans.map((span) => span.top)),
    bottom: Math.max(...spans.map((span) => span.bottom)),
  };
}

/** The ids of the edges whose label's box lies farther than {@link farFromArrow} from their spline. */
function edgesWithFarLabels(json: string): Set<string> {
  const far = new Set<string>();
  for (const edge of (JSON.parse(json) as { edges?: LaidOutEdge[] }).edges ?? []) {
    const box = labelBox(edge._ldraw_ ?? []);
    if (edge.id === undefined || edge.pos === undefined || box === undefined) continue;
    const points = edge.pos
      .split(' ')
      .filter((part) => !part.startsWith('e,') && !part.startsWith('s,'))
      .map((part) => part.split(',').map(Number) as [number, number]);
    let nearest = Number.POSITIVE_INFINITY;
    for (let start = 0; start + 3 < points.length; start += 3) {
      const [p0, p1, p2, p3] = points.slice(start, start + 4) as [number, number][];
      for (let step = 0; step <= 16; step++) {
        const t = step / 16;
        const u = 1 - t;
        const at = (axis: 0 | 1) => u ** 3 * p0![axis] + 3 * u * u * t * p1![axis] + 3 * u * t * t * p2![axis] + t ** 3 * p3![axis];
        const [x, y] = [at(0), at(1)];
        nearest = Math.min(nearest, Math.hypot(Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom)));
      }
    }
    if (nearest > farFromArrow) far.add(edge.id);
  }
  return far;
}

/**
 * Lays out a path's DOT as {@link renderDotSvg} does, in two passes: the edges whose label the
 * first layout left far from the drawn arrow (see {@link farFromArrow}) are drawn again with the
 * label beside the arrow (`xlabel`, placed after the splines are routed). Deterministic, as the
 * layout is.
 *
 * @internal
 */
export async function renderPathSvg(dotOf: (besideArrow: ReadonlySet<string>) => string): Promise<string> {
  const first = dotOf(new Set());
  const far = edgesWithFarLabels((await loadGraphviz()).layout(first, 'json', 'dot'));
  return renderDotSvg(far.size === 0 ? first : dotOf(far));
}
