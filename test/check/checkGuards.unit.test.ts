import { describe, expect, it } from 'vitest';
import { checkGuards, formatGuardCheck, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { forgottenConsentPath, gatePath } from '../support/checkerFixtures.js';
import { reviewPath } from '../support/reviewPath.js';

describe('checkGuards', () => {
  it('justifies a gate by the rule its removal breaks, with the shortest counterexample', () => {
    const check = checkGuards(reviewPath);
    const approved = check.guards.find((guard) => guard.guard === 'approved')!;
    expect(approved).toMatchObject({ kind: 'gate', verdict: 'caught', enforces: ['approved-before-done'] });
    expect(approved.mutations).toMatchObject([
      { value: true, states: 12, transitions: 43, changed: true, complete: true, brokenRules: ['approved-before-done'] },
    ]);
    expect(approved.brokenRules[0]?.inputs.map((input) => input.type)).toEqual(['SUBMITTED', 'DONE']);
  });

  it('tries a routing guard both ways and reports that it routes when no rule stands behind the route', () => {
    const highPriority = checkGuards(reviewPath).guards.find((guard) => guard.guard === 'highPriority')!;
    expect(highPriority).toMatchObject({ kind: 'routing', verdict: 'routes', brokenRules: [] });
    // Always true: a low-priority submission goes to the urgent review too (13 states); always
    // false: nothing is ever urgent (11 states).
    expect(highPriority.mutations.map(({ value, states, changed }) => ({ value, states, changed }))).toEqual([
      { value: true, states: 13, changed: true },
      { value: false, states: 11, changed: true },
    ]);
    expect(checkGuards(reviewPath).justified).toBe(true);
  });

  it('reports a gate no rule stands behind, a dead guard, an unused one and an enforcedBy gap', () => {
    const check = checkGuards(gatePath);
    expect(check.guards.map(({ guard, kind, verdict }) => ({ guard, kind, verdict }))).toEqual([
      { guard: 'isReady', kind: 'gate', verdict: 'not-caught' },
      { guard: 'notArchived', kind: 'gate', verdict: 'dead' },
      { guard: 'spare', kind: 'gate', verdict: 'unused' },
    ]);
    expect(check.enforcementGaps).toEqual([{ ruleId: 'nothing-archived-moves', guard: 'notArchived' }]);
    // What removing isReady lets through, the shortest way: going before being ready.
    expect(check.guards[0]!.mutations[0]!.witness).toEqual({
      change: 'added',
      trace: {
        inputs: [{ type: 'WENT', at: '2025-01-06T08:00:00Z', actor: { role: 'worker', id: 'worker-1' }, payload: {} }],
        states: ['waiting', 'going'],
      },
    });
    expect(check.justified).toBe(false);
    const report = formatGuardCheck(gatePath, check);
    expect(report).toContain(
      '✗ isReady (gate) — ready: NOT justified: removing it changes the path but breaks no rule (a rule is missing?)',
    );
    expect(report).toContain(
      [
        '        for example, this becomes possible:',
        '          1. 2025-01-06T08:00:00Z  Went [WENT] — Worker',
        '             Waiting → Going',
      ].join('\n'),
    );
    expect(report).toContain(
      "rule 'nothing-archived-moves' names guard 'notArchived' in enforcedBy, but removing the guard does not break the rule",
    );
    expect(report).toMatch(/NOT justified: 3 guard\(s\), 1 enforcedBy gap\(s\)\.$/);
  });

  it('calls back before each guard', () => {
    const seen: string[] = [];
    checkGuards(reviewPath, { onGuard: (guard, index, total) => seen.push(`${index + 1}/${total} ${guard}`) });
    expect(seen).toEqual(['1/2 approved', '2/2 highPriority']);
  });
});

describe('checkGuards on every built-in path', () => {
  it.each(builtInPaths.map((path) => [path.id, path] as const))(
    '%s: every guard a rule names breaks that rule when removed',
    (_id, path) => {
      const check = checkGuards(path as AnyPathDefinition);
      expect(check.baseline).toMatchObject({ proven: true, complete: true });
      expect(check.enforcementGaps).toEqual([]);
      const enforcing = new Set(path.rules.flatMap((rule) => rule.enforcedBy as readonly string[]));
      for (const guard of check.guards.filter((found) => enforcing.has(found.guard))) {
        expect(guard.verdict, guard.guard).toBe('caught');
      }
      // Every guard does something: none is dead, unused or undecided.
      expect(check.guards.filter((guard) => ['dead', 'unused', 'undecided'].includes(guard.verdict))).toEqual([]);
    },
  );
});

describe('checkGuards on a path whose rule is broken before any guard is removed', () => {
  it('justifies no guard by a rule that was already broken, and says which rules those are', () => {
    const check = checkGuards(forgottenConsentPath);
    const planAgreed = check.guards.find((guard) => guard.guard === 'planAgreed')!;
    // Removing the guard lets the meeting happen before the plan; the consent rule was broken anyway.
    expect(planAgreed).toMatchObject({ kind: 'gate', verdict: 'not-caught', brokenRules: [] });
    expect(planAgreed.mutations).toMatchObject([{ value: true, changed: true, brokenRules: [] }]);
    expect(check.baseline.violatedRules).toEqual(['consent-before-team-meeting']);
    expect(check.justified).toBe(false);
    const report = formatGuardCheck(forgottenConsentPath, check);
    expect(report).not.toContain('justified: removing it breaks');
    expect(report).toContain(
      '✗ planAgreed (gate) — plan agreed: NOT justified: removing it changes the path but breaks no rule that held before (fix the rules already broken, then check again)',
    );
    expect(report).toContain('✗ already broken before any guard is removed, so justifying no guard: consent-before-team-meeting');
    expect(formatGuardCheck(forgottenConsentPath, check, { lang: 'fi' })).toContain(
      '✗ rikki jo ennen kuin yhtään ehtoa poistetaan, eikä siksi perustele mitään ehtoa: consent-before-team-meeting',
    );
  });

  it('still justifies a guard by a rule that held before it was removed', () => {
    const check = checkGuards(reviewPath);
    expect(check.baseline.violatedRules).toEqual([]);
    expect(check.guards.find((guard) => guard.guard === 'approved')).toMatchObject({ verdict: 'caught' });
  });
});
