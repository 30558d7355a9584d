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

/** A text element of an SVG with its box in the SVG's own coordinates. */
export interface SvgText {
  readonly text: string;
  readonly box: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/**
 * Every `<text>` element of an SVG (as kykypolku writes Graphviz's: absolute x/y, an anchor, a size,
 * and the width it was laid out for as `textLength`, which a browser keeps in any font) with the
 * box its glyphs cover, from ascender to descender. A text without a width is an error: a browser
 * would draw it as wide as its own font makes it.
 */
export function svgTexts(svg: string): SvgText[] {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((match) => {
    const tag = match[1]!;
    const text = decodeXml(match[2]!);
    const size = Number(attribute(tag, 'font-size') ?? '14');
    const width = Number(attribute(tag, 'textLength'));
    if (!Number.isFinite(width) || attribute(tag, 'lengthAdjust') !== 'spacingAndGlyphs') throw new Error(`no textLength on '${text}'`);
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
