import type { RecordedEvent } from '../path/recordedEvent.js';
import type { IndexedEventStore } from '../store/eventStore.js';
import { type IndicatorRow, cellsFromRows } from './indicatorCells.js';
import { checkIndicatorQuery, type IndicatorQueryRejection } from './indicatorPeriod.js';
import type { IndicatorCell, IndicatorPath, IndicatorQuery } from './indicatorQuery.js';
import { type IndicatorCase, indicatorRowsByReplay } from './indicatorReplay.js';
import { indicatorStatement } from './indicatorSql.js';

/** A store the database counts in: the SQL stores have `aggregate`. */
interface AggregatingStore {
  aggregate<TRow>(statement: { readonly text: string; readonly values: readonly unknown[] }): Promise<readonly TRow[]>;
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
 * on and whether it is closed.
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
  const held = aggregates(store) ? undefined : await casesInMemory(store);
  for (const path of uniqueById(paths)) {
    for (const indicator of path.indicators ?? []) {
      const rows = held
        ? indicatorRowsByReplay(indicator, held.get(path.id) ?? [], checked.query)
        : await (store as IndexedEventStore & AggregatingStore).aggregate<IndicatorRow>(
            indicatorStatement(path.id, indicator, checked.query),
          );
      cells.push(...cellsFromRows(path.id, indicator, rows, checked.query));
    }
  }
  return { ok: true, cells };
}

/** A catalogue may hold several versions of one path: their indicators are counted once, the latest's. */
function uniqueById(paths: readonly IndicatorPath[]): IndicatorPath[] {
  const byId = new Map<string, IndicatorPath>();
  for (const path of paths) if (!byId.has(path.id)) byId.set(path.id, path);
  return [...byId.values()];
}

async function casesInMemory(store: IndexedEventStore): Promise<Map<string, IndicatorCase[]>> {
  const summaries = new Map((await store.listCases()).map((summary) => [summary.caseId, summary]));
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
    const kase: IndicatorCase = { pathId: summary.pathId, pathVersion: summary.pathVersion, closed: summary.status === 'closed', events };
    const list = byPath.get(summary.pathId);
    if (list) list.push(kase);
    else byPath.set(summary.pathId, [kase]);
  }
  return byPath;
}
