export { definePath } from './path/definePath.js';
export type {
  AnyPathDefinition,
  ContextOf,
  EventTypeOfPath,
  OutcomeOf,
  PathDefinition,
  RoleOf,
  RuleIdOf,
  SourceDocument,
  StateValueOf,
} from './path/definition.js';
export type { EventSchemas, EventTypeOf, MachineEventOf } from './path/eventSchemas.js';
export type { GuardNameOf, StatePathOf, StateView } from './path/stateView.js';
export { PathDefinitionError, type PathDefinitionErrorCode } from './path/definitionError.js';
export { serviceTaskProblem, type ServiceTask, type ServiceTaskCoding, type ServiceTaskProblem } from './path/serviceTask.js';
export { withServiceTask } from './path/withServiceTask.js';
export type { Deadline, DeadlineAction, DeadlineEventInput, DeadlineKind, DeadlineMigration, DeadlineRule } from './path/deadline.js';
export { languages, type Label, type Language } from './path/label.js';
export type { PathRule, RuleStep } from './path/rule.js';
export { formatSource, type SourceRef } from './path/source.js';
export { describeStateValue } from './machine/stateNodes.js';
export { countPayloads, describePayloadDomain, enumeratePayloads, type FieldDomain, type OpenFormat } from './schema/payloadDomain.js';
export { isoDate, isoInstant, instantMillis, instantYears, isoInstantMaxLength } from './time/instant.js';
export { valueLimits } from './schema/valueDomain.js';
export { maxCaseIdLength } from './schema/codeStrings.js';
export { hostIdCode, pathIdCode } from './schema/codeStrings.js';
export { addDays, addMonths, addMonthsToDate, dateOf, serviceTimeZone, startOfDay } from './time/calendar.js';

export { openCase, type OpenCaseOptions } from './case/openCase.js';
export { replayCase, type ReplayCaseOptions, type ReplayFailure, type ReplayFailureCode, type ReplayResult } from './case/replayCase.js';
export { PathCase, type AnyPathCase, type CaseEvents, type CaseState, type RecordResult } from './case/pathCase.js';
export { PathRuntimeError } from './case/eventPipeline.js';
export { rejectionCodes, type EventIssue, type Rejection, type RejectionCode, type RejectionOf } from './case/rejection.js';
export type { CaseInputOf, NoPayloadFields, RecordedEventOf } from './path/definition.js';
export type { EventActor, PathVersion, RecordedEvent, RecordedEventFor } from './path/recordedEvent.js';

export { toJsonSchema, type JsonSchema, type PathJsonSchemas } from './jsonSchema/toJsonSchema.js';
export { eventLine, exportEvents, type ExportEventsOptions } from './ndjson/exportEvents.js';
export {
  importEventLog,
  type ImportEventLogOptions,
  type ImportedCaseVerdict,
  type ImportRefusal,
  type ImportVerdict,
  type LogImport,
} from './ndjson/importEventLog.js';
export {
  validateEventLog,
  type LogCaseVerdict,
  type LogLineProblem,
  type LogValidation,
  type LogValidationSummary,
  type ValidateEventLogOptions,
} from './ndjson/validateEventLog.js';

export type { AnyPathMigration, MigratedEventFor, PathMigration } from './path/definition.js';
export { createPathCatalogue, type PathCatalogue } from './catalogue/pathCatalogue.js';
export {
  replayFromCatalogue,
  type CatalogueReplayFailure,
  type CatalogueReplayResult,
} from './catalogue/replayFromCatalogue.js';
export {
  checkMigration,
  type CaseDueDates,
  type CheckMigrationOptions,
  type MigrationBlocker,
  type MigrationReport,
  type MovedDueDate,
} from './catalogue/checkMigration.js';

export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './store/memoryStore.js';
export { organisationMaxLength, organisationPattern, organisationProblem, type OrganisationScope } from './store/organisation.js';
export type { AccessLogEntry, AccessLogStore, CaseAccess } from './store/accessLog.js';
export {
  sharingProblem,
  type ConsentChange,
  type ConsentRestore,
  type ConsentRestoreResult,
  type ConsentRestoreStore,
  type ConsentRow,
  type ConsentStore,
  type RebuildNotPermitted,
  type SharedRead,
  type SharingMap,
} from './store/consent.js';
export type {
  ConsentRebuildFailure,
  ConsentRebuildOptions,
  ConsentRebuildProgress,
  ConsentRebuildReport,
  ConsentRebuildSkip,
} from './caseStore/rebuildConsents.js';
export type { ConsentDeclaration } from './path/consentDeclaration.js';
export type {
  AppendFailure,
  AppendFailureCode,
  AppendNewCasesResult,
  AppendOptions,
  AppendResult,
  EventStore,
  IndexedEventStore,
  NewCase,
  NewCasesAppender,
} from './store/eventStore.js';
export type { ScanOptions, UnreadableCase } from './store/scanOptions.js';
export { EventStoreError, type LockHolder, type StoreFailure, type TamperedEvent } from './store/eventStoreError.js';
export type { CaseIndex, CaseProjection, CaseQuery, CaseSummary, CaseloadQuery, ProjectionUpdate } from './store/caseIndex.js';
export { projectCase } from './store/projectCase.js';
export { fireDeadline, type DeadlineFiring } from './caseStore/fireDeadline.js';
export {
  openCaseStore,
  type AnyCaseInputOf,
  type CaseLoadFailure,
  type CaseRecordOptions,
  type CaseStore,
  type CaseStoreFailure,
  type CaseStoreLoadResult,
  type CaseReadFailure,
  type CaseStoreReadResult,
  type CaseStoreOptions,
  type CaseStoreRecordResult,
  type ConcurrencyConflict,
  type ConflictRetry,
  type RebuildReport,
} from './caseStore/openCaseStore.js';

