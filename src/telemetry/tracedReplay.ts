import { SpanKind } from '@opentelemetry/api';
import { telemetryAttributeNames, okOutcome, telemetrySpanNames } from './telemetryNames.js';
import { tracedSync, type SpanOutcome } from './tracedCall.js';

const replayStart = { name: telemetrySpanNames.replay, kind: SpanKind.INTERNAL, attributes: {} };

/**
 * A replay in a span: the path it replayed under (when the catalogue knows the path), the number of
 * events given, and the failure's code. `knownPath` is read only when the span records.
 *
 * @internal
 */
export function tracedReplay<R extends { readonly ok: boolean; readonly failure?: { readonly code: string } }>(
  eventCount: number,
  knownPath: () => { readonly id: string | undefined; readonly version: number | undefined },
  replay: () => R,
): R {
  return tracedSync(
    replayStart,
    () => {
      const { id, version } = knownPath();
      return {
        [telemetryAttributeNames.eventCount]: eventCount,
        ...(id === undefined ? {} : { [telemetryAttributeNames.pathId]: id }),
        ...(version === undefined ? {} : { [telemetryAttributeNames.pathVersion]: version }),
      };
    },
    replay,
    (result): SpanOutcome => (result.ok ? { code: okOutcome, failed: false } : { code: result.failure!.code, failed: true }),
  );
}
