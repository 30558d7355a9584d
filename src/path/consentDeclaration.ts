import { PathDefinitionError } from './definitionError.js';

/**
 * Which of a path's events record a client's consent to share the case with a partner, and which
 * payload field names the partner: the path's own vocabulary, which the engine reads to keep the
 * store's consent rows (docs/developers.md, "Consent-gated sharing"). A partner is a *kind* of
 * organisation (`kela`, `employmentServices`); which organisation that is, is the host's
 * `sharing` (openCaseStore). The payload field must hold a code.
 */
export interface ConsentDeclaration<TEventType extends string = string> {
  /** The event that gives consent to the partner its payload names. */
  readonly given: TEventType;
  /** The event that withdraws it, from that event on. */
  readonly withdrawn: TEventType;
  /** The payload field, on both events, that names the partner (a code, such as `kela`). */
  readonly scope: string;
}

const fieldPattern = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * A path's consent declaration: both events among the path's, distinct, and a plain field name.
 * Throws a {@link PathDefinitionError}.
 *
 * @internal
 */
export function checkConsentDeclaration(pathId: string, consent: ConsentDeclaration, eventTypes: readonly string[]): void {
  const fault = (message: string) => new PathDefinitionError(pathId, `consent.${message}`);
  if (typeof consent !== 'object' || consent === null) throw new PathDefinitionError(pathId, 'consent must be { given, withdrawn, scope }');
  for (const field of ['given', 'withdrawn'] as const) {
    if (typeof consent[field] !== 'string' || !eventTypes.includes(consent[field]))
      throw fault(`${field} must name one of the path's events`);
  }
  if (consent.given === consent.withdrawn) throw fault('withdrawn must be another event than given');
  if (typeof consent.scope !== 'string' || !fieldPattern.test(consent.scope)) throw fault('scope must be a payload field name');
}
