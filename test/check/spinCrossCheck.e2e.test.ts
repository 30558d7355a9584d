// SPIN is the outside referee of checkPath: the same path exported to Promela, explored by SPIN's
// own search, must reach the same number of states, and find a violation on the same mutated
// machines with a shortest trail as long as checkPath's shortest counterexample.
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { z } from 'zod';
import { checkGuards, checkPath, definePath, openCase, toPromela, type AnyPathDefinition, type MachineEventOf } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { gatePath, pausePath, sessionPath, sessionPathWithoutGuard, shapePath } from '../support/checkerFixtures.js';
import { reviewPath, reviewPathWithoutGuard } from '../support/reviewPath.js';
import { runSpin } from '../support/spin.js';

const sessionCeilings = { counterCeilings: { sessions: 3 } };

const paths: readonly (readonly [string, AnyPathDefinition, { counterCeilings?: Record<string, number> }])[] = [
  ...builtInPaths.map((path) => [path.id, path as AnyPathDefinition, {}] as const),
  ['review-path', reviewPath, {}],
  ['pause-path (history state, entry action)', pausePath, {}],
  ['session-path (counter with a ceiling)', sessionPath, sessionCeilings],
  ['shape-path (dead end, loop, unreached state)', shapePath, {}],
  ['gate-path (and-guard)', gatePath, {}],
];

function exported(definition: AnyPathDefinition, options = {}) {
  const result = toPromela(definition, options);
  if (!result.ok) throw new Error(result.failure.message);
  return result;
}

describe('SPIN reaches the same states as checkPath', () => {
  // Concurrent: several verifiers compile and run at once; each test asserts with its own expect.
  it.concurrent.for(paths)('%s', async ([, definition, options], { expect }) => {
    const check = checkPath(definition, options);
    const spin = await runSpin(definition.id, exported(definition, options).text);
    expect(spin.errors).toBe(0);
    expect(spin.states).toBe(check.states);
  });
});

/** Each built-in path with each guard removed whose removal breaks a rule, as checkGuards removes it. */
const mutants = builtInPaths.flatMap((path) =>
  checkGuards(path as AnyPathDefinition)
    .guards.filter((guard) => guard.verdict === 'caught')
    .map((guard) => {
      const value = guard.mutations.find((mutation) => mutation.brokenRules.length > 0)!.value;
      const machine = path.machine.provide({ guards: { [guard.guard]: () => value } } as never);
      return [`${path.id} with ${guard.guard} always ${value}`, { ...path, machine } as AnyPathDefinition, {}] as const;
    }),
);

describe('SPIN finds a violation on the same mutated machines, with a trail as short as the shortest counterexample', () => {
  it.concurrent.for([
    ...mutants,
    ['review-path without approved', reviewPathWithoutGuard as AnyPathDefinition, {}] as const,
    ['session-path without enoughSessions', sessionPathWithoutGuard as AnyPathDefinition, sessionCeilings] as const,
  ])('%s', async ([name, definition, options], { expect }) => {
    const check = checkPath(definition, options);
    const broken = check.rules.filter((verdict) => verdict.verdict === 'violated');
    expect(broken.length).toBeGreaterThan(0);
    const { text, mapping } = exported(definition, options);
    const spin = await runSpin(name.replaceAll(' ', '-'), text, { bfs: true });
    expect(spin.errors).toBe(1);
    expect(spin.trail.length).toBe(Math.min(...broken.map((verdict) => verdict.counterexample!.inputs.length)));
    expect(broken.map((verdict) => verdict.ruleId)).toContain(spin.violated);
    // SPIN's trail, recorded on a case: accepted up to the last input, which breaks that rule.
    const caseRef = openCase(definition, { caseId: 'spin-trail' });
    spin.trail.forEach((input, step) => {
      const { type, payload, role } = mapping.inputs[input]!;
      const outcome = caseRef.record({ type, at: new Date(Date.UTC(2025, 0, 6 + step, 8)).toISOString(), actor: { role, id: `${role}-1` }, payload } as never);
      if (step < spin.trail.length - 1) expect(outcome.ok).toBe(true);
      else expect(outcome.rejection).toMatchObject({ code: 'RULE_VIOLATED', ruleId: spin.violated });
    });
  });
});

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
    expect(toPromela(lanes)).toEqual({ ok: false, failure: { code: 'UNSUPPORTED_MACHINE', message: "path 'lanes': state '(root)' is parallel" } });
    expect(checkPath(lanes).states).toBe(2); // the checker itself handles parallel states
  });
});
