import { describe, expect, it } from 'vitest';
import { checkPath, formatCounterexample, formatPathCheck, openCase, type AnyPathDefinition, type CheckProgress } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { datedPath, pausePath, sessionPath, sessionPathWithoutGuard, shapePath } from '../support/checkerFixtures.js';
import { reviewPath, reviewPathWithoutGuard } from '../support/reviewPath.js';

function complete<D extends AnyPathDefinition>(definition: D, options?: Parameters<typeof checkPath>[1]) {
  const check = checkPath(definition, options);
  if (!check.complete) throw new Error(`expected a complete check of ${definition.id}, got ${check.stop.code}`);
  return check;
}

describe('checkPath on hand-made paths whose state spaces are counted by hand', () => {
  it('counts the review path: 12 states and 43 transitions, and proves its rule', () => {
    // draft; per priority (low, high): review and waiting, each approved or not (4 × 2); the urgent
    // review of a high-priority document (1); done, approved, per priority (2). 1 + 8 + 1 + 2 = 12.
    const check = complete(reviewPath);
    expect(check).toMatchObject({ states: 12, transitions: 43, violatingTransitions: 0, depth: 3, alphabet: 8, proven: true });
    expect(check.rules).toEqual([{ ruleId: 'approved-before-done', verdict: 'held' }]);
    expect(check.deadEnds.count).toBe(0);
    expect(check.cannotFinish.count).toBe(0);
    expect(check.unreachedStates).toEqual([]);
  });

  it('finds the forgotten guard on DONE with the shortest counterexample: submit, then done', () => {
    const check = complete(reviewPathWithoutGuard);
    // DONE without approval from review and waiting (per priority) and from the urgent review.
    expect(check).toMatchObject({ states: 12, transitions: 43, violatingTransitions: 5, proven: false });
    const [verdict] = check.rules;
    expect(verdict?.verdict).toBe('violated');
    expect(verdict?.counterexample).toEqual({
      ruleId: 'approved-before-done',
      inputs: [
        { type: 'SUBMITTED', at: '2025-01-06T08:00:00Z', actor: { role: 'author', id: 'author-1' }, payload: { priority: 'low' } },
        { type: 'DONE', at: '2025-01-07T08:00:00Z', actor: { role: 'reviewer', id: 'reviewer-1' }, payload: {} },
      ],
      states: ['draft', 'active.review', 'done'],
    });
  });

  it('gives counterexamples a case accepts up to the last input, which only the runtime safety net refuses', () => {
    const { counterexample } = complete(reviewPathWithoutGuard).rules[0]!;
    const caseRef = openCase(reviewPathWithoutGuard, { caseId: 'counterexample' });
    const inputs = counterexample!.inputs;
    for (const input of inputs.slice(0, -1)) expect(caseRef.record(input).ok).toBe(true);
    const last = caseRef.record(inputs.at(-1)!);
    expect(last.ok).toBe(false);
    expect(last.rejection).toMatchObject({ code: 'RULE_VIOLATED', ruleId: 'approved-before-done' });
  });

  it('saturates a counter at its ceiling: 0, 1, 2, 3+ sessions, and closed', () => {
    const check = complete(sessionPath, { counterCeilings: { sessions: 3 } });
    expect(check).toMatchObject({ states: 5, transitions: 5, depth: 4, proven: true });
  });

  it('stops with STATE_BUDGET_EXCEEDED, never a hang, when a counter has no ceiling', () => {
    const check = checkPath(sessionPath, { maxStates: 50 });
    expect(check.complete).toBe(false);
    expect(check.proven).toBe(false);
    expect(check.stop).toMatchObject({ code: 'STATE_BUDGET_EXCEEDED', maxStates: 50 });
    expect(check.states).toBe(50);
    expect(check.rules).toEqual([{ ruleId: 'three-sessions-before-closing', verdict: 'undecided' }]);
  });

  it('still reports a violation found before the budget ran out', () => {
    const check = checkPath(sessionPathWithoutGuard, { maxStates: 50 });
    expect(check.complete).toBe(false);
    expect(check.rules[0]).toMatchObject({ verdict: 'violated', counterexample: { inputs: [{ type: 'CLOSED' }] } });
  });

  it('stops with TIME_BUDGET_EXCEEDED by the clock it is given, and reads no clock of its own', () => {
    let now = 0;
    const clock = () => (now += 10);
    const check = checkPath(sessionPath, { timeBudget: { ms: 25, clock } });
    expect(check.stop).toMatchObject({ code: 'TIME_BUDGET_EXCEEDED', timeBudgetMs: 25 });
    expect(check.complete).toBe(false);
  });

  it('reports progress while it runs and once at the end', () => {
    const seen: CheckProgress[] = [];
    const check = complete(reviewPath, { onProgress: (progress) => seen.push(progress), progressEvery: 4 });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual({ states: 12, transitions: 43, frontier: 0, depth: 3 });
    expect(check.elapsedMs).toBeUndefined();
  });

  it('tells states apart by their history value: nine states on the pause path', () => {
    // working.first and working.second before any pause; paused remembering first or second;
    // done from second before any pause; back at first or second after a pause, remembering where
    // work was when paused (first → first, second → second, and second reached again from first);
    // done after a pause. Finishing leaves 'working', so history records 'second' either way.
    const check = complete(pausePath);
    expect(check.states).toBe(9);
    expect(check.proven).toBe(true);
  });

  it('finds dead ends, states that can never close, and what is never reached', () => {
    const check = complete(shapePath);
    expect(check.states).toBe(4);
    expect(check.deadEnds.count).toBe(1);
    expect(check.deadEnds.examples[0]).toMatchObject({
      state: { name: 'stuck' },
      trace: { inputs: [{ type: 'STARTED', payload: { way: 'stuck' } }], states: ['idle', 'stuck'] },
    });
    expect(check.cannotFinish.count).toBe(2);
    expect(check.cannotFinish.examples.map((example) => example.state.name)).toEqual(['stuck', 'loop']);
    expect(check.unreachedStates).toEqual(['orphan']);
    expect(check.unreachedEvents).toEqual(['ORPHAN_LEFT']);
    expect(check.unrecordableEvents).toEqual(['ADMIN_CLOSED']);
    expect(check.proven).toBe(true); // no rules: nothing to break
  });

  it('warns when a guard branches on a date, which it tries at one sample value only', () => {
    const check = complete(datedPath);
    expect(check.warnings).toEqual([
      {
        code: 'GUARD_READS_OPEN_FIELD',
        message: "guard 'inFuture' reads BOOKED.on, which the checker tries at one sample value only",
        eventType: 'BOOKED',
        field: 'on',
        name: 'inFuture',
      },
    ]);
    expect(formatPathCheck(datedPath, check)).toContain(
      "! 'inFuture' reads BOOKED.on, which the checker tries at one sample value only: do not branch on it",
    );
  });

  it('refuses bad options with a message that names the fix', () => {
    expect(() => checkPath(reviewPath, { maxStates: 0 })).toThrow(/maxStates must be a positive integer/);
    expect(() => checkPath(reviewPath, { timeBudget: { ms: 10 } as never })).toThrow(/needs ms ≥ 0 and a clock/);
    expect(() => checkPath(reviewPath, { start: 'yesterday' })).toThrow(/start must be an ISO instant/);
  });
});

