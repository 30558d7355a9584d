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
      readonly code: FhirCodeableConcept;
      readonly criteria: { readonly language: string; readonly expression: string };
    }[];
  }[];
}

/** A FHIR R4 MeasureReport of type `summary`: one cell (indicator, period, path version). */
export interface FhirMeasureReport {
  readonly resourceType: 'MeasureReport';
  readonly identifier: readonly FhirIdentifier[];
  readonly status: 'complete';
  readonly type: 'summary';
  readonly measure: string;
  readonly period: FhirPeriod;
  readonly group: readonly {
    readonly code?: FhirCodeableConcept;
    readonly population: readonly FhirMeasurePopulation[];
    readonly measureScore?: { readonly value: number };
    readonly stratifier?: readonly {
      readonly code: readonly FhirCodeableConcept[];
      readonly stratum: readonly { readonly value: FhirCodeableConcept; readonly population: readonly FhirMeasurePopulation[] }[];
    }[];
  }[];
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
          },
        ]
      : indicator.kind === 'distribution'
        ? [
            {
              population: [initial],
              stratifier: [{ code: { text: 'category' }, criteria: criteria({ categories: indicator.categories }) }],
            },
          ]
        : indicator.scores.keys.map((key) => ({
            code: { text: key },
            population: [
              { ...initial, criteria: criteria({ period: indicator.period, from: indicator.from, to: indicator.to }) },
              population('measure-population', { criteria: criteria({ scores: indicator.scores.field, key }) }),
              population('measure-observation', { criteria: criteria({ change: key }) }),
            ],
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

/**
 * One indicator cell as a FHIR R4 `MeasureReport` (type `summary`) of its Measure: the period's
 * first and last day, the counts as populations and, for a share, the proportion as the score. The
 * path version and period are in the identifier (`<path>/<indicator>/<period>/v<version>`).
 *
 * @example
 * ```ts
 * const report = toFhirMeasureReport(cell);
 * report.measure; // 'urn:kykypolku:indicator:workability-path:access-within-one-month'
 * ```
 */
export function toFhirMeasureReport(cell: IndicatorCell): FhirMeasureReport {
  const common = {
    resourceType: 'MeasureReport' as const,
    identifier: [
      { system: 'urn:kykypolku:indicator-cell', value: `${cell.pathId}/${cell.indicatorId}/${cell.period}/v${cell.pathVersion}` },
    ],
    status: 'complete' as const,
    type: 'summary' as const,
    measure: measureUrl(cell.pathId, cell.indicatorId),
    period: periodDates(cell.period),
  };
  if (cell.kind === 'share') {
    return {
      ...common,
      group: [
        {
          population: [
            population('initial-population', { count: cell.denominator }),
            population('denominator', { count: cell.denominator }),
            population('numerator', { count: cell.numerator }),
          ],
          ...(cell.denominator > 0 ? { measureScore: { value: cell.numerator / cell.denominator } } : {}),
        },
      ],
    };
  }
  if (cell.kind === 'distribution') {
    return {
      ...common,
      group: [
        {
          population: [population('initial-population', { count: cell.total })],
          stratifier: [
            {
              code: [{ text: 'category' }],
              stratum: Object.entries(cell.counts).map(([category, count]) => ({
                value: { text: category },
                population: [population('initial-population', { count })],
              })),
            },
          ],
        },
      ],
    };
  }
  return {
    ...common,
    group: Object.entries(cell.byKey).map(([key, entry]) => ({
      code: { text: key },
      population: [population('initial-population', { count: cell.cases }), population('measure-population', { count: entry.cases })],
      ...(entry.meanChange === null ? {} : { measureScore: { value: entry.meanChange } }),
    })),
  };
}
