import type { EventMatch, IndicatorPeriodBasis, PathIndicator } from '../path/indicator.js';
import { serviceTimeZone } from '../time/calendar.js';
import type { CheckedIndicatorQuery, IndicatorPeriodUnit } from './indicatorQuery.js';

// One statement per indicator over the case rows and the events: the case rows give the path, the
// version a case is on and whether it is closed; the events, read in one pass filtered by type, give
// the instants and payload values. Event types and values go as parameters; field names and
// keys are written into the text, which definePath allows only as plain names (validateIndicators).

/** A statement and its parameters. @internal */
export interface IndicatorStatement {
  readonly text: string;
  readonly values: readonly unknown[];
}

class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const local = (instant: string) => `(${instant} AT TIME ZONE '${serviceTimeZone}')`;

const periodFormats: Record<IndicatorPeriodUnit, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

function matchSql(match: EventMatch, parameters: Parameters): string {
  const type = `e.type = ${parameters.add(match.type)}`;
  if (match.where === undefined) return `(${type})`;
  const values = parameters.add(match.where.equals.map(String));
  return `(${type} AND e.payload->>'${match.where.field}' = ANY(${values}::text[]))`;
}

/** The events a statement needs to see of each case: the first one, or those of the types it names. */
function relevantRows(basis: IndicatorPeriodBasis, types: readonly string[], parameters: Parameters): string {
  const byType = `e.type = ANY(${parameters.add([...new Set(types)])}::text[])`;
  return basis.by === 'contact' ? `(e.seq = 1 OR ${byType})` : byType;
}

function instantSql(basis: IndicatorPeriodBasis, parameters: Parameters): string {
  if (basis.by === 'contact') return 'min(e.at_instant) FILTER (WHERE e.seq = 1)';
  if (basis.by === 'closing') return 'min(c.last_event_at)::timestamptz';
  return `min(e.at_instant) FILTER (WHERE ${matchSql(basis.event, parameters)})`;
}

function typesOf(indicator: PathIndicator): string[] {
  const basis = indicator.period.by === 'event' ? [indicator.period.event.type] : [];
  switch (indicator.kind) {
    case 'share':
      return [...basis, indicator.numerator.type, ...(indicator.denominator ? [indicator.denominator.type] : [])];
    case 'distribution':
      return [...basis, ...indicator.categories.map((source) => source.event.type)];
    case 'change':
      return [...basis, indicator.from.type, indicator.to.type];
  }
}

/** The per-case columns and the outer select of each kind. */
function kindSql(indicator: PathIndicator, parameters: Parameters): { perCase: string; outer: string; where: string; group: string } {
  switch (indicator.kind) {
    case 'share': {
      const counted = indicator.denominator ? `bool_or(${matchSql(indicator.denominator, parameters)})` : 'true';
      const within = indicator.numerator.withinMonths;
      const hit =
        within === undefined
          ? 'first_hit IS NOT NULL'
          : `first_hit <= (${local('instant')} + make_interval(months => ${parameters.add(within)}::int))` +
            ` AT TIME ZONE '${serviceTimeZone}'`;
      return {
        perCase:
          `coalesce(${counted}, false) AS counted, ` +
          `min(e.at_instant) FILTER (WHERE ${matchSql(indicator.numerator, parameters)}) AS first_hit`,
        outer: `count(*)::int AS denominator, count(*) FILTER (WHERE ${hit})::int AS numerator`,
        where: 'AND counted',
        group: '',
      };
    }
    case 'distribution': {
      const matches = indicator.categories.map((source) => matchSql(source.event, parameters));
      const values = indicator.categories.map((source, index) =>
        source.field !== undefined
          ? `WHEN ${matches[index]} THEN e.payload->>'${source.field}'`
          : `WHEN ${matches[index]} THEN ${parameters.add(source.category)}::text`,
      );
      return {
        perCase: `(array_agg(CASE ${values.join(' ')} END ORDER BY e.seq DESC) FILTER (WHERE ${matches.join(' OR ')}))[1] AS category`,
        outer: 'category, count(*)::int AS cases',
        where: 'AND category IS NOT NULL',
        group: ', category',
      };
    }
    case 'change': {
      const field = indicator.scores.field;
      const both = `jsonb_typeof(from_scores->k.key) = 'number' AND jsonb_typeof(to_scores->k.key) = 'number'`;
      return {
        perCase:
          `(array_agg(e.payload->'${field}' ORDER BY e.seq) FILTER (WHERE ${matchSql(indicator.from, parameters)}))[1] AS from_scores, ` +
          `(array_agg(e.payload->'${field}' ORDER BY e.seq DESC) FILTER (WHERE ${matchSql(indicator.to, parameters)}))[1] AS to_scores`,
        outer:
          `k.key, count(*)::int AS with_both, count(*) FILTER (WHERE ${both})::int AS cases, ` +
          `round(avg((to_scores->>k.key)::numeric - (from_scores->>k.key)::numeric) FILTER (WHERE ${both}), 2)::text AS mean_change`,
        where: `AND from_scores IS NOT NULL AND to_scores IS NOT NULL`,
        group: ', k.key',
      };
    }
  }
}

/**
 * How the rows are kept to an organisation and grouped by it: the case rows' `organisation` column
 * in the per-case select, its filter when the store is scoped, the outer select's column and group
 * key. Unscoped and ungrouped, the statement is the one it was before organisations.
 */