describe('checkPath on every built-in path', () => {
  it.each(builtInPaths.map((path) => [path.id, path] as const))(
    '%s: every rule holds, no dead end, every state and event reached',
    (_id, path) => {
      const check = complete(path as AnyPathDefinition);
      expect(check.rules.filter((verdict) => verdict.verdict !== 'held')).toEqual([]);
      expect(check.proven).toBe(true);
      expect(check.deadEnds.count).toBe(0);
      expect(check.cannotFinish.count).toBe(0);
      expect(check.unreachedStates).toEqual([]);
      expect(check.unreachedEvents).toEqual([]);
      expect(check.unrecordableEvents).toEqual([]);
      expect(check.warnings).toEqual([]);
    },
  );
});

describe('reports', () => {
  it('prints a counterexample in the path’s labels, in Finnish, Swedish or English', () => {
    const { counterexample } = complete(reviewPathWithoutGuard).rules[0]!;
    expect(formatCounterexample(reviewPathWithoutGuard, counterexample!, { lang: 'en' })).toBe(
      [
        'Shortest counterexample (2 inputs) — approved-before-done: A document is done only once approved. (test-fixture.txt:1)',
        '  1. 2025-01-06T08:00:00Z  Submitted [SUBMITTED] — Author  {priority: low}',
        '     Draft → In review',
        '  2. 2025-01-07T08:00:00Z  Done [DONE] — Reviewer',
        '     In review → Done   ✗ breaks the rule',
      ].join('\n'),
    );
    expect(formatCounterexample(reviewPathWithoutGuard, counterexample!, { lang: 'fi' })).toContain(
      'fi: In review → fi: Done   ✗ rikkoo säännön',
    );
    expect(formatCounterexample(reviewPathWithoutGuard, counterexample!, { lang: 'sv' })).toContain('Kortaste motexempel (2 indata)');
  });

  it('ends a report with the verdict', () => {
    expect(formatPathCheck(reviewPath, complete(reviewPath))).toMatch(/Proven: every rule holds in every reachable state\.$/);
    expect(formatPathCheck(reviewPathWithoutGuard, complete(reviewPathWithoutGuard), { lang: 'fi' })).toMatch(/EI todistettu/);
    expect(formatPathCheck(sessionPath, checkPath(sessionPath, { maxStates: 10 }))).toContain('STATE_BUDGET_EXCEEDED');
  });
});
