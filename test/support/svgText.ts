// Reads an SVG the way a person reads it: its text elements, where they stand and how wide they are.

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of an XML text node or attribute as a reader sees it. */
export function decodeXml(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return entities[name] ?? whole;
  });
}

// Helvetica's advance widths (Adobe's AFM, thousandths of an em), the metrics Graphviz itself lays
// text out with when it has no font files; other characters count as a full em, to err wide.
const helvetica: Record<string, number> = {
  ' ': 278,
  '!': 278,
  '"': 355,
  '#': 556,
  $: 556,
  '%': 889,
  '&': 667,
  "'": 191,
  '(': 333,
  ')': 333,
  '*': 389,
  '+': 584,
  ',': 278,
  '-': 333,
  '.': 278,
  '/': 278,
  ':': 278,
  ';': 278,
  '<': 584,
  '=': 584,
  '>': 584,
  '?': 556,
  '@': 1015,
  '[': 278,
  '\\': 278,
  ']': 278,
  _: 556,
  '`': 333,
  '{': 334,
  '|': 260,
  '}': 334,
  '~': 584,
  '–': 556,
  '—': 1000,
  '’': 222,
  '→': 1000,
  '≥': 549,
  '≤': 549,
  '↻': 1000,
  '…': 1000,
  a: 556,
  b: 556,
  c: 500,
  d: 556,
  e: 556,
  f: 278,
  g: 556,
  h: 556,
  i: 222,
  j: 222,
  k: 500,
  l: 222,
  m: 833,
  n: 556,
  o: 556,
  p: 556,
  q: 556,
  r: 333,
  s: 500,
  t: 278,
  u: 556,
  v: 500,
  w: 722,
  x: 500,
  y: 500,
  z: 500,
  A: 667,
  B: 667,
  C: 722,
  D: 722,
  E: 667,
  F: 611,
  G: 778,
  H: 722,
  I: 278,
  J: 500,
  K: 667,
  L: 556,
  M: 833,
  N: 722,
  O: 778,
  P: 667,
  Q: 778,
  R: 722,
  S: 667,
  T: 611,
  U: 722,
  V: 667,
  W: 944,
  X: 667,
  Y: 667,
  Z: 611,
  ä: 556,
  ö: 556,
  å: 556,
  é: 556,
  ü: 556,
  Ä: 667,
  Ö: 778,
  Å: 667,
  É: 667,
  Ü: 722,
};
for (const digit of '0123456789') helvetica[digit] = 556;

/** A text element of an SVG with its box in the SVG's own coordinates. */
export interface SvgText {
  readonly text: string;
  readonly box: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/**
 * Every `<text>` element of an SVG (as Graphviz writes them: absolute x/y, an anchor, a size) with
 * the box its glyphs cover: Helvetica widths (bold 6 % wider), from ascender to descender.
 */
export function svgTexts(svg: string): SvgText[] {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((match) => {
    const tag = match[1]!;
    const text = decodeXml(match[2]!);
    const size = Number(attribute(tag, 'font-size') ?? '14');
    const bold = attribute(tag, 'font-weight') === 'bold' ? 1.06 : 1;
    const width = ([...text].reduce((sum, glyph) => sum + (helvetica[glyph] ?? 1000), 0) / 1000) * size * bold;
    const x = Number(attribute(tag, 'x'));
    const y = Number(attribute(tag, 'y'));
    const anchor = attribute(tag, 'text-anchor') ?? 'start';
    const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
    return { text, box: { left, right: left + width, top: y - size * 0.77, bottom: y + size * 0.23 } };
  });
}

/** The pairs of texts whose boxes overlap by more than `tolerance` in both directions. */
export function overlappingTexts(texts: readonly SvgText[], tolerance = 0.5): [SvgText, SvgText][] {
  const pairs: [SvgText, SvgText][] = [];
  texts.forEach((a, index) => {
    for (const b of texts.slice(index + 1)) {
      const across = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const down = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (across > tolerance && down > tolerance) pairs.push([a, b]);
    }
  });
  return pairs;
}
