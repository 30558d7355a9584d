import type { EventMatch, PathIndicator } from '../path/indicator.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { addMonths, dateOf } from '../time/calendar.js';
import type { IndicatorRow } from './indicatorCells.js';
import type { CheckedIndicatorQuery } from './indicatorQuery.js';
import { periodOf } from './indicatorPeriod.js';

// The same count as indicatorSql.ts, over histories held in memory: for the memory store, and as
// the reference the SQL is tested against. Each rule here mirrors one clause there.

/**
 * What the count needs to know of a case: its events in order, the version it is on, whether it is
 * closed, and (to group by it) the organisation it belongs to.
 */
export interface IndicatorCase {
  readonly pathId: string;
  readonly pathVersion: number;
  readonly closed: boolean;
  /** The case's organisation (data controller); `null` or absent: none, the administrator's. */
  readonly organisation?: string | null;
  readonly events: readonly RecordedEvent[];
}

const millis = (instant: string) => Date.parse(instant);

function matches(event: RecordedEvent, match: EventMatch): boolean {
  if (event.type !== match.type) return false;
  if (match.where === undefined) return true;
  const value = event.payload[match.where.field];
  return value !== undefined && value !== null && match.where.equals.map(String).includes(String(value));
}

/** The earliest instant among the matching events (by time, as SQL's min does), or undefined. */
function firstInstant(events: readonly RecordedEvent[], match: EventMatch): string | undefined {
  let first: string | undefined;
  for (const event of events) if (matches(event, match) && (first === undefined || millis(event.at) < millis(first))) first = event.at;
  return first;
}

function instantOf(indicator: PathIndicator, kase: IndicatorCase): string | undefined {
  const basis = indicator.period;
  if (basis.by === 'contact') return kase.events.find((event) => event.seq === 1)?.at;
  if (basis.by === 'closing') return kase.closed ? kase.events[kase.events.length - 1]?.at : undefined;
  return firstInstant(kase.events, basis.event);
}

function roundHalfAway(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 100 + 1e-9)) / 100;
}

/**
 * Counts one indicator over cases held in memory, in the rows the SQL statement gives.
 *
 * @internal
 */
export function indicatorRowsByReplay(
  indicator: PathIndicator,
  cases: readonly IndicatorCase[],
  query: CheckedIndicatorQuery,
): IndicatorRow[] {
  type Entry = { period: string; version: number; organisation: string | null; values: number[]; mean?: number[] };
  const cells = new Map<string, Map<string, Entry>>();
  let organisation: string | null = null;
  const add = (period: string, version: number, sub: string, values: number[], change?: number) => {
    const key = `${period}\u0000${version}\u0000${organisation ?? ''}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = new Map();
      cells.set(key, cell);
    }
    let entry = cell.get(sub);
    if (!entry) {
      entry = { period, version, organisation, values: values.map(() => 0), mean: [] };
      cell.set(sub, entry);
    }
    for (const [index, value] of values.entries()) entry.values[index] = (entry.values[index] ?? 0) + value;
    if (change !== undefined) entry.mean!.push(change);
  };
  for (const kase of cases) {
    const instant = instantOf(indicator, kase);
    if (instant === undefined) continue;
    const date = dateOf(instant);
    if (date < query.from || date > query.to) continue;
    const period = periodOf(instant, query.by);
    const version = kase.pathVersion;
    organisation = query.byOrganisation ? (kase.organisation ?? null) : null;
    if (indicator.kind === 'share') {
      if (indicator.denominator && !kase.events.some((event) => matches(event, indicator.denominator!))) continue;
      const hit = firstInstant(kase.events, indicator.numerator);
      const within = indicator.numerator.withinMonths;
      const counted = hit !== undefined && (within === undefined || millis(hit) <= millis(addMonths(instant, within)));
      add(period, version, '', [1, counted ? 1 : 0]);
    } else if (indicator.kind === 'distribution') {
      const category = categoryOf(indicator.categories, kase.events);
      if (category !== undefined) add(period, version, category, [1]);
    } else {
      const from = kase.events.find((event) => matches(event, indicator.from));
      const to = kase.events.findLast((event) => matches(event, indicator.to));
      const fromScores = from?.payload[indicator.scores.field] as Record<string, unknown> | undefined;
      const toScores = to?.payload[indicator.scores.field] as Record<string, unknown> | undefined;
      if (fromScores == null || toScores == null) continue;
      for (const key of indicator.scores.keys) {
        const before = fromScores[key];
        const after = toScores[key];
        const both = typeof before === 'number' && typeof after === 'number';
        add(period, version, key, [1, both ? 1 : 0], both ? after - before : undefined);
      }
    }
  }
  const rows: IndicatorRow[] = [];
  for (const cell of cells.values()) {
    for (const [sub, entry] of cell) {
      const common = {
        period: entry.period,
        path_version: entry.version,
        ...(query.byOrganisation ? { organisation: entry.organisation } : {}),
      };
      if (indicator.kind === 'share') rows.push({ ...common, denominator: entry.values[0]!, numerator: entry.values[1]! });
      else if (indicator.kind === 'distribution') rows.push({ ...common, category: sub, cases: entry.values[0]! });
      else {
        const changes = entry.mean!;
        const mean = changes.length === 0 ? null : roundHalfAway(changes.reduce((sum, change) => sum + change, 0) / changes.length);
        rows.push({
          ...common,
          key: sub,
          with_both: entry.values[0]!,
          cases: entry.values[1]!,
          mean_change: mean === null ? null : String(mean),
        });
      }
    }
  }
  return rows;
}

function categoryOf(
  categories: Extract<PathIndicator, { kind: 'distribution' }>['categories'],
  events: readonly RecordedEvent[],
): string | undefined {
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index]!;
    const source = categories.find((candidate) => matches(event, candidate.event));
    if (source === undefined) continue;
    if (source.field === undefined) return source.category;
    const value = event.payload[source.field];
    // SQL's ->> gives NULL for a missing field: the case then has no category.
    return value === undefined || value === null ? undefined : String(value);
  }
  return undefined;
}
