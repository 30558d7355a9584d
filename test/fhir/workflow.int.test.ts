import { describe, expect, it } from 'vitest';
import { type AnyPathDefinition, languages, simulateCohort, toFhirTasks, toFhirWorkflow } from 'kykypolku';
import { builtInPaths, fhirMappings } from 'kykypolku/paths';
import { refereeErrors } from '../support/fhirReferees.js';

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
