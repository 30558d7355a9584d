import { element, type MarkupElement } from '../diagram/markup.js';
import type { StayDistribution } from './summarizeCases.js';

const font = 'Helvetica, Arial, sans-serif';
const barColour = '#3b6e9e';
const plotWidth = 340;
const rowHeight = 24;

/**
 * How wide a line of 12 px Helvetica is drawn, at most: wide letters (m, w, capitals) are about
 * 0.85 em and none wider than an em, so a label never runs past the space made for it. The
 * browser test measures the drawn text against the chart's edges.
 */
function textWidth(text: string, fontSize = 12): number {
  let ems = 0;
  for (const character of text)
    ems += /[mwMW@%]/.test(character) ? 0.95 : /[A-ZÅÄÖ0-9#]/.test(character) ? 0.72 : /[ijlt.,:;'|!() ]/.test(character) ? 0.34 : 0.6;
  return Math.ceil(ems * fontSize);
}

/** The space for the labels on the left: the widest label and a margin, at least 120 px. */
function labelSpace(labels: readonly string[]): number {
  return Math.max(120, ...labels.map((label) => textWidth(label) + 16));
}

/** The space after the plot for the notes: the widest note and a margin. */
function noteSpace(notes: readonly string[], fontSize: number): number {
  return Math.max(60, ...notes.map((note) => textWidth(note, fontSize) + 16));
}

/** One bar of a bar chart. @internal */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Printed after the bar, e.g. `34 (3.4 %)`. */
  readonly note: string;
}

/**
 * A horizontal bar chart as SVG: one row per bar, labels on the left, values after the bars.
 * Rows keep the order given.
 *
 * @internal
 */
export function barChart(title: string, bars: readonly Bar[], kind: string): MarkupElement {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const labelWidth = labelSpace(bars.map((bar) => bar.label));
  const chartWidth =
    labelWidth +
    plotWidth +
    noteSpace(
      bars.map((bar) => bar.note),
      12,
    );
  const height = bars.length * rowHeight + 16;
  return element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: `chart chart-${kind}`,
      role: 'img',
      'aria-label': title,
      viewBox: `0 0 ${chartWidth} ${height}`,
      width: chartWidth,
      height,
    },
    element('title', {}, title),
    bars.map((bar, index) => {
      const y = 8 + index * rowHeight;
      const width = Math.round((bar.value / max) * plotWidth * 10) / 10;
      return element(
        'g',
        { class: 'bar', 'data-value': bar.value },
        element(
          'text',
          { x: labelWidth - 8, y: y + 15, 'text-anchor': 'end', 'font-family': font, 'font-size': 12, fill: '#1c2b39' },
          bar.label,
        ),
        element('rect', { x: labelWidth, y: y + 3, width, height: rowHeight - 8, fill: barColour, rx: 2 }),
        element('text', { x: labelWidth + width + 6, y: y + 15, 'font-family': font, 'font-size': 12, fill: '#35506b' }, bar.note),
      );
    }),
  );
}

/** How a chart writes its numbers, in the page's language. @internal */
export interface ChartNumbers {
  readonly decimal: (value: number) => string;
  readonly count: (value: number) => string;
}

/** One row of a box plot: a distribution of stays and its label. @internal */
export interface BoxRow extends StayDistribution {
  readonly label: string;
}

/**
 * Box plots as SVG, one row per distribution on a shared axis: whiskers from the minimum to the
 * 90th percentile, a box from the 25th to the 75th, a line at the median.
 *
 * @internal
 */
export function boxPlotChart(title: string, rows: readonly BoxRow[], unit: string, numbers: ChartNumbers): MarkupElement {
  const max = Math.max(1, ...rows.map((row) => row.p90));
  const notes = rows.map((row) => (row.count > 0 ? `${numbers.decimal(row.median)} ${unit} (n=${numbers.count(row.count)})` : 'n=0'));
  const labelWidth = labelSpace(rows.map((row) => row.label));
  const chartWidth = labelWidth + plotWidth + noteSpace(notes, 11);
  const scale = (value: number) => labelWidth + Math.round((Math.min(value, max) / max) * plotWidth * 10) / 10;
  const height = rows.length * rowHeight + 40;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => Math.round(max * share));
  return element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'chart chart-box',
      role: 'img',
      'aria-label': title,
      viewBox: `0 0 ${chartWidth} ${height}`,
      width: chartWidth,
      height,
    },
    element('title', {}, title),
    ticks.map((tick) =>
      element(
        'g',
        { class: 'tick' },
        element('line', { x1: scale(tick), x2: scale(tick), y1: 4, y2: height - 24, stroke: '#d5dde6' }),
        element(
          'text',
          { x: scale(tick), y: height - 8, 'text-anchor': 'middle', 'font-family': font, 'font-size': 11, fill: '#52667a' },
          `${numbers.count(tick)} ${unit}`,
        ),
      ),
    ),
    rows.map((row, index) => {
      const y = 8 + index * rowHeight;
      const mid = y + rowHeight / 2 - 2;
      return element(
        'g',
        { class: 'box', 'data-median': Math.round(row.median * 10) / 10 },
        element(
          'text',
          { x: labelWidth - 8, y: mid + 4, 'text-anchor': 'end', 'font-family': font, 'font-size': 12, fill: '#1c2b39' },
          row.label,
        ),
        row.count > 0 && [
          element('line', { x1: scale(row.min), x2: scale(row.p90), y1: mid, y2: mid, stroke: '#52667a' }),
          element('rect', {
            x: scale(row.p25),
            y: mid - 7,
            width: Math.max(1, scale(row.p75) - scale(row.p25)),
            height: 14,
            fill: '#cfe0f1',
            stroke: barColour,
          }),
          element('line', { x1: scale(row.median), x2: scale(row.median), y1: mid - 7, y2: mid + 7, stroke: '#1c2b39', 'stroke-width': 2 }),
        ],
        element(
          'text',
          { x: labelWidth + plotWidth + 10, y: mid + 4, 'font-family': font, 'font-size': 11, fill: '#35506b' },
          notes[index],
        ),
      );
    }),
  );
}
