import { SpanKind, type Attributes } from '@opentelemetry/api';
import { libraryInstruments, type LibraryInstruments } from './instruments.js';
import { telemetryAttributeNames, okOutcome, postgresqlSystem, telemetrySpanNames } from './telemetryNames.js';
import type { TelemetryOptions } from './telemetryOptions.js';
import { tracedAsync, type SpanOutcome, type SpanStart } from './tracedCall.js';

/** Which store: `kykypolku.store`. The SQL ones are PostgreSQL (`db.system.name`). */
export type StoreKind = 'memory' | 'pglite' | 'postgresql';

/** What the wrapper reads of an event: its type and path (the store checked both before storing). */
interface EventLike {
  readonly type: string;
  readonly path: { readonly id: string; readonly version: number };
}

interface FailureLike {
  readonly code: string;
  readonly sqlState?: string | undefined;
}

/** The part of the store port this wrapper instruments, by shape (telemetry sits below the store layer). */
interface InstrumentedPart {
  append(
    caseId: string,
    events: readonly EventLike[],
    options: { readonly expectedSeq: number },
  ): Promise<{
    readonly ok: boolean;
    readonly alreadyRecorded?: boolean;
    readonly failure?: FailureLike;
  }>;
  read(caseId: string): Promise<readonly EventLike[]>;
  claimDueDeadlines(
    request: never,
  ): Promise<{ readonly ok: boolean; readonly claims?: readonly unknown[]; readonly failure?: FailureLike }>;
}

/** The attributes of the batch: only for a batch the store took as well formed (a refused one can hold anything). */
function batchAttributes(events: readonly EventLike[]): Attributes {
  const first = events[0];
  if (first === undefined) return {};
  const type = events.every((event) => event.type === first.type) ? first.type : undefined;
  return {
    [telemetryAttributeNames.pathId]: first.path.id,
    [telemetryAttributeNames.pathVersion]: first.path.version,
    ...(type === undefined ? {} : { [telemetryAttributeNames.eventType]: type }),
  };
}

/** Adds the events of an append to the counter, one point per path version and event type. */
function countRecorded(meters: LibraryInstruments, store: Attributes, events: readonly EventLike[]): void {
  const counts = new Map<string, { event: EventLike; count: number }>();
  for (const event of events) {
    const key = `${event.path.id}\u0000${event.path.version}\u0000${event.type}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { event, count: 1 });
  }
  for (const { event, count } of counts.values()) {
    meters.eventsRecorded.add(count, {
      ...store,
      [telemetryAttributeNames.pathId]: event.path.id,
      [telemetryAttributeNames.pathVersion]: event.path.version,
      [telemetryAttributeNames.eventType]: event.type,
    });
  }
}

/**
 * The store with spans around append, read and claimDueDeadlines, and the append counters and
 * histogram: through `@opentelemetry/api`, so nothing is recorded unless the host installs an SDK,
 * and then nothing of the client's (see {@link TelemetryOptions}). Every other method is the store's own.
 *
 * @internal
 */
export function instrumentStore<S extends InstrumentedPart>(store: S, kind: StoreKind, options: TelemetryOptions = {}): S {
  const sql = kind !== 'memory';
  const storeAttributes: Attributes = sql
    ? { [telemetryAttributeNames.store]: kind, [telemetryAttributeNames.dbSystemName]: postgresqlSystem }
    : { [telemetryAttributeNames.store]: kind };
  const spanKind = sql ? SpanKind.CLIENT : SpanKind.INTERNAL;
  const start = (name: string, operation: string, collection: string): SpanStart => ({
    name,
    kind: spanKind,
    attributes: {
      ...storeAttributes,
      [telemetryAttributeNames.dbOperationName]: operation,
      [telemetryAttributeNames.dbCollectionName]: collection,
    },
  });
  const appendStart = start(telemetrySpanNames.append, 'append', 'kykypolku_events');
  const readStart = start(telemetrySpanNames.read, 'read', 'kykypolku_events');
  const claimStart = start(telemetrySpanNames.claimDueDeadlines, 'claimDueDeadlines', 'kykypolku_deadlines');
  const caseIdOf = (caseId: string): Attributes => (options.recordCaseIds === true ? { [telemetryAttributeNames.caseId]: caseId } : {});

  const failed = (failure: FailureLike, attributes: Attributes): SpanOutcome => ({
    code: failure.code,
    failed: true,
    attributes:
      failure.sqlState === undefined ? attributes : { ...attributes, [telemetryAttributeNames.dbResponseStatusCode]: failure.sqlState },
  });

  const append: InstrumentedPart['append'] = async (caseId, events, appendOptions) => {
    const meters = libraryInstruments();
    // The telemetry's own clock, read only while a meter provider is installed; no answer of the
    // store depends on it.
    const started = meters.live ? performance.now() : 0;
    const result = await tracedAsync(
      appendStart,
      () => ({ [telemetryAttributeNames.dbOperationBatchSize]: events.length }),
      () => store.append(caseId, events, appendOptions),
      (answer): SpanOutcome => {
        if (answer.ok)
          return {
            code: answer.alreadyRecorded ? 'ALREADY_RECORDED' : okOutcome,
            failed: false,
            attributes: { ...batchAttributes(events), ...caseIdOf(caseId) },
          };
        const failure = answer.failure!;
        // A refused batch may hold anything in its fields: none of them is read.
        return failed(failure, failure.code === 'INVALID_APPEND' ? {} : { ...batchAttributes(events), ...caseIdOf(caseId) });
      },
    );
    if (meters.live) {
      const code = result.ok ? (result.alreadyRecorded ? 'ALREADY_RECORDED' : okOutcome) : result.failure!.code;
      meters.appendDuration.record((performance.now() - started) / 1000, {
        ...storeAttributes,
        [telemetryAttributeNames.dbOperationName]: 'append',
        [telemetryAttributeNames.outcomeCode]: code,
        ...(result.ok ? {} : { [telemetryAttributeNames.errorType]: code }),
      });
      if (result.ok && !result.alreadyRecorded) countRecorded(meters, storeAttributes, events);
      if (code === 'CONCURRENCY_CONFLICT') {
        const path = events[0]?.path.id;
        meters.appendConflicts.add(
          1,
          path === undefined ? storeAttributes : { ...storeAttributes, [telemetryAttributeNames.pathId]: path },
        );
      }
    }
    return result;
  };

  const read: InstrumentedPart['read'] = (caseId) =>
    tracedAsync(
      readStart,
      undefined,
      () => store.read(caseId),
      (events): SpanOutcome => {
        const last = events[events.length - 1];
        const path =
          last === undefined
            ? {}
            : { [telemetryAttributeNames.pathId]: last.path.id, [telemetryAttributeNames.pathVersion]: last.path.version };
        return {
          code: okOutcome,
          failed: false,
          attributes: { [telemetryAttributeNames.eventCount]: events.length, ...path, ...caseIdOf(caseId) },
        };
      },
    );

  const claimDueDeadlines: InstrumentedPart['claimDueDeadlines'] = (request) =>
    tracedAsync(
      claimStart,
      undefined,
      () => store.claimDueDeadlines(request),
      (result): SpanOutcome =>
        result.ok
          ? { code: okOutcome, failed: false, attributes: { [telemetryAttributeNames.deadlineClaims]: result.claims?.length ?? 0 } }
          : failed(result.failure!, {}),
    );

  return { ...store, append, read, claimDueDeadlines } as S;
}
