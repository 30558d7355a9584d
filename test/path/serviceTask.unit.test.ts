// Issue 14 item 12 — S1 `001_55550c4af1568658.txt`:334: the social-care service task (palvelutehtävä)
// the systems offered did not fit, so each path names its service task as configuration and the
// host supplies the code. These tests hold the field, its validation and the host's override.
import { describe, expect, it } from 'vitest';
import { definePath, openCase, PathDefinitionError, serviceTaskProblem, withServiceTask, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths, lifestyleGuidancePath, supportTeamIntakePath, workabilityPath } from 'kykypolku/paths';

const coding = { system: 'urn:oid:1.2.246.537.6.99999', code: 'host-task-1' };

function thrown(run: () => unknown): PathDefinitionError {
  try {
    run();
  } catch (error) {
    if (error instanceof PathDefinitionError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('the service task of a path (S1:334)', () => {
  it('is named by every built-in path, in every language, and coded by none: no national code value is invented', () => {
    for (const path of builtInPaths as readonly AnyPathDefinition[]) {
      expect(path.serviceTask, path.id).toBeDefined();
      for (const language of ['fi', 'sv', 'en'] as const) expect(path.serviceTask!.note[language].length).toBeGreaterThan(10);
      expect(path.serviceTask!.coding, path.id).toBeUndefined();
    }
  });

  it('cites S1:334 where the seed names the task that had to be chosen (the Essote work-ability path)', () => {
    expect(workabilityPath.serviceTask?.source).toEqual({ seed: '001_55550c4af1568658.txt', lines: '334' });
    expect(workabilityPath.serviceTask?.note.fi).toContain('vammaisten henkilöiden työllistymistä tukeva toiminta');
    // The lifestyle and team-intake sources name none: the host chooses.
    expect(lifestyleGuidancePath.serviceTask?.source).toBeUndefined();
    expect(supportTeamIntakePath.serviceTask?.source).toBeUndefined();
  });

  it('is set by the host with withServiceTask, keeping the path otherwise the same, and is carried on every case', () => {
    const coded = withServiceTask(lifestyleGuidancePath, coding);
    expect(coded.serviceTask).toEqual({ note: lifestyleGuidancePath.serviceTask!.note, coding });
    expect(coded).not.toBe(lifestyleGuidancePath);
    expect(Object.isFrozen(coded)).toBe(true);
    expect(lifestyleGuidancePath.serviceTask?.coding).toBeUndefined();
    const { serviceTask: _a, ...rest } = coded;
    const { serviceTask: _b, ...original } = lifestyleGuidancePath;
    expect(rest).toEqual(original);
    const caseRef = openCase(coded, { caseId: 'task-1' });
    expect(caseRef.definition.serviceTask?.coding).toEqual(coding);
    // A second call replaces the code; the source note stays.
    const recoded = withServiceTask(withServiceTask(workabilityPath, coding), { ...coding, code: 'other' });
    expect(recoded.serviceTask).toMatchObject({ source: workabilityPath.serviceTask!.source, coding: { code: 'other' } });
  });

  it.each([
    ['a system that is no absolute URI', { system: 'oid 1.2.3', code: 'x' }, 'system'],
    ['an empty system', { system: '', code: 'x' }, 'system'],
    ['a system of 201 characters', { system: `urn:oid:${'1'.repeat(193)}`, code: 'x' }, 'system'],
    ['an empty code', { system: coding.system, code: '' }, 'code'],
    ['a code with a space', { system: coding.system, code: 'a b' }, 'code'],
    ['a code of 65 characters', { system: coding.system, code: 'a'.repeat(65) }, 'code'],
    ['a code that is a number', { system: coding.system, code: 7 }, 'code'],
  ])('refuses %s with INVALID_SERVICE_TASK naming the field, never echoing the value', (_, bad, field) => {
    expect(serviceTaskProblem(bad)).toMatchObject({ code: 'INVALID_SERVICE_TASK', field });
    const error = thrown(() => withServiceTask(lifestyleGuidancePath, bad as never));
    expect(error.code).toBe('INVALID_SERVICE_TASK');
    expect(error.pathId).toBe('lifestyle-guidance');
    expect(error.message).toContain(`serviceTask.coding.${field}`);
    if (typeof bad[field as 'code'] === 'string' && String(bad[field as 'code']).length > 0) {
      expect(error.message).not.toContain(String(bad[field as 'code']));
    }
  });

  it('refuses a coding that is not an object', () => {
    expect(serviceTaskProblem(null)).toMatchObject({ code: 'INVALID_SERVICE_TASK', field: 'coding' });
    expect(serviceTaskProblem(['urn:x:y', 'z'])).toMatchObject({ field: 'coding' });
  });

  it('is checked by definePath: a note in every language, a cited seed among the sources, a well-formed coding', () => {
    const base = lifestyleGuidancePath;
    const noSv = thrown(() => definePath({ ...base, serviceTask: { note: { fi: 'x', sv: ' ', en: 'x' } } } as never));
    expect(noSv).toMatchObject({ code: 'INVALID_SERVICE_TASK' });
    expect(noSv.message).toContain("serviceTask.note has no 'sv' label");
    const uncited = thrown(() =>
      definePath({ ...base, serviceTask: { ...base.serviceTask!, source: { seed: '002_f1ffdd193307e45a.txt', lines: '1' } } }),
    );
    expect(uncited.code).toBe('INVALID_SERVICE_TASK');
    const badCoding = thrown(() => definePath({ ...base, serviceTask: { ...base.serviceTask!, coding: { system: 'x', code: 'y' } } }));
    expect(badCoding).toMatchObject({ code: 'INVALID_SERVICE_TASK' });
    expect(definePath({ ...base, serviceTask: { ...base.serviceTask!, coding } }).serviceTask?.coding).toEqual(coding);
    // Every other fault keeps the general code.
    expect(thrown(() => definePath({ ...base, id: 'Not An Id' })).code).toBe('INVALID_PATH_DEFINITION');
  });
});
