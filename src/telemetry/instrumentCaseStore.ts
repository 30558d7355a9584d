import { SpanKind, type Attributes } from '@opentelemetry/api';
import { libraryInstruments } from './instruments.js';
import { telemetryAttributeNames, okOutcome, telemetrySpanNames } from './telemetryNames.js';
import type { TelemetryOptions } from './telemetryOptions.js';
import { tracedAsync, type SpanOutcome } from './tracedCall.js';

interface CaseLike {
  readonly definition: { readonly id: string; readonly version: number };
  readonly seq: number;
}

interface CaseFailureLike {
  readonly code: string;
  readonly rejection?: { readonly code: string };
}

/** The part of a case store this wrapper instruments, by shape (src/caseStore/openCaseStore.ts). */
interface InstrumentedCases {
  record(
    caseId: string,
    input: never,
    options?: never,
  ): Promise<{
    readonly ok: boolean;
    readonly event?: { readonly type: string };
    readonly case?: CaseLike;
    readonly failure?: CaseFailureLike;
    readonly alreadyRecorded?: boolean;
  }>;
  load(caseId: string): Promise<{ readonly ok: boolean; readonly case?: CaseLike; readonly failure?: CaseFailureLike }>;
}

const recordStart = { name: telemetrySpanNames.record, kind: SpanKind.INTERNAL, attributes: {} };
const loadStart = { name: telemetrySpanNames.load, kind: SpanKind.INTERNAL, attributes: {} };

const pathOf = (caseRef: CaseLike | undefined): Attributes =>
  caseRef === undefined
    ? {}
    : {
        [telemetryAttributeNames.pathId]: caseRef.definition.id,
        [telemetryAttributeNames.pathVersion]: caseRef.definition.version,
        [telemetryAttributeNames.eventCount]: caseRef.seq,
      };

function failedOutcome(failure: CaseFailureLike, attributes: Attributes): SpanOutcome {
  const rejection = failure.rejection?.code;
  return {
    code: failure.code,
    failed: true,
    attributes: rejection === undefined ? attributes : { ...attributes, [telemetryAttributeNames.rejectionCode]: rejection },
  };
}

/**
 * The case store with spans around record and load, and the rejection counter: every record that
 * stored nothing, by its failure code (`error.type`) and, for `EVENT_REJECTED`, the path's
 * rejection code. Only the recorded event's type is an attribute, never the input's (it may be any text).
 *
 * @internal
 */
export function instrumentCaseStore<C extends InstrumentedCases>(cases: C, options: TelemetryOptions = {}): C {
  const caseIdOf = (caseId: string): Attributes => (options.recordCaseIds === true ? { [telemetryAttributeNames.caseId]: caseId } : {});
  const record: InstrumentedCases['record'] = async (caseId, input, recordOptions) => {
    const result = await tracedAsync(
      recordStart,
      undefined,
      () => cases.record(caseId, input, recordOptions),
      (answer): SpanOutcome =>
        answer.ok
          ? {
              code: answer.alreadyRecorded ? 'ALREADY_RECORDED' : okOutcome,
              failed: false,
              attributes: { ...pathOf(answer.case), [telemetryAttributeNames.eventType]: answer.event!.type, ...caseIdOf(caseId) },
            }
          : failedOutcome(answer.failure!, caseIdOf(caseId)),
    );
    const meters = libraryInstruments();
    if (!result.ok && meters.live) {
      const rejection = result.failure!.rejection?.code;
      meters.rejections.add(1, {
        [telemetryAttributeNames.errorType]: result.failure!.code,
        ...(rejection === undefined ? {} : { [telemetryAttributeNames.rejectionCode]: rejection }),
      });
    }
    return result;
  };
  const load: InstrumentedCases['load'] = (caseId) =>
    tracedAsync(
      loadStart,
      undefined,
      () => cases.load(caseId),
      (answer): SpanOutcome =>
        answer.ok
          ? { code: okOutcome, failed: false, attributes: { ...pathOf(answer.case), ...caseIdOf(caseId) } }
          : failedOutcome(answer.failure!, caseIdOf(caseId)),
    );
  return { ...cases, record, load } as C;
}
