import type { FhirPathMapping } from '../src/path/index.js';
import { coordinatorFhirMapping } from './coordinator-service/fhir.js';
import { ipsFhirMapping } from './ips-job-coaching/fhir.js';
import { lifestyleFhirMapping } from './lifestyle-guidance/fhir.js';
import { teamIntakeFhirMapping } from './support-team-intake/fhir.js';
import { workabilityFhirMapping } from './workability-path/fhir.js';

/**
 * The FHIR mapping of each built-in path, by path id, for `toFhir`.
 *
 * @example
 * ```ts
 * toFhir(caseRef, { mapping: fhirMappings[caseRef.definition.id]!, patient, practitioner, caseIdentifierSystem });
 * ```
 */
export const fhirMappings: Readonly<Record<string, FhirPathMapping>> = {
  'workability-path': workabilityFhirMapping,
  'ips-job-coaching': ipsFhirMapping,
  'coordinator-service': coordinatorFhirMapping,
  'lifestyle-guidance': lifestyleFhirMapping,
  'support-team-intake': teamIntakeFhirMapping,
};
