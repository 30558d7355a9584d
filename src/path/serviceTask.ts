import type { Label } from './label.js';
import type { SourceRef } from './source.js';

/**
 * A code for a social-care service task (sosiaalihuollon palvelutehtävä) in a code system the host
 * uses, e.g. a classification of the national code server. The library ships no such value: a
 * code is set by the host, with {@link withServiceTask}, unless a source the path cites publishes it.
 *
 * @example
 * ```ts
 * const coding: ServiceTaskCoding = { system: 'urn:oid:1.2.246.537.6.0000', code: 'host-code' };
 * ```
 */
export interface ServiceTaskCoding {
  /** The code system: an absolute URI (`urn:oid:…`, `https://…`), at most 200 characters, no spaces. */
  readonly system: string;
  /** The code in that system: at most 64 characters of letters, digits, `.`, `_`, `-`, `:`. */
  readonly code: string;
}

/**
 * The social-care service task (palvelutehtävä) a path's cases are filed under: the classification
 * under which social-care documents, their retention and archiving are defined. The seeds report
 * that the available tasks did not fit the work (S1 `001_55550c4af1568658.txt`:334), so it is
 * configuration: the path says what its sources say, the host supplies the code. Carried on every
 * case (`caseRef.definition.serviceTask`), into FHIR (EpisodeOfCare.type, Encounter.serviceType)
 * and into NDJSON exports; retention by service task keys on `coding`.
 *
 * @example
 * ```ts
 * const serviceTask: ServiceTask = {
 *   note: { fi: 'Palvelutehtävän valitsee palvelun järjestäjä.', sv: 'Anordnaren väljer.', en: 'The host chooses.' },
 * };
 * ```
 */
export interface ServiceTask {
  /**
   * What the path's sources say of its service task: the task a source names, or that no source
   * names one and the host chooses. Never a code.
   */
  readonly note: Label;
  /** The seed line the note rests on, where a seed speaks of the task. */
  readonly source?: SourceRef;
  /** The code, once known; `undefined` until the host supplies it. */
  readonly coding?: ServiceTaskCoding;
}

/** Why a service task coding was refused: the field and a stable code, never the value given. */
export interface ServiceTaskProblem {
  readonly code: 'INVALID_SERVICE_TASK';
  readonly field: 'system' | 'code' | 'coding';
  readonly message: string;
}

const systemPattern = /^(?:urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:|https?:\/\/)[!-~]+$/;
const codePattern = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The first reason a service task coding cannot be used, or `undefined`: a host can check its
 * configuration before {@link withServiceTask} (which throws on the same problem).
 *
 * @example
 * ```ts
 * serviceTaskProblem({ system: 'not a uri', code: 'x' })?.field; // 'system'
 * ```
 */
export function serviceTaskProblem(coding: unknown): ServiceTaskProblem | undefined {
  if (typeof coding !== 'object' || coding === null || Array.isArray(coding)) {
    return { code: 'INVALID_SERVICE_TASK', field: 'coding', message: 'the service task coding must be an object { system, code }' };
  }
  const { system, code } = coding as { system?: unknown; code?: unknown };
  if (typeof system !== 'string' || system.length > 200 || !systemPattern.test(system)) {
    return {
      code: 'INVALID_SERVICE_TASK',
      field: 'system',
      message: 'the service task system must be an absolute URI (urn:… or https://…) of at most 200 characters without spaces',
    };
  }
  if (typeof code !== 'string' || !codePattern.test(code)) {
    return {
      code: 'INVALID_SERVICE_TASK',
      field: 'code',
      message: 'the service task code must be 1–64 letters, digits or . _ : -',
    };
  }
  return undefined;
}