function organisationSql(query: CheckedIndicatorQuery, organisation: string | undefined, parameters: Parameters) {
  const scoped = organisation === undefined ? '' : ` AND c.organisation = ${parameters.add(organisation)}::text`;
  if (!query.byOrganisation) return { scoped, column: '', group: '', outer: '' };
  return { scoped, column: ', c.organisation', group: ', 3', outer: ', organisation' };
}

/**
 * The statement that counts one indicator of a path for a checked query; for a store opened for
 * an organisation, over that organisation's cases only (on a server, row-level security holds the
 * role to its organisations as well; this keeps a store to the one it was opened for).
 *
 * @internal
 */
export function indicatorStatement(
  pathId: string,
  indicator: PathIndicator,
  query: CheckedIndicatorQuery,
  organisation?: string,
): IndicatorStatement {
  if (indicator.kind === 'distribution' && indicator.period.by === 'closing')
    return closedDistributionStatement(pathId, indicator, query, organisation);
  const parameters = new Parameters();
  const path = parameters.add(pathId);
  const from = parameters.add(query.from);
  const to = parameters.add(query.to);
  const inRange = (instant: string) => `${local(instant)}::date BETWEEN ${from}::date AND ${to}::date`;
  const closing = indicator.period.by === 'closing';
  const instant = instantSql(indicator.period, parameters);
  const rows = relevantRows(indicator.period, typesOf(indicator), parameters);
  const kind = kindSql(indicator, parameters);
  const keys = indicator.kind === 'change' ? ` CROSS JOIN unnest(${parameters.add([...indicator.scores.keys])}::text[]) AS k(key)` : '';
  // A closed case is counted at its last event. Only the status narrows the case rows here: the
  // planner cannot estimate a range over the cast text instant, and with it (1 row expected, 48 000
  // found among 100 000 cases) chose an index probe per case, 1.8 s instead of one hash join; the
  // range is applied once, outside.
  const closedOnly = closing ? ` AND c.status = 'closed'` : '';
  const org = organisationSql(query, organisation, parameters);
  const text =
    `/* kykypolku:indicator:${pathId}/${indicator.id} */ ` +
    `SELECT to_char(${local('instant')}, '${periodFormats[query.by]}') AS period, path_version${org.outer}, ${kind.outer} FROM (` +
    `SELECT c.case_id, c.path_version${org.column}, ${instant} AS instant, ${kind.perCase} ` +
    `FROM kykypolku_cases c LEFT JOIN kykypolku_events e ON e.case_id = c.case_id AND ${rows} ` +
    `WHERE c.path_id = ${path}${closedOnly}${org.scoped} GROUP BY c.case_id, c.path_version${org.column}` +
    `) per_case${keys} WHERE instant IS NOT NULL AND ${inRange('instant')} ${kind.where} ` +
    `GROUP BY 1, 2${org.group}${kind.group} ORDER BY 1, 2${org.group}${kind.group}`;
  return { text, values: parameters.values };
}

/**
 * A distribution of closed cases: the last matching event of each case by DISTINCT ON over the
 * matching events only, joined to the closed case rows. (The general form's ordered array_agg
 * sorted every event of every case: 1.3 s on 100 000 cases, against one sort of the matches.)
 */
function closedDistributionStatement(
  pathId: string,
  indicator: Extract<PathIndicator, { kind: 'distribution' }>,
  query: CheckedIndicatorQuery,
  organisation: string | undefined,
): IndicatorStatement {
  const parameters = new Parameters();
  const path = parameters.add(pathId);
  const from = parameters.add(query.from);
  const to = parameters.add(query.to);
  const org = organisationSql(query, organisation, parameters);
  // Scoped, the matching events are the organisation's too: the sort leaves the others' out.
  const scopedEvents = org.scoped.replace('c.organisation', 'e.organisation');
  const matches = indicator.categories.map((source) => matchSql(source.event, parameters));
  const values = indicator.categories.map((source, index) =>
    source.field !== undefined
      ? `WHEN ${matches[index]} THEN e.payload->>'${source.field}'`
      : `WHEN ${matches[index]} THEN ${parameters.add(source.category)}::text`,
  );
  const instant = 'c.last_event_at::timestamptz';
  const text =
    `/* kykypolku:indicator:${pathId}/${indicator.id} */ ` +
    `SELECT to_char(${local(instant)}, '${periodFormats[query.by]}') AS period, c.path_version${org.column}, last.category, ` +
    `count(*)::int AS cases FROM kykypolku_cases c JOIN (` +
    `SELECT DISTINCT ON (e.case_id) e.case_id, CASE ${values.join(' ')} END AS category FROM kykypolku_events e ` +
    `WHERE e.path_id = ${path}${scopedEvents} AND (${matches.join(' OR ')}) ORDER BY e.case_id, e.seq DESC` +
    `) last ON last.case_id = c.case_id ` +
    `WHERE c.path_id = ${path} AND c.status = 'closed'${org.scoped} AND last.category IS NOT NULL ` +
    `AND ${local(instant)}::date BETWEEN ${from}::date AND ${to}::date ` +
    `GROUP BY 1, 2${org.group}, ${org.group ? 4 : 3} ORDER BY 1, 2${org.group}, ${org.group ? 4 : 3}`;
  return { text, values: parameters.values };
}
