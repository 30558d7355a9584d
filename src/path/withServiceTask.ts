import type { AnyPathDefinition } from './definition.js';
import type { ServiceTaskCoding } from './serviceTask.js';
import { checkServiceTask } from './validatePathSpec.js';

/**
 * The same path with the host's code for its social-care service task (palvelutehtävä): the code
 * the host's client-data system files the path's cases under. The path keeps its id, version,
 * machine and rules, so stored cases replay exactly as before; only FHIR, NDJSON exports and
 * retention read the code. A malformed coding throws a {@link PathDefinitionError} with the code
 * `INVALID_SERVICE_TASK`, naming the field (check first with `serviceTaskProblem` to branch on it).
 *
 * @example
 * ```ts
 * import { withServiceTask } from 'kykypolku';
 * import { lifestyleGuidancePath } from 'kykypolku/paths';
 *
 * // The code is the host's: the library ships no national code value.
 * const lifestyle = withServiceTask(lifestyleGuidancePath, { system: 'urn:oid:1.2.246.537.6.0000', code: 'host-code' });
 * ```
 */
export function withServiceTask<D extends AnyPathDefinition>(path: D, coding: ServiceTaskCoding): D {
  const serviceTask = {
    note: path.serviceTask?.note ?? { fi: 'Palvelun järjestäjän valitsema.', sv: 'Vald av anordnaren.', en: 'Chosen by the host.' },
    ...(path.serviceTask?.source ? { source: path.serviceTask.source } : {}),
    coding: { system: coding?.system, code: coding?.code },
  };
  checkServiceTask(path.id, serviceTask, path.sources);
  return Object.freeze({ ...path, serviceTask: Object.freeze(serviceTask) });
}
