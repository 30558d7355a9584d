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

/**
 * Lays out a DOT digraph with Graphviz's `dot` engine and returns its SVG element alone: the XML
 * prolog, doctype and Graphviz's header comments are dropped, so the same text is a standalone
 * `.svg` file and can be embedded in an HTML page. Deterministic: the same DOT gives the same
 * bytes (Graphviz measures text with its built-in font metrics, not the machine's fonts).
 *
 * @internal
 */
export async function renderDotSvg(dot: string): Promise<string> {
  const svg = (await loadGraphviz()).layout(dot, 'svg', 'dot');
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('kykypolku: Graphviz returned no SVG element');
  return `${svg.slice(start).trimEnd()}\n`;
}
