import { replayCase } from '../case/replayCase.js';
import { countIndicators } from '../indicators/countIndicators.js';
import { cellsFromRows } from '../indicators/indicatorCells.js';
import { checkIndicatorQuery, type IndicatorQueryRejection } from '../indicators/indicatorPeriod.js';
import type { CheckedIndicatorQuery, IndicatorCell, IndicatorQuery } from '../indicators/indicatorQuery.js';
import { type IndicatorCase, indicatorRowsByReplay } from '../indicators/indicatorReplay.js';
import type { AnyPathDefinition } from '../path/definition.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { IndexedEventStore } from '../store/eventStore.js';

/** A path's indicators as the report shows them: the cells, and the query they were counted for. */
export interface ReportIndicators {
  /** The query with its defaults filled in: the period, how it is cut and the small-number threshold. */
  readonly query: CheckedIndicatorQuery;
  readonly cells: readonly IndicatorCell[];
  /**
   * The same cells per organisation, when they were counted by it: for a store holding cases of
   * more than one organisation (the unassigned count as one), or when the query asked for it.
   */
  readonly byOrganisation?: readonly IndicatorCell[];
}

/** The indicators of a report's path, or why the query was refused. */
export type ReportIndicatorsResult = { readonly ok: true; readonly indicators: ReportIndicators } | IndicatorQueryRejection;

/** Where the cases are counted: in a store's database, or over histories held in memory. */
export type ReportIndicatorCases = { readonly store: IndexedEventStore } | { readonly histories: Iterable<readonly RecordedEvent[]> };

/**
 * Counts a path's declared indicators for the report with the same engine as `countIndicators`:
 * for a store, its statements (in the database on PostgreSQL and PGlite); for histories held in
 * memory, the replay count the SQL is tested against. A history the path refuses on replay is left
 * out, as the report's charts leave it out. For a store, the cells are counted per organisation as
 * well and kept when the store holds more than one (`byOrganisation: true` keeps them always,
 * `false` never counts them); histories carry no organisation.
 *
 * @example
 * ```ts
 * const counted = await indicatorsForReport(workabilityPath, { store }, { from: '2025-01-01', to: '2025-12-31', by: 'quarter' });
 * if (counted.ok) await buildReport([{ definition: workabilityPath, indicators: counted.indicators }]);
 * ```
 */
export async function indicatorsForReport(
  definition: AnyPathDefinition,
  cases: ReportIndicatorCases,
  query: IndicatorQuery,
): Promise<ReportIndicatorsResult> {
  const checked = checkIndicatorQuery(query);
  if (!checked.ok) return checked;
  if ('store' in cases) {
    const totals = { ...checked.query, byOrganisation: false };
    const counted = await countIndicators(cases.store, [definition], totals);
    if (!counted.ok) return counted;
    const grouped =
      query.byOrganisation === false ? undefined : await countIndicators(cases.store, [definition], { ...totals, byOrganisation: true });
    if (grouped && !grouped.ok) return grouped;
    const several = grouped !== undefined && new Set(grouped.cells.map((cell) => cell.organisation)).size > 1;
    if (!grouped || !(several || query.byOrganisation === true)) return { ok: true, indicators: { query: totals, cells: counted.cells } };
    return { ok: true, indicators: { query: { ...totals, byOrganisation: true }, cells: counted.cells, byOrganisation: grouped.cells } };
  }
  const held: IndicatorCase[] = [];
  for (const history of cases.histories) {
    const replayed = replayCase(definition, history);
    if (!replayed.ok) continue;
    const last = history[history.length - 1]!;
    held.push({ pathId: definition.id, pathVersion: last.path.version, closed: replayed.case.state.status === 'closed', events: history });
  }
  const cells = (definition.indicators ?? []).flatMap((indicator) =>
    cellsFromRows(definition.id, indicator, indicatorRowsByReplay(indicator, held, checked.query), checked.query),
  );
  return { ok: true, indicators: { query: { ...checked.query, byOrganisation: false }, cells } };
}
