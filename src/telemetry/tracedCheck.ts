import { SpanKind } from '@opentelemetry/api';
import { telemetryAttributeNames, telemetrySpanNames } from './telemetryNames.js';
import { tracedSync, type SpanOutcome } from './tracedCall.js';

const checkStart = { name: telemetrySpanNames.checkPath, kind: SpanKind.INTERNAL, attributes: {} };

/** What the span reads of a check's result. */
interface CheckLike {
  readonly states: number;
  readonly complete: boolean;
  readonly proven: boolean;
  readonly stop?: { readonly code: string };
}

/**
 * A model check in a span: the path, the states explored, and the verdict as the outcome code
 * (`PROVEN`, `NOT_PROVEN`, or the budget that stopped it). A rule that does not hold is the check's
 * finding, not a failure of the call: the span's status stays unset.
 *
 * @internal
 */
export function tracedCheck<R extends CheckLike>(path: { readonly id: string; readonly version: number }, check: () => R): R {
  return tracedSync(
    checkStart,
    () => ({ [telemetryAttributeNames.pathId]: path.id, [telemetryAttributeNames.pathVersion]: path.version }),
    check,
    (result): SpanOutcome => ({
      code: result.stop?.code ?? (result.complete && result.proven ? 'PROVEN' : 'NOT_PROVEN'),
      failed: false,
      attributes: { [telemetryAttributeNames.checkStates]: result.states },
    }),
  );
}
