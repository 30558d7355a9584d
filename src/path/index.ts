// The one entry through which the path definitions in machines/ import the engine: what writing a
// path needs (declaring it, typing its machine, rules, deadlines, simulation profile and FHIR
// mapping, and the calendar, instant and code-string helpers its schemas and deadlines use). A move
// inside src/ changes this file, never the path folders; test/architecture/importGraph.unit.test.ts
// keeps machines/ to it.

export { definePath } from './definePath.js';
export type { AnyPathDefinition, PathDefinition, SourceDocument } from './definition.js';
export type { EventSchemas, EventTypeOf, MachineEventOf } from './eventSchemas.js';
export type { GuardNameOf, StatePathOf, StateView } from './stateView.js';
export type { Label, Language } from './label.js';
export type { SourceRef } from './source.js';
export type { ServiceTask, ServiceTaskCoding } from './serviceTask.js';
export type { ConsentDeclaration } from './consentDeclaration.js';
export type { PathRule, RuleStep } from './rule.js';
export type { DeadlineAction, DeadlineEventInput, DeadlineKind, DeadlineMigration, DeadlineRule } from './deadline.js';
export type { MigratedEventFor, PathMigration } from './definition.js';
export type { EventActor, RecordedEvent, RecordedEventFor } from './recordedEvent.js';
export type { ReferenceShare, SimulationProfile } from './simulationProfile.js';
export type { EpisodeOfCareStatus, FhirEncounterClass, FhirPathMapping, FhirStatusView } from './fhirMapping.js';
export { addDays, addMonths, addMonthsToDate, dateOf, serviceTimeZone, startOfDay } from '../time/calendar.js';
export { isoDate, isoInstant } from '../time/instant.js';
export { hostIdCode, pathIdCode } from '../schema/codeStrings.js';
export type {
  ChangeIndicator,
  DistributionIndicator,
  EventMatch,
  IndicatorCategorySource,
  IndicatorFieldValue,
  IndicatorKind,
  IndicatorPeriodBasis,
  PathIndicator,
  ShareIndicator,
} from './indicator.js';
