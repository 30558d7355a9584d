import { SpanStatusCode, type Attributes, type Span, type SpanKind } from '@opentelemetry/api';
import { libraryTracer, tracingOn } from './instruments.js';
import { telemetryAttributeNames, okOutcome } from './telemetryNames.js';

/** What an operation's answer says for its span: its outcome code, whether it failed, and attributes learnt from it. */
export interface SpanOutcome {
  readonly code: string;
  readonly failed: boolean;
  readonly attributes?: Attributes;
}

/** The outcome of an operation that did what was asked. */
export const succeeded: SpanOutcome = { code: okOutcome, failed: false };

/** A span's start: its name, kind and the attributes known before the call (static objects, made once). */
export interface SpanStart {
  readonly name: string;
  readonly kind: SpanKind;
  readonly attributes: Attributes;
}

/**
 * The code of a thrown error, for `error.type`: a store error's code, else the error's class. Never
 * its message, which can quote a case id or a value.
 */
export function thrownType(error: unknown): string {
  const code = (error as { failure?: { code?: unknown } } | null)?.failure?.code;
  if (typeof code === 'string') return code;
  const name = (error as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,60}$/.test(name) ? name : 'Error';
}

function settle(span: Span, outcome: SpanOutcome): void {
  span.setAttribute(telemetryAttributeNames.outcomeCode, outcome.code);
  if (outcome.attributes) span.setAttributes(outcome.attributes);
  if (outcome.failed) {
    span.setAttribute(telemetryAttributeNames.errorType, outcome.code);
    // The code, never the failure's message: messages name the case.
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.code });
  }
}

function thrown(span: Span, error: unknown): void {
  const type = thrownType(error);
  span.setAttributes({ [telemetryAttributeNames.errorType]: type, [telemetryAttributeNames.outcomeCode]: type });
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

/**
 * Runs an async operation in a span (the active one, so a host's context manager nests the
 * statements under it). With no tracer provider installed it runs the operation alone. `known` adds
 * attributes at the start, computed only when the span records.
 */
export async function tracedAsync<T>(
  start: SpanStart,
  known: (() => Attributes) | undefined,
  run: () => Promise<T>,
  outcomeOf: (result: T) => SpanOutcome,
): Promise<T> {
  if (!tracingOn()) return run();
  return libraryTracer().startActiveSpan(start.name, { kind: start.kind, attributes: start.attributes }, async (span) => {
    try {
      if (known && span.isRecording()) span.setAttributes(known());
      const result = await run();
      if (span.isRecording()) settle(span, outcomeOf(result));
      return result;
    } catch (error) {
      thrown(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** {@link tracedAsync} for a synchronous operation (a replay, a model check). */
export function tracedSync<T>(
  start: SpanStart,
  known: (() => Attributes) | undefined,
  run: () => T,
  outcomeOf: (result: T) => SpanOutcome,
): T {
  if (!tracingOn()) return run();
  return libraryTracer().startActiveSpan(start.name, { kind: start.kind, attributes: start.attributes }, (span) => {
    try {
      if (known && span.isRecording()) span.setAttributes(known());
      const result = run();
      if (span.isRecording()) settle(span, outcomeOf(result));
      return result;
    } catch (error) {
      thrown(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
