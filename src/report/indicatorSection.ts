import { element, type MarkupNode } from '../diagram/markup.js';
import { indicatorCellText, organisationName, smallNumberNote } from '../indicators/formatIndicators.js';
import type { IndicatorCell } from '../indicators/indicatorQuery.js';
import type { AnyPathDefinition } from '../path/definition.js';
import type { PathIndicator } from '../path/indicator.js';
import type { Language } from '../path/label.js';
import type { ReportIndicators } from './reportIndicators.js';
import { reportWord } from './reportWords.js';
import { tableHead } from './tableHead.js';

/** The figures of a cell as data, for a reader's script or a test to take without parsing words. */
function cellData(cell: IndicatorCell): string {
  if (cell.kind === 'share') return JSON.stringify({ numerator: cell.numerator, denominator: cell.denominator });
  if (cell.kind === 'distribution') return JSON.stringify({ counts: cell.counts, total: cell.total });
  return JSON.stringify({ cases: cell.cases, byKey: cell.byKey });
}

/**
 * The rows of a table: each cell of the period and version, followed (when counted by organisation)
 * by that period and version's cell per organisation, which carries `data-organisation`.
 */
function tableRows(own: readonly IndicatorCell[], byOrganisation: readonly IndicatorCell[] | undefined): IndicatorCell[] {
  if (!byOrganisation) return [...own];
  return own.flatMap((total) => [
    total,
    ...byOrganisation.filter((cell) => cell.period === total.period && cell.pathVersion === total.pathVersion),
  ]);
}

function indicatorTable(
  definition: AnyPathDefinition,
  indicator: PathIndicator,
  cells: readonly IndicatorCell[],
  byOrganisation: readonly IndicatorCell[] | undefined,
  lang: Language,
) {
  const own = cells.filter((cell) => cell.indicatorId === indicator.id);
  if (own.length === 0) return element('p', { class: 'meta' }, reportWord('indicatorNoCells', lang));
  const organised = byOrganisation?.filter((cell) => cell.indicatorId === indicator.id);
  const headers = [
    reportWord('indicatorPeriod', lang),
    reportWord('indicatorVersion', lang),
    ...(organised ? [reportWord('indicatorOrganisation', lang)] : []),
    reportWord('indicatorValue', lang),
  ];
  const organisationText = (cell: IndicatorCell) =>
    cell.organisation === undefined ? reportWord('indicatorAllOrganisations', lang) : organisationName(cell.organisation, lang);
  return element(
    'table',
    { class: 'indicator-table' },
    tableHead(headers),
    element(
      'tbody',
      {},
      tableRows(own, organised).map((cell) =>
        element(
          'tr',
          {
            'data-indicator': indicator.id,
            'data-period': cell.period,
            'data-version': String(cell.pathVersion),
            'data-organisation': cell.organisation === undefined ? undefined : (cell.organisation ?? ''),
            'data-cell': cellData(cell),
            class: cell.small ? 'small-number' : undefined,
          },
          element('td', {}, cell.period),
          element('td', {}, String(cell.pathVersion)),
          organised ? element('td', {}, organisationText(cell)) : '',
          element(
            'td',
            {},
            indicatorCellText(definition, indicator, cell, lang),
            cell.small ? element('span', { class: 'small-mark' }, ' *') : '',
          ),
        ),
      ),
    ),
  );
}

/**
 * The page's indicator section: each indicator the path declares with its name, definition and
 * source, and a table of its cells per period and version (each followed by its organisations'
 * cells, in an organisation column, when the store held several); a cell counting fewer clients than the
 * small-number threshold carries a mark, explained under the table.
 *
 * @internal
 */
export function indicatorSection(
  definition: AnyPathDefinition,
  indicators: ReportIndicators | undefined,
  sourceOf: (indicator: PathIndicator) => MarkupNode,
  lang: Language,
): MarkupNode[] {
  if (!indicators) return [element('p', {}, reportWord('indicatorsMissing', lang))];
  const { query, cells } = indicators;
  const own = cells.filter((cell) => cell.pathId === definition.id);
  const byOrganisation = indicators.byOrganisation?.filter((cell) => cell.pathId === definition.id);
  return [
    element('p', { class: 'meta' }, `${reportWord('indicatorsCounted', lang)} ${query.from} – ${query.to}`),
    ...(definition.indicators ?? []).map((indicator) => {
      const small = [...own, ...(byOrganisation ?? [])].some((cell) => cell.indicatorId === indicator.id && cell.small);
      return element(
        'article',
        { class: 'indicator', id: `indicator-${indicator.id}` },
        element('h3', {}, indicator.name[lang]),
        element('p', {}, indicator.definition[lang], ' (', sourceOf(indicator), ')'),
        indicatorTable(definition, indicator, own, byOrganisation, lang),
        small && element('p', { class: 'small-number-note' }, smallNumberNote(query.smallNumberThreshold, lang)),
      );
    }),
  ];
}
