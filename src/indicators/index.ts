// The indicators' engine: counting in the database (or by going through a memory store's events).
export { countIndicators, type IndicatorCountResult } from './countIndicators.js';
export { checkIndicatorQuery, periodOf, type IndicatorQueryRejection } from './indicatorPeriod.js';
export {
  defaultSmallNumberThreshold,
  type ChangeCell,
  type DistributionCell,
  type IndicatorCell,
  type IndicatorPath,
  type IndicatorPeriodUnit,
  type IndicatorQuery,
  type ShareCell,
} from './indicatorQuery.js';
export type { IndicatorCase } from './indicatorReplay.js';
export {
  indicatorExpressionLanguage,
  measureUrl,
  organisationIdentifierSystem,
  toFhirMeasure,
  toFhirMeasureReport,
  type FhirMeasure,
  type FhirMeasureReport,
  type MeasureReportOptions,
} from './fhirMeasures.js';
