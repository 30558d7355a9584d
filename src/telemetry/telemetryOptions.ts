/**
 * What a host lets the library put in its OpenTelemetry spans. By default no client data: no case
 * id, event id, actor, instant or payload value, only path ids, versions, event types and codes.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'kykypolku';
 *
 * // Case ids on the store's spans, for a host whose tracing backend may hold them.
 * const store = createMemoryStore({ telemetry: { recordCaseIds: true } });
 * ```
 */
export interface TelemetryOptions {
  /**
   * Put the case id on spans as `kykypolku.case.id` (default false). Never on a metric: a case id
   * there would make one time series per case. Turn it on only where the tracing backend may hold
   * the pseudonymous id a case goes by.
   */
  readonly recordCaseIds?: boolean;
}