export {
  caseloadCap,
  checkCaseload,
  type ActiveCaseCounter,
  type CaseloadCheck,
  type CaseloadPolicy,
  type CaseloadRejection,
} from './caseload/checkCaseload.js';
export { createCaseloadIndex, type CaseloadIndex, type CaseloadIndexProblem } from './caseload/caseloadIndex.js';

export { simulateCohort, type CohortOptions, type CohortResult } from './cohort/simulateCohort.js';
export type { ReferenceShare, SimulationProfile } from './path/simulationProfile.js';
export { createSeededRandom, type SeededRandom } from './cohort/seededRandom.js';

export { toFhir, type ToFhirOptions } from './fhir/toFhir.js';
export type { EpisodeOfCareStatus, FhirEncounterClass, FhirPathMapping, FhirStatusView } from './path/fhirMapping.js';
export { fiBaseProfiles } from './fhir/fiBaseProfiles.js';
export { fiBaseExtensions, serviceEventOid, type ServiceEventOid, type ServiceEventOidResult } from './fhir/serviceEventOid.js';
export type {
  FhirBundle,
  FhirCarePlan,
  FhirCodeableConcept,
  FhirCoding,
  FhirEncounter,
  FhirEpisodeOfCare,
  FhirIdentifier,
  FhirPeriod,
  FhirProvenance,
  FhirReference,
  FhirResource,
} from './fhir/fhirResources.js';

export { checkPath } from './check/checkPath.js';
export { describeCompiledSteps, type CompiledStepReport } from './case/compiledSteps.js';
export type {
  CheckOptions,
  CheckProgress,
  CheckStop,
  CheckStopCode,
  CheckWarning,
  CompletePathCheck,
  Counterexample,
  PathCheck,
  ReachedState,
  RuleVerdict,
  StateFinding,
  StoppedPathCheck,
  TimeBudget,
  Trace,
} from './check/pathCheck.js';
export { formatCounterexample, formatPathCheck, type FormatCheckOptions } from './check/formatPathCheck.js';
export {
  checkGuards,
  type EnforcementGap,
  type GuardCheck,
  type GuardCheckOptions,
  type GuardJustification,
  type GuardKind,
  type GuardMutation,
  type GuardVerdict,
} from './check/checkGuards.js';
export { formatGuardCheck } from './check/formatGuardCheck.js';
export {
  toPromela,
  type PromelaExport,
  type PromelaFailureCode,
  type PromelaMapping,
  type PromelaOptions,
} from './check/promela/toPromela.js';
export {
  checkIndicatorQuery,
  countIndicators,
  defaultSmallNumberThreshold,
  periodOf,
  type ChangeCell,
  type DistributionCell,
  type IndicatorCase,
  type IndicatorCell,
  type IndicatorCountResult,
  type IndicatorPath,
  type IndicatorPeriodUnit,
  type IndicatorQuery,
  type IndicatorQueryRejection,
  type ShareCell,
  indicatorExpressionLanguage,
  measureUrl,
  organisationIdentifierSystem,
  toFhirMeasure,
  toFhirMeasureReport,
  type FhirMeasure,
  type FhirMeasureReport,
  type MeasureReportOptions,
} from './indicators/index.js';
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
} from './path/indicator.js';
export {
  toFhirTasks,
  toFhirWorkflow,
  type FhirActivityDefinition,
  type FhirPlanDefinition,
  type FhirTask,
  type FhirWorkflowOptions,
} from './fhir/toFhirWorkflow.js';
export {
  largestClaimBatch,
  type ArmedDeadline,
  type ClaimRequest,
  type ClaimResult,
  type DeadlineClaim,
  type DeadlineClaims,
  type DeadlineFailure,
  type DeadlineFailureCode,
  type SettleResult,
} from './deadlines/deadlineClaims.js';
export type { TelemetryOptions } from './telemetry/telemetryOptions.js';
export {
  telemetryAttributeNames,
  telemetryMetricNames,
  telemetrySpanNames,
  semanticConventionsVersion,
} from './telemetry/telemetryNames.js';

// Retention by service task (issue 16 item 3): the host's rules, the plan and purge, erasure receipts.
export {
  longestRetentionYears,
  retentionExpiry,
  type InvalidRetentionRequest,
  type RetentionPeriod,
  type RetentionRule,
} from './retention/retentionRule.js';
export type {
  CasePage,
  ClosedCase,
  ErasureReceipt,
  PurgeCaseFailure,
  PurgeCaseRequest,
  PurgeCaseResult,
  RetentionStore,
} from './retention/retentionStore.js';
export type { ExpiredCase, PurgeReport, RetentionFailure, RetentionPlanResult, RetentionRequest } from './caseStore/retention.js';
// The access log's own retention (issue 16 item 4): the host's period, administrator-only.
export {
  accessLogCutoff,
  type AccessLogPurgeReport,
  type AccessLogRetentionPlan,
  type AccessLogRetentionRequest,
  type AccessLogRetentionStore,
  type PurgeNotPermitted,
} from './retention/accessLogRetention.js';
