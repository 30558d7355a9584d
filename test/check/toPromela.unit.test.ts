// toPromela on its own: the text it writes and what it refuses. Whether SPIN agrees with the
// checker on that text is test/check/spinCrossCheck.e2e.test.ts.
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { z } from 'zod';
import { checkPath, definePath, toPromela, type AnyPathDefinition, type MachineEventOf } from 'kykypolku';
import { sessionPath } from '../support/checkerFixtures.js';
import { reviewPath } from '../support/reviewPath.js';

function exported(definition: AnyPathDefinition) {
  const result = toPromela(definition);
  if (!result.ok) throw new Error(result.failure.message);
  return result;
}

describe('toPromela', () => {
  it('writes the same text every time', () => {
    expect(exported(reviewPath).text).toBe(exported(reviewPath).text);
  });

  it('names every input by its number, as the model prints it', () => {
    const { text, mapping } = exported(reviewPath);
    expect(mapping.inputs[7]).toEqual({ type: 'DONE', payload: {}, role: 'reviewer' });
    expect(text).toContain('/* EVENT 7 = DONE {} (reviewer) */');
    expect(mapping.configurations).toEqual(['draft', 'active.review', 'active.urgent', 'active.waiting', 'done']);
  });

  it('refuses a counter without a ceiling with CONTEXT_TOO_LARGE', () => {
    const result = toPromela(sessionPath);
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ code: 'CONTEXT_TOO_LARGE' });
    expect(result.failure?.message).toMatch(/context field 'sessions' takes more than 255 values; if it counts, give it a ceiling/);
  });

  it('refuses a machine with parallel states with UNSUPPORTED_MACHINE', () => {
    const events = { TICKED: z.strictObject({}) };
    const machine = setup({ types: { events: {} as MachineEventOf<typeof events> } }).createMachine({
      id: 'lanes',
      type: 'parallel',
      states: { left: { initial: 'a', states: { a: { on: { TICKED: 'b' } }, b: {} } }, right: { initial: 'c', states: { c: {} } } },
    });
    const label = (en: string) => ({ fi: en, sv: en, en });
    const lanes = definePath({
      id: 'lanes',
      version: 1,
      title: label('Lanes'),
      machine,
      events,
      roles: { worker: label('Worker') },
      permissions: { TICKED: ['worker'] },
      labels: {
        states: { left: label('Left'), 'left.a': label('A'), 'left.b': label('B'), right: label('Right'), 'right.c': label('C') },
        events: { TICKED: label('Ticked') },
        guards: {},
      },
      rules: [],
      deadlines: [],
      outcomes: {},
      outcomeOf: () => undefined,
      sources: [],
    });
    expect(toPromela(lanes)).toEqual({
      ok: false,
      failure: { code: 'UNSUPPORTED_MACHINE', message: "path 'lanes': state '(root)' is parallel" },
    });
    expect(checkPath(lanes).states).toBe(2); // the checker itself handles parallel states
  });
});
