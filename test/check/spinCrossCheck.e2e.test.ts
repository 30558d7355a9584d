// SPIN is the outside referee of checkPath: the same path exported to Promela, explored by SPIN's
// own search, must reach the same number of states, and find a violation on the same mutated
// machines with a shortest trail as long as checkPath's shortest counterexample.
import { describe, it } from 'vitest';
import { checkGuards, checkPath, openCase, toPromela, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { gatePath, pausePath, sessionPath, sessionPathWithoutGuard, shapePath } from '../support/checkerFixtures.js';
import { reviewPath, reviewPathWithoutGuard } from '../support/reviewPath.js';
import { spinWillRun } from '../support/referees.js';
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

// Without SPIN on the PATH these are skipped, and `npm test` says so in its last line; CI sets
// KYKYPOLKU_REQUIRE_REFEREES=1, which makes a missing SPIN a failure instead.
describe.runIf(spinWillRun)('SPIN reaches the same states as checkPath', () => {
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

describe.runIf(spinWillRun)(
  'SPIN finds a violation on the same mutated machines, with a trail as short as the shortest counterexample',
  () => {
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
        const outcome = caseRef.record({
          type,
          at: new Date(Date.UTC(2025, 0, 6 + step, 8)).toISOString(),
          actor: { role, id: `${role}-1` },
          payload,
        } as never);
        if (step < spin.trail.length - 1) expect(outcome.ok).toBe(true);
        else expect(outcome.rejection).toMatchObject({ code: 'RULE_VIOLATED', ruleId: spin.violated });
      });
    });
  },
);
