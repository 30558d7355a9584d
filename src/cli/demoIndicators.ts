import { countIndicators } from '../indicators/countIndicators.js';
import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { formatSource } from '../path/source.js';
import type { IndexedEventStore } from '../store/eventStore.js';

/** One indicator of the demo cohort, over all its periods, beside the seed's figure where there is one. @internal */
export interface DemoIndicatorFigure {
  readonly id: string;
  readonly source: string;
  /** A share 0–1 (share indicators), or undefined. */
  readonly share?: number;
  readonly numerator?: number;
  readonly denominator?: number;
  /** Cases per category (distributions). */
  readonly counts?: Readonly<Record<string, number>>;
  /** Mean change per key, weighted by cases over the periods (changes). */
  readonly meanChange?: Readonly<Record<string, number | null>>;
  readonly seedValue?: number;
}

// The cohort's whole span: the indicators of a synthetic cohort are read over every year it covers.
const everything = { from: '1900-01-01', to: '2999-12-31', by: 'year' } as const;

/**
 * Counts the declared indicators of one path over the demo's store (in the database) and gives
 * lines to print beside the seeds' figures. @internal
 */
export async function demoIndicators(
  store: IndexedEventStore,
  definition: AnyPathDefinition,
  lang: Language,
): Promise<{ figures: DemoIndicatorFigure[]; lines: string[] }> {
  const counted = await countIndicators(store, [definition], everything);
  if (!counted.ok) return { figures: [], lines: [] };
  const figures: DemoIndicatorFigure[] = [];
  const lines: string[] = [];
  for (const indicator of definition.indicators ?? []) {
    const cells = counted.cells.filter((cell) => cell.indicatorId === indicator.id);
    const base = {
      id: indicator.id,
      source: formatSource(indicator.source),
      ...(indicator.seedFigure ? { seedValue: indicator.seedFigure.value } : {}),
    };
    const seed = indicator.seedFigure
      ? ` (seeds: ${(indicator.seedFigure.value * 100).toFixed(1)} %, ${indicator.seedFigure.note[lang]})`
      : ` (${base.source})`;
    const name = indicator.name[lang];
    if (indicator.kind === 'share') {
      let numerator = 0;
      let denominator = 0;
      for (const cell of cells) {
        if (cell.kind !== 'share') continue;
        numerator += cell.numerator;
        denominator += cell.denominator;
      }
      const share = denominator === 0 ? 0 : numerator / denominator;
      figures.push({ ...base, share, numerator, denominator });
      lines.push(`  indicator ${name}: ${(share * 100).toFixed(1)} % (${numerator} / ${denominator})${seed}`);
    } else if (indicator.kind === 'distribution') {
      const counts: Record<string, number> = {};
      for (const cell of cells)
        if (cell.kind === 'distribution') for (const [key, count] of Object.entries(cell.counts)) counts[key] = (counts[key] ?? 0) + count;
      figures.push({ ...base, counts });
      const listed = Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .map(([key, count]) => `${key} ${count}`);
      lines.push(`  indicator ${name}: ${listed.join(', ')}${seed}`);
    } else {
      const sums: Record<string, { cases: number; total: number }> = {};
      for (const cell of cells) {
        if (cell.kind !== 'change') continue;
        for (const [key, entry] of Object.entries(cell.byKey)) {
          const sum = sums[key] ?? { cases: 0, total: 0 };
          sums[key] = sum;
          sum.cases += entry.cases;
          sum.total += (entry.meanChange ?? 0) * entry.cases;
        }
      }
      const meanChange = Object.fromEntries(
        Object.entries(sums).map(([key, sum]) => [key, sum.cases === 0 ? null : Math.round((sum.total / sum.cases) * 100) / 100]),
      );
      figures.push({ ...base, meanChange });
      const listed = Object.entries(meanChange).map(([key, mean]) => `${key} ${mean === null ? '–' : mean.toFixed(2)}`);
      lines.push(`  indicator ${name}: ${listed.join(', ')}${seed}`);
    }
  }
  return { figures, lines };
}
