import type { FhirCodeableConcept, FhirIdentifier, FhirPeriod } from '../fhir/fhirResources.js';
import type { PathIndicator } from '../path/indicator.js';
import type { Language } from '../path/label.js';
import { formatSource } from '../path/source.js';
import { addMonthsToDate } from '../time/calendar.js';
import type { IndicatorCell } from './indicatorQuery.js';

// The indicators as FHIR R4 Measure resources and their cells as MeasureReports. The criteria are
// the declarations themselves, as JSON in kykypolku's own expression language: the R4 binding of
// Expression.language is extensible, so a validator may warn that the code is not in its value set.

const scoringSystem = 'http://terminology.hl7.org/CodeSystem/measure-scoring';
const populationSystem = 'http://terminology.hl7.org/CodeSystem/measure-population';
/** The expression language of a Measure's criteria: a kykypolku indicator declaration as JSON. */
export const indicatorExpressionLanguage = 'application/x-kykypolku-indicator+json';

/** A Measure population or a MeasureReport population. */
interface FhirMeasurePopulation {
  readonly code: FhirCodeableConcept;
  readonly description?: string;
  readonly criteria?: { readonly language: string; readonly expression: string };
  readonly count?: number;
}

/** A FHIR R4 Measure: one indicator of a path. */
export interface FhirMeasure {
  readonly resourceType: 'Measure';
  readonly id: string;
  readonly url: string;
  readonly name: string;
  readonly title: string;
  readonly status: 'active';
  readonly description: string;
  readonly relatedArtifact: readonly { readonly type: 'citation'; readonly citation: string }[];
  readonly scoring: FhirCodeableConcept;
  readonly group: readonly {
    readonly code?: FhirCodeableConcept;
    readonly population: readonly FhirMeasurePopulation[];
    readonly stratifier?: readonly {
      readonly code?: FhirCodeableConcept;
      readonly criteria?: { readonly language: string; readonly expression: string };
      readonly component?: readonly {
        readonly code: FhirCodeableConcept;
        readonly criteria: { readonly language: string; readonly expression: string };
      }[];
    }[];
  }[];
}

/** One stratum of a MeasureReport's stratifier: a value (or components) and its populations. */
interface FhirStratum {
  readonly value?: FhirCodeableConcept;
  readonly component?: readonly { readonly code: FhirCodeableConcept; readonly value: FhirCodeableConcept }[];
  readonly population: readonly FhirMeasurePopulation[];
  readonly measureScore?: { readonly value: number };
}

/**
 * A FHIR R4 MeasureReport of type `summary`: one cell (indicator, period, path version), with its
 * organisations as an `organisation` stratifier when given them, or one organisation's cell with
 * that organisation as the `reporter`.
 */
export interface FhirMeasureReport {
  readonly resourceType: 'MeasureReport';
  readonly identifier: readonly FhirIdentifier[];
  readonly status: 'complete';
  readonly type: 'summary';
  readonly measure: string;
  readonly period: FhirPeriod;
  /** One organisation's cell: the organisation (data controller) whose cases it counts. */
  readonly reporter?: { readonly identifier: FhirIdentifier };
  readonly group: readonly {
    readonly code?: FhirCodeableConcept;
    readonly population: readonly FhirMeasurePopulation[];
    readonly measureScore?: { readonly value: number };
    readonly stratifier?: readonly {
      readonly code: readonly FhirCodeableConcept[];
      readonly stratum: readonly FhirStratum[];
    }[];
  }[];
}

/** The identifier system of an organisation code in the indicators' FHIR resources. */
export const organisationIdentifierSystem = 'urn:kykypolku:organisation';

/** Options of {@link toFhirMeasureReport}. */
export interface MeasureReportOptions {
  /**
   * Cells counted `byOrganisation`: those of the report's path, indicator, period and version become
   * the strata of its `organisation` stratifier (the unassigned as the text `unassigned`).
   */
  readonly byOrganisation?: readonly IndicatorCell[];
}

/** The canonical URL of an indicator's Measure: `urn:kykypolku:indicator:<path>:<indicator>`. */
export function measureUrl(pathId: string, indicatorId: string): string {
  return `urn:kykypolku:indicator:${pathId}:${indicatorId}`;
}

const population = (code: string, extra: Partial<FhirMeasurePopulation> = {}): FhirMeasurePopulation => ({
  code: { coding: [{ system: populationSystem, code }] },
  ...extra,
});

const criteria = (value: unknown) => ({ language: indicatorExpressionLanguage, expression: JSON.stringify(value) });

