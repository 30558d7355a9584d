import { element, type MarkupElement } from '../diagram/markup.js';
import type { StayDistribution } from './summarizeCases.js';

const font = 'Helvetica, Arial, sans-serif';
const barColour = '#3b6e9e';
const labelWidth = 260;
const chartWidth = 720;
const rowHeight = 24;

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
  const plotWidth = chartWidth - labelWidth - 120;
  const height = bars.length * rowHeight + 16;
  return element(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', class: `chart chart-${kind}`, role: 'img', 'aria-label': title, viewBox: `0 0 ${chartWidth} ${height}`, width: chartWidth, height },
    element('title', {}, title),
    bars.map((bar, index) => {
      const y = 8 + index * rowHeight;
      const width = Math.round((bar.value / max) * plotWidth * 10) / 10;
      return element('g', { class: 'bar', 'data-value': bar.value },
        element('text', { x: labelWidth - 8, y: y + 15, 'text-anchor': 'end', 'font-family': font, 'font-size': 12, fill: '#1c2b39' }, bar.label),
        element('rect', { x: labelWidth, y: y + 3, width, height: rowHeight - 8, fill: barColour, rx: 2 }),
        element('text', { x: labelWidth + width + 6, y: y + 15, 'font-family': font, 'font-size': 12, fill: '#35506b' }, bar.note),
      );
    }),
  );
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
export function boxPlotChart(title: string, rows: readonly BoxRow[], unit: string): MarkupElement {
  const max = Math.max(1, ...rows.map((row) => row.p90));
  const plotWidth = chartWidth - labelWidth - 130;
  const scale = (value: number) => labelWidth + Math.round((Math.min(value, max) / max) * plotWidth * 10) / 10;
  const height = rows.length * rowHeight + 40;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => Math.round(max * share));
  return element(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', class: 'chart chart-box', role: 'img', 'aria-label': title, viewBox: `0 0 ${chartWidth} ${height}`, width: chartWidth, height },
    element('title', {}, title),
    ticks.map((tick) =>
      element('g', { class: 'tick' },
        element('line', { x1: scale(tick), x2: scale(tick), y1: 4, y2: height - 24, stroke: '#d5dde6' }),
        element('text', { x: scale(tick), y: height - 8, 'text-anchor': 'middle', 'font-family': font, 'font-size': 11, fill: '#52667a' }, `${tick} ${unit}`),
      ),
    ),
    rows.map((row, index) => {
      const y = 8 + index * rowHeight;
      const mid = y + rowHeight / 2 - 2;
      return element('g', { class: 'box', 'data-median': Math.round(row.median * 10) / 10 },
        element('text', { x: labelWidth - 8, y: mid + 4, 'text-anchor': 'end', 'font-family': font, 'font-size': 12, fill: '#1c2b39' }, row.label),
        row.count > 0 && [
          element('line', { x1: scale(row.min), x2: scale(row.p90), y1: mid, y2: mid, stroke: '#52667a' }),
          element('rect', { x: scale(row.p25), y: mid - 7, width: Math.max(1, scale(row.p75) - scale(row.p25)), height: 14, fill: '#cfe0f1', stroke: barColour }),
          element('line', { x1: scale(row.median), x2: scale(row.median), y1: mid - 7, y2: mid + 7, stroke: '#1c2b39', 'stroke-width': 2 }),
        ],
        element('text', { x: labelWidth + plotWidth + 10, y: mid + 4, 'font-family': font, 'font-size': 11, fill: '#35506b' }, row.count > 0 ? `${row.median.toFixed(1)} ${unit} (n=${row.count})` : 'n=0'),
      );
    }),
  );
}
