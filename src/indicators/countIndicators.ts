import type { RecordedEvent } from '../path/recordedEvent.js';
import type { CaseSummary } from '../store/caseIndex.js';
import type { IndexedEventStore } from '../store/eventStore.js';
import type { EveryCaseSummary, OrganisedCaseSummary } from '../store/memoryStore.js';
import type { AggregateStatement } from '../store/postgres/sqlEventStore.js';
import { type IndicatorRow, cellsFromRows } from './indicatorCells.js';
import { checkIndicatorQuery, type IndicatorQueryRejection } from './indicatorPeriod.js';
import type { IndicatorCell, IndicatorPath, IndicatorQuery } from './indicatorQuery.js';
import { type IndicatorCase, indicatorRowsByReplay } from './indicatorReplay.js';
import { indicatorStatement } from './indicatorSql.js';

/** A store the database counts in: the SQL stores have `aggregate`. */
interface AggregatingStore {
  aggregate<TRow>(build: AggregateStatement): Promise<readonly TRow[]>;
}

function aggregates(store: IndexedEventStore): store is IndexedEventStore & AggregatingStore {
  return typeof (store as Partial<AggregatingStore>).aggregate === 'function';
}

/** The cells of every indicator asked for, or why the query was refused. */
export type IndicatorCountResult = { readonly ok: true; readonly cells: readonly IndicatorCell[] } | IndicatorQueryRejection;

/**
 * Counts the declared indicators of the given paths over a store: on the PostgreSQL and PGlite
 * stores in the database (one statement per indicator, over the case rows and events), on the
 * memory store by going through its events once. The case rows must be current (after appends
 * made without a projection, run `rebuildProjections` first): they say which version a case is
 * on and whether it is closed. A store opened for an organisation counts that organisation's
 * cases only; `byOrganisation: true` gives one cell per organisation as well.
 *
 * @example
 * ```ts
 * const counted = await countIndicators(store, builtInPaths, { from: '2025-01-01', to: '2025-12-31', by: 'quarter' });
 * if (counted.ok) for (const cell of counted.cells) console.log(cell.indicatorId, cell.period, cell.kind);
 * ```
 */
export async function countIndicators(
  store: IndexedEventStore,
  paths: readonly IndicatorPath[],
  query: IndicatorQuery,
): Promise<IndicatorCountResult> {
  const checked = checkIndicatorQuery(query);
  if (!checked.ok) return checked;
  const cells: IndicatorCell[] = [];
  const unique = uniqueById(paths);
  if (checked.query.byOrganisation && !aggregates(store) && !listsEveryCase(store)) return organisationsUnknown;
  const held = aggregates(store)
    ? undefined
    : await casesInMemory(
        store,
        unique.map((path) => path.id),
      );
  for (const path of unique) {
    for (const indicator of path.indicators ?? []) {
      const rows = held
        ? indicatorRowsByReplay(indicator, held.get(path.id) ?? [], checked.query)
        : await (store as IndexedEventStore & AggregatingStore).aggregate<IndicatorRow>(({ organisation }) =>
            indicatorStatement(path.id, indicator, checked.query, organisation),
          );
      cells.push(...cellsFromRows(path.id, indicator, rows, checked.query));
    }
  }
  return { ok: true, cells };
}

const organisationsUnknown: IndicatorQueryRejection = {
  ok: false,
  code: 'INVALID_INDICATOR_QUERY',
  field: 'byOrganisation',
  message: 'byOrganisation needs a store that knows each case’s organisation (the PostgreSQL, PGlite or memory store)',
};

function listsEveryCase(store: IndexedEventStore): store is IndexedEventStore & EveryCaseSummary {
  return typeof (store as Partial<EveryCaseSummary>).caseSummaries === 'function';
}

/** A catalogue may hold several versions of one path: their indicators are counted once, the latest's. */
function uniqueById(paths: readonly IndicatorPath[]): IndicatorPath[] {
  const byId = new Map<string, IndicatorPath>();
  for (const path of paths) if (!byId.has(path.id)) byId.set(path.id, path);
  return [...byId.values()];
}

/**
 * The case rows of a store counted outside SQL: every one, from the memory store's unpaged read;
 * from another host store, what listCases gives at most (10 000 of each path and status).
 */
async function caseRowsOf(store: IndexedEventStore, pathIds: readonly string[]): Promise<Map<string, CaseSummary | OrganisedCaseSummary>> {
  const rows = new Map<string, CaseSummary | OrganisedCaseSummary>();
  if (listsEveryCase(store)) {
    for await (const summary of store.caseSummaries()) rows.set(summary.caseId, summary);
    return rows;
  }
  for (const pathId of pathIds)
    for (const status of ['open', 'closed'] as const)
      for (const summary of await store.listCases({ pathId, status, limit: 10_000 })) rows.set(summary.caseId, summary);
  return rows;
}

async function casesInMemory(store: IndexedEventStore, pathIds: readonly string[]): Promise<Map<string, IndicatorCase[]>> {
  const summaries = await caseRowsOf(store, pathIds);
  const histories = new Map<string, RecordedEvent[]>();
  for await (const event of store.readAll()) {
    const history = histories.get(event.caseId);
    if (history) history.push(event);
    else histories.set(event.caseId, [event]);
  }
  const byPath = new Map<string, IndicatorCase[]>();
  for (const [caseId, events] of histories) {
    const summary = summaries.get(caseId);
    if (summary === undefined) continue;
    const kase: IndicatorCase = {
      pathId: summary.pathId,
      pathVersion: summary.pathVersion,
      closed: summary.status === 'closed',
      organisation: 'organisation' in summary ? (summary.organisation ?? null) : null,
      events,
    };
    const list = byPath.get(summary.pathId);
    if (list) list.push(kase);
    else byPath.set(summary.pathId, [kase]);
  }
  return byPath;
}
