/**
 * Every span, metric and attribute name the library emits, in one place so that docs/operations.md
 * and the tests name the same things. The database attributes are those of OpenTelemetry's semantic
 * conventions for database client spans and metrics, v1.45.0 (stable since v1.33); the library's own
 * sit under `kykypolku.`. None carries client data: no payload value, actor, instant or event id,
 * and a case id only where the host opts in ({@link TelemetryOptions.recordCaseIds}).
 */

/** The version of the semantic conventions followed. */
export const semanticConventionsVersion = '1.45.0';

/** The instrumentation scope's name: the package's. */
export const instrumentationName = 'kykypolku';

/** The names of the spans the library emits (docs/operations.md, Telemetry). */
export const telemetrySpanNames = {
  append: 'kykypolku.store.append',
  read: 'kykypolku.store.read',
  claimDueDeadlines: 'kykypolku.store.claimDueDeadlines',
  record: 'kykypolku.case.record',
  load: 'kykypolku.case.load',
  replay: 'kykypolku.replay',
  checkPath: 'kykypolku.checkPath',
  /** A statement without a `kykypolku:` tag is named by the database system, as the conventions say. */
  untaggedStatement: 'postgresql',
} as const;

/** The names of the metrics the library emits. */
export const telemetryMetricNames = {
  eventsRecorded: 'kykypolku.events.recorded',
  appendDuration: 'kykypolku.append.duration',
  appendConflicts: 'kykypolku.append.conflicts',
  rejections: 'kykypolku.rejections',
} as const;

/** The attribute keys of the spans and metrics: the semantic conventions' first, then the library's own. */
export const telemetryAttributeNames = {
  dbSystemName: 'db.system.name',
  dbOperationName: 'db.operation.name',
  dbCollectionName: 'db.collection.name',
  dbQuerySummary: 'db.query.summary',
  dbOperationBatchSize: 'db.operation.batch.size',
  dbResponseStatusCode: 'db.response.status_code',
  errorType: 'error.type',
  store: 'kykypolku.store',
  statementScope: 'kykypolku.statement.scope',
  pathId: 'kykypolku.path.id',
  pathVersion: 'kykypolku.path.version',
  eventType: 'kykypolku.event.type',
  eventCount: 'kykypolku.event.count',
  outcomeCode: 'kykypolku.outcome.code',
  rejectionCode: 'kykypolku.rejection.code',
  deadlineClaims: 'kykypolku.deadline.claims',
  checkStates: 'kykypolku.check.states',
  caseId: 'kykypolku.case.id',
} as const;

/** `db.system.name` of the SQL stores, PGlite included (it is PostgreSQL). */
export const postgresqlSystem = 'postgresql';

/** `kykypolku.outcome.code` of an operation that did what was asked. */
export const okOutcome = 'OK';
