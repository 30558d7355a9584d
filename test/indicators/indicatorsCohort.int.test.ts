import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AnyPathDefinition, countIndicators, dateOf, type IndicatorCell, projectCase, simulateCohort } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { cellsFromRows } from '../../src/indicators/indicatorCells.js';
import { checkIndicatorQuery } from '../../src/indicators/indicatorPeriod.js';
import { type IndicatorCase, indicatorRowsByReplay } from '../../src/indicators/indicatorReplay.js';

// The demo cohort of every built-in path in PGlite: what the database counts equals what a replay
// of every case counts, and an outcome distribution equals the end reasons the replayed cases carry.
// The cases are spread over two organisations and the unassigned (every third case each), so the
// same holds per organisation: grouped by it, and on a store opened for one.
const clients = 400;
const seed = 1;
const query = { from: '2024-01-01', to: '2027-12-31', by: 'month' } as const;

// The distribution counts the cases closed within the query's dates (Helsinki), as the reference must.
const inRange = (closedCase: { at: string }) => dateOf(closedCase.at) >= query.from && dateOf(closedCase.at) <= query.to;

const organisations = ['county-a', 'county-b', null] as const;
let db: PGlite;
let store: PgliteStore;
const scoped = new Map<string, PgliteStore>();
const replayed = new Map<string, IndicatorCase[]>();
const outcomes = new Map<string, { at: string; version: number; outcome: string }[]>();

beforeAll(async () => {
  db = new PGlite();
  store = await createPgliteStore({ db });
  for (const organisation of organisations) if (organisation) scoped.set(organisation, await createPgliteStore({ db, organisation }));
  for (const definition of builtInPaths as readonly AnyPathDefinition[]) {
    const cohort = simulateCohort(definition, { clients, seed });
    const cases: IndicatorCase[] = [];
    const closedOutcomes: { at: string; version: number; outcome: string }[] = [];
    for (const [index, live] of cohort.cases.entries()) {
      const organisation = organisations[index % organisations.length]!;
      const writer = organisation === null ? store : scoped.get(organisation)!;
      const saved = await writer.append(live.caseId, live.history, { expectedSeq: 0, projection: projectCase(live) });
      if (!saved.ok) throw new Error(saved.failure.message);
      const last = live.history[live.history.length - 1]!;
      const isClosed = live.state.status === 'closed';
      cases.push({ pathId: definition.id, pathVersion: last.path.version, closed: isClosed, organisation, events: live.history });
      if (isClosed) closedOutcomes.push({ at: last.at, version: last.path.version, outcome: String(live.state.outcome) });
    }
    replayed.set(definition.id, cases);
    outcomes.set(definition.id, closedOutcomes);
  }
}, 600_000);

afterAll(async () => {
  for (const each of scoped.values()) await each.close();
  await store?.close();
  await db?.close();
});

it.each(builtInPaths.map((definition) => [definition.id, definition] as const))(
  '%s: every indicator counted in SQL equals the count over the replayed cases',
  async (_id, definition) => {
    const checked = checkIndicatorQuery(query);
    if (!checked.ok) throw new Error(checked.message);
    const counted = await countIndicators(store, [definition], query);
    if (!counted.ok) throw new Error(counted.message);
    const expected: IndicatorCell[] = [];
    for (const indicator of definition.indicators ?? []) {
      const rows = indicatorRowsByReplay(indicator, replayed.get(definition.id)!, checked.query);
      expected.push(...cellsFromRows(definition.id, indicator, rows, checked.query));
    }
    expect(counted.cells).toEqual(expected);
    // Not a vacuous match: each declared indicator counted some case.
    for (const indicator of definition.indicators ?? []) {
      expect(
        counted.cells.some((cell) => cell.indicatorId === indicator.id),
        indicator.id,
      ).toBe(true);
    }
  },
  120_000,
);

/** What a replay of the given cases counts for a query, cell by cell. */
function replayedCells(definition: AnyPathDefinition, cases: readonly IndicatorCase[], byOrganisation: boolean): IndicatorCell[] {
  const checked = checkIndicatorQuery({ ...query, byOrganisation });
  if (!checked.ok) throw new Error(checked.message);
  return (definition.indicators ?? []).flatMap((indicator) =>
    cellsFromRows(definition.id, indicator, indicatorRowsByReplay(indicator, cases, checked.query), checked.query),
  );
}

it.each(builtInPaths.map((definition) => [definition.id, definition] as const))(
  '%s: grouped by organisation, every indicator counted in SQL equals the replayed count per organisation',
  async (_id, definition) => {
    const counted = await countIndicators(store, [definition], { ...query, byOrganisation: true });
    if (!counted.ok) throw new Error(counted.message);
    expect(counted.cells).toEqual(replayedCells(definition, replayed.get(definition.id)!, true));
    // Not vacuous: every organisation, the unassigned too, has cells of its own (on a path with indicators).
    const expected = definition.indicators?.length ? organisations : [];
    expect(new Set(counted.cells.map((cell) => cell.organisation))).toEqual(new Set(expected));
  },
  120_000,
);

it.each(builtInPaths.map((definition) => [definition.id, definition] as const))(
  "%s: a store opened for an organisation counts what a replay of that organisation's cases counts",
  async (_id, definition) => {
    for (const [organisation, own] of scoped) {
      const counted = await countIndicators(own, [definition], query);
      if (!counted.ok) throw new Error(counted.message);
      const theirs = replayed.get(definition.id)!.filter((kase) => kase.organisation === organisation);
      expect(counted.cells, organisation).toEqual(replayedCells(definition, theirs, false));
      expect(counted.cells.length > 0).toBe(Boolean(definition.indicators?.length));
    }
  },
  120_000,
);

it.each(builtInPaths.map((definition) => [definition.id, definition] as const))(
  "%s: an outcome distribution's categories are the end reasons outcomeOf gives the replayed cases",
  async (_id, definition) => {
    const counted = await countIndicators(store, [definition], { ...query, by: 'year' });
    if (!counted.ok) throw new Error(counted.message);
    for (const indicator of definition.indicators ?? []) {
      if (indicator.kind !== 'distribution' || !indicator.outcomes) continue;
      const byOutcome: Record<string, number> = {};
      for (const closedCase of outcomes.get(definition.id)!.filter(inRange))
        byOutcome[closedCase.outcome] = (byOutcome[closedCase.outcome] ?? 0) + 1;
      const fromSql: Record<string, number> = {};
      for (const cell of counted.cells) {
        if (cell.indicatorId !== indicator.id || cell.kind !== 'distribution') continue;
        for (const [category, count] of Object.entries(cell.counts)) fromSql[category] = (fromSql[category] ?? 0) + count;
      }
      expect(fromSql).toEqual(byOutcome);
    }
  },
);
