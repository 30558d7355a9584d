import type { PathIndicator } from '../path/indicator.js';
import type { Label, Language } from '../path/label.js';
import { formatSource } from '../path/source.js';
import type { CheckedIndicatorQuery, IndicatorCell } from './indicatorQuery.js';

/** A path as the formatter reads it: its indicators, and the names of its end reasons. */
export interface IndicatorTablePath {
  readonly id: string;
  readonly indicators?: readonly PathIndicator[];
  readonly outcomes: Readonly<Record<string, Label>>;
}

const words = {
  version: { fi: 'versio', sv: 'version', en: 'version' },
  organisation: { fi: 'organisaatio', sv: 'organisation', en: 'organisation' },
  unassigned: { fi: 'ei organisaatiota', sv: 'ingen organisation', en: 'unassigned' },
  total: { fi: 'yhteensä', sv: 'totalt', en: 'total' },
  source: { fi: 'lähde', sv: 'källa', en: 'source' },
  none: { fi: 'ei tapauksia kaudella', sv: 'inga fall under perioden', en: 'no cases in the period' },
  small: {
    fi: '* solussa alle {n} asiakasta: ei julkaistavaksi sellaisenaan, jottei yksittäinen asiakas erotu',
    sv: '* färre än {n} klienter i cellen: publiceras inte som sådan, så att ingen enskild klient kan urskiljas',
    en: '* fewer than {n} clients in a cell: not for publication as it is, so that no single client can be singled out',
  },
} as const satisfies Record<string, Label>;

function categoryName(path: IndicatorTablePath, indicator: PathIndicator, category: string, lang: Language): string {
  if (indicator.kind === 'distribution' && indicator.outcomes) return path.outcomes[category]?.[lang] ?? category;
  if (indicator.kind === 'change') return indicator.scores.labels?.[category]?.[lang] ?? category;
  return category;
}

function share(numerator: number, denominator: number, lang: Language): string {
  const percent =
    denominator === 0
      ? '–'
      : new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(numerator / denominator);
  return `${numerator} / ${denominator} (${percent})`;
}

const locale = (lang: Language) => (lang === 'en' ? 'en-GB' : `${lang}-FI`);

function signed(value: number | null, lang: Language): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(
    value,
  );
}

/**
 * One cell's figures in words: `n / d (p %)`, the categories with their counts and total, or the
 * mean change per key with its n. The CLI's table and the HTML report write the same text.
 *
 * @internal
 */
export function indicatorCellText(path: IndicatorTablePath, indicator: PathIndicator, cell: IndicatorCell, lang: Language): string {
  if (cell.kind === 'share') return share(cell.numerator, cell.denominator, lang);
  if (cell.kind === 'distribution') {
    const parts = Object.entries(cell.counts)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([category, count]) => `${categoryName(path, indicator, category, lang)} ${count}`);
    return `${parts.join(', ')} (${words.total[lang]} ${cell.total})`;
  }
  return Object.entries(cell.byKey)
    .map(([key, entry]) => `${categoryName(path, indicator, key, lang)} ${signed(entry.meanChange, lang)} (n ${entry.cases})`)
    .join(', ');
}

/**
 * The indicator cells as a text table in one language: per indicator its name, definition and
 * source, then one line per period and version (and organisation, when the cells are grouped by
 * it); a cell under the small-number threshold is marked.
 *
 * @internal
 */
export function formatIndicatorTable(
  paths: readonly IndicatorTablePath[],
  cells: readonly IndicatorCell[],
  query: CheckedIndicatorQuery,
  lang: Language,
): string {
  const lines: string[] = [];
  let anySmall = false;
  for (const path of paths) {
    for (const indicator of path.indicators ?? []) {
      const own = cells.filter((cell) => cell.pathId === path.id && cell.indicatorId === indicator.id);
      lines.push(`${path.id} / ${indicator.id}: ${indicator.name[lang]}`);
      lines.push(`  ${indicator.definition[lang]} (${words.source[lang]} ${formatSource(indicator.source)})`);
      if (own.length === 0) lines.push(`  ${words.none[lang]}`);
      for (const cell of own) {
        anySmall ||= cell.small;
        const text = indicatorCellText(path, indicator, cell, lang);
        // `organisation county-a`, or for none just the word for it (`unassigned`), not `organisation unassigned`.
        const organisation =
          cell.organisation === undefined
            ? ''
            : `${cell.organisation === null ? words.unassigned[lang] : `${words.organisation[lang]} ${cell.organisation}`}  `;
        lines.push(`  ${cell.period}  ${words.version[lang]} ${cell.pathVersion}  ${organisation}${text}${cell.small ? ' *' : ''}`);
      }
    }
  }
  if (anySmall) lines.push('', smallNumberNote(query.smallNumberThreshold, lang));
  return `${lines.join('\n')}\n`;
}

/** A cell's organisation as a table shows it: its code, or the word for none. @internal */
export function organisationName(organisation: string | null, lang: Language): string {
  return organisation ?? words.unassigned[lang];
}

/** The note under a table with a cell below the small-number threshold. @internal */
export function smallNumberNote(threshold: number, lang: Language): string {
  return words.small[lang].replace('{n}', String(threshold));
}

function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The indicator cells as CSV, one line per cell and category or key: `path,indicator,period,
 * pathVersion,kind,category,numerator,denominator,meanChange,small`; grouped by organisation, an
 * `organisation` column after `pathVersion` (empty for the unassigned).
 *
 * @internal
 */
export function formatIndicatorCsv(cells: readonly IndicatorCell[], byOrganisation = false): string {
  const organisation = byOrganisation ? 'organisation,' : '';
  const header = `path,indicator,period,pathVersion,${organisation}kind,category,numerator,denominator,meanChange,small`;
  const lines = [header];
  for (const cell of cells) {
    const common = [
      cell.pathId,
      cell.indicatorId,
      cell.period,
      cell.pathVersion,
      ...(byOrganisation ? [cell.organisation ?? null] : []),
      cell.kind,
    ];
    const rows: (string | number | boolean | null)[][] =
      cell.kind === 'share'
        ? [[...common, '', cell.numerator, cell.denominator, null, cell.small]]
        : cell.kind === 'distribution'
          ? Object.entries(cell.counts).map(([category, count]) => [...common, category, count, cell.total, null, cell.small])
          : Object.entries(cell.byKey).map(([key, entry]) => [...common, key, entry.cases, cell.cases, entry.meanChange, cell.small]);
    for (const row of rows) lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}