function computableName(indicatorId: string): string {
  return indicatorId
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/**
 * An indicator of a path as a FHIR R4 `Measure`: the name and definition in one language, the seed
 * line as a citation, the scoring (`proportion` for a share, `cohort` with a category stratifier for
 * a distribution, `continuous-variable` per key for a change) and the declaration as its criteria.
 *
 * @example
 * ```ts
 * const measure = toFhirMeasure('workability-path', workabilityPath.indicators![0]!, 'fi');
 * measure.scoring.coding?.[0]?.code; // 'proportion'
 * ```
 */
export function toFhirMeasure(pathId: string, indicator: PathIndicator, lang: Language): FhirMeasure {
  const scoring = indicator.kind === 'share' ? 'proportion' : indicator.kind === 'distribution' ? 'cohort' : 'continuous-variable';
  const byOrganisation = { code: { text: 'organisation' }, criteria: criteria({ stratifyBy: 'organisation' }) };
  const initial = population('initial-population', {
    description: indicator.definition[lang],
    criteria: criteria({ period: indicator.period }),
  });
  const group =
    indicator.kind === 'share'
      ? [
          {
            population: [
              initial,
              population('denominator', { criteria: criteria({ denominator: indicator.denominator ?? null }) }),
              population('numerator', { criteria: criteria({ numerator: indicator.numerator }) }),
            ],
            stratifier: [byOrganisation],
          },
        ]
      : indicator.kind === 'distribution'
        ? [
            {
              population: [initial],
              stratifier: [
                { code: { text: 'category' }, criteria: criteria({ categories: indicator.categories }) },
                byOrganisation,
                // A stratifier of components has no code of its own (mea-1): its components name it.
                {
                  component: [
                    { code: { text: 'category' }, criteria: criteria({ categories: indicator.categories }) },
                    { code: { text: 'organisation' }, criteria: criteria({ stratifyBy: 'organisation' }) },
                  ],
                },
              ],
            },
          ]
        : indicator.scores.keys.map((key) => ({
            code: { text: key },
            population: [
              { ...initial, criteria: criteria({ period: indicator.period, from: indicator.from, to: indicator.to }) },
              population('measure-population', { criteria: criteria({ scores: indicator.scores.field, key }) }),
              population('measure-observation', { criteria: criteria({ change: key }) }),
            ],
            stratifier: [byOrganisation],
          }));
  return {
    resourceType: 'Measure',
    id: `${pathId}.${indicator.id}`.slice(0, 64),
    url: measureUrl(pathId, indicator.id),
    name: computableName(indicator.id),
    title: indicator.name[lang],
    status: 'active',
    description: indicator.definition[lang],
    relatedArtifact: [{ type: 'citation', citation: formatSource(indicator.source) }],
    scoring: { coding: [{ system: scoringSystem, code: scoring }] },
    group,
  };
}

/** The first and last day of a period `2025-03`, `2025-Q1` or `2025`. */
function periodDates(period: string): FhirPeriod {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  const start = quarter
    ? `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`
    : period.length === 4
      ? `${period}-01-01`
      : `${period}-01`;
  const months = quarter ? 3 : period.length === 4 ? 12 : 1;
  const next = addMonthsToDate(start, months);
  const end = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { start, end };
}

/** An organisation as a stratum value: its code, or the text `unassigned` for cases without one. */
function organisationConcept(organisation: string | null | undefined): FhirCodeableConcept {
  return organisation == null
    ? { text: 'unassigned' }
    : { coding: [{ system: organisationIdentifierSystem, code: organisation }], text: organisation };
}

const shareScore = (numerator: number, denominator: number) =>
  denominator > 0 ? { measureScore: { value: numerator / denominator } } : {};

const sharePopulations = (numerator: number, denominator: number) => [
  population('initial-population', { count: denominator }),
  population('denominator', { count: denominator }),
  population('numerator', { count: numerator }),
];

/** A stratifier over the organisation cells of a report, one stratum each. */
function organisationStratifier(parts: readonly IndicatorCell[], stratum: (cell: IndicatorCell) => Omit<FhirStratum, 'value'>) {
  return {
    code: [{ text: 'organisation' }],
    stratum: parts.map((cell) => ({ value: organisationConcept(cell.organisation), ...stratum(cell) })),
  };
}

/**
 * One indicator cell as a FHIR R4 `MeasureReport` (type `summary`) of its Measure: the period's
 * first and last day, the counts as populations and, for a share, the proportion as the score. The
 * path version and period are in the identifier (`<path>/<indicator>/<period>/v<version>`). Given
 * the cells counted `byOrganisation`, each group gets an `organisation` stratifier with a stratum
 * per organisation (a distribution also one by category and organisation, in components); a cell counted by
 * organisation on its own names its organisation as the `reporter` and in the identifier.
 *
 * @example
 * ```ts
 * const report = toFhirMeasureReport(cell);
 * report.measure; // 'urn:kykypolku:indicator:workability-path:access-within-one-month'
 * const grouped = await countIndicators(store, [workabilityPath], { from: '2025-01-01', to: '2025-12-31', byOrganisation: true });
 * const stratified = toFhirMeasureReport(cell, { byOrganisation: grouped.ok ? grouped.cells : [] });
 * stratified.group[0]?.stratifier?.[0]?.code[0]?.text; // 'organisation' (for a share)
 * ```
 */
export function toFhirMeasureReport(cell: IndicatorCell, options: MeasureReportOptions = {}): FhirMeasureReport {
  const own = `${cell.pathId}/${cell.indicatorId}/${cell.period}/v${cell.pathVersion}`;
  const organisation = cell.organisation === undefined ? '' : `/organisation/${cell.organisation ?? 'unassigned'}`;
  const parts = (options.byOrganisation ?? []).filter(
    (part) =>
      part.organisation !== undefined &&
      part.pathId === cell.pathId &&
      part.indicatorId === cell.indicatorId &&
      part.period === cell.period &&
      part.pathVersion === cell.pathVersion,
  );
  const common = {
    resourceType: 'MeasureReport' as const,
    identifier: [{ system: 'urn:kykypolku:indicator-cell', value: `${own}${organisation}` }],
    status: 'complete' as const,
    type: 'summary' as const,
    measure: measureUrl(cell.pathId, cell.indicatorId),
    period: periodDates(cell.period),
    ...(typeof cell.organisation === 'string'
      ? { reporter: { identifier: { system: organisationIdentifierSystem, value: cell.organisation } } }
      : {}),
  };
  if (cell.kind === 'share') {
    const strata = organisationStratifier(parts, (part) =>
      part.kind === 'share'
        ? { population: sharePopulations(part.numerator, part.denominator), ...shareScore(part.numerator, part.denominator) }
        : { population: [] },
    );
    return {
      ...common,
      group: [
        {
          population: sharePopulations(cell.numerator, cell.denominator),
          ...shareScore(cell.numerator, cell.denominator),
          ...(parts.length > 0 ? { stratifier: [strata] } : {}),
        },
      ],
    };
  }
  if (cell.kind === 'distribution') {
    const byCategory = {
      code: [{ text: 'category' }],
      stratum: Object.entries(cell.counts).map(([category, count]) => ({
        value: { text: category },
        population: [population('initial-population', { count })],
      })),
    };
    const byOrganisation = organisationStratifier(parts, (part) => ({
      population: [population('initial-population', { count: part.kind === 'distribution' ? part.total : 0 })],
    }));
    const byBoth = {
      code: [{ text: 'category' }, { text: 'organisation' }],
      stratum: parts.flatMap((part) =>
        Object.entries(part.kind === 'distribution' ? part.counts : {}).map(([category, count]) => ({
          component: [
            { code: { text: 'category' }, value: { text: category } },
            { code: { text: 'organisation' }, value: organisationConcept(part.organisation) },
          ],
          population: [population('initial-population', { count })],
        })),
      ),
    };
    return {
      ...common,
      group: [
        {
          population: [population('initial-population', { count: cell.total })],
          stratifier: parts.length > 0 ? [byCategory, byOrganisation, byBoth] : [byCategory],
        },
      ],
    };
  }
  return {
    ...common,
    group: Object.entries(cell.byKey).map(([key, entry]) => {
      const byOrganisation = organisationStratifier(parts, (part) => {
        const own = part.kind === 'change' ? part.byKey[key] : undefined;
        return {
          population: [
            population('initial-population', { count: part.kind === 'change' ? part.cases : 0 }),
            population('measure-population', { count: own?.cases ?? 0 }),
          ],
          ...(own?.meanChange == null ? {} : { measureScore: { value: own.meanChange } }),
        };
      });
      return {
        code: { text: key },
        population: [population('initial-population', { count: cell.cases }), population('measure-population', { count: entry.cases })],
        ...(entry.meanChange === null ? {} : { measureScore: { value: entry.meanChange } }),
        ...(parts.length > 0 ? { stratifier: [byOrganisation] } : {}),
      };
    }),
  };
}
