// Graphviz (without font files, as in WebAssembly) measures text with Helvetica's advance widths:
// Adobe's AFM figures for the printable ASCII characters, and 278 thousandths of an em per UTF-8 byte
// for every other character. These are those figures, read off Graphviz 16 itself (a label of each
// character at 100 pt), so a text's width here is the width Graphviz laid the picture out for.

/** Advance widths of the characters U+0020 to U+007E in Helvetica, thousandths of an em. */
const regular = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278,
  278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
  667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** The same in Helvetica Bold. */
const bold = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333,
  333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
  667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611,
  611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

const perUtf8Byte = 278;
const encoder = new TextEncoder();

/**
 * The width of a line of text, in the units of its font size, as Graphviz measures it.
 *
 * @internal
 */
export function graphvizTextWidth(text: string, fontSize: number, isBold: boolean): number {
  const table = isBold ? bold : regular;
  let thousandths = 0;
  for (const glyph of text) {
    const code = glyph.codePointAt(0)!;
    thousandths += code >= 0x20 && code <= 0x7e ? table[code - 0x20]! : encoder.encode(glyph).length * perUtf8Byte;
  }
  return (thousandths / 1000) * fontSize;
}
