import { describe, expect, it } from 'vitest';
import { checkPath, createMemoryStore } from 'kykypolku';
import { buildReport, historiesFromStore, summarizeCases, summarizePathCheck, type PathCheckSummary } from 'kykypolku/diagram';
import { workabilityPath } from 'kykypolku/paths';
import { simulateCohort } from '../../src/cohort/simulateCohort.js';
import { reviewPath, reviewPathWithoutGuard } from '../support/reviewPath.js';

const cohort = simulateCohort(workabilityPath, { clients: 200, seed: 5, faultRate: 0 });
const histories = cohort.cases.map((caseRef) => caseRef.history);

describe('summarizeCases', () => {
  it('counts the cases that reached each state as the cohort does, and every closed case by its end reason', () => {
    const summary = summarizeCases(workabilityPath, histories);
    expect(summary).toMatchObject({ pathId: 'workability-path', cases: 200, skipped: 0 });
    for (const [state, count] of Object.entries(cohort.reached)) expect(summary.reached[state], state).toBe(count);
    const closed = cohort.cases.filter((caseRef) => caseRef.state.status === 'closed');
    expect(summary.closed).toBe(closed.length);
    for (const outcome of Object.keys(workabilityPath.outcomes)) {
      expect(summary.endReasons[outcome] ?? 0, outcome).toBe(closed.filter((caseRef) => caseRef.state.outcome === outcome).length);
    }
    expect(summary.now).toBe(histories.flat().map((event) => event.at).sort().at(-1));
  });

  it('counts a deadline as overdue exactly when the case itself says so at the same instant', () => {
    const now = '2025-09-01T00:00:00Z';
    const summary = summarizeCases(workabilityPath, histories, { now });
    for (const deadline of workabilityPath.deadlines) {
      const due = cohort.cases.filter((caseRef) => caseRef.state.status === 'open').flatMap((caseRef) => caseRef.deadlines(now)).filter((item) => item.id === deadline.id);
      expect(summary.deadlines[deadline.id]).toEqual({ due: due.length, overdue: due.filter((item) => item.overdue).length });
    }
  });

  it('measures a stay in a state from the event that entered it to the event that left it, in days', () => {
    const at = (day: number) => `2025-01-${String(day).padStart(2, '0')}T08:00:00.000Z`;
    const event = (seq: number, type: string, day: number, payload: Record<string, unknown>) => ({ caseId: 'c', seq, type, at: at(day), actor: { role: 'author', id: 'a' }, payload, path: { id: 'review-path', version: 1 } });
    const summary = summarizeCases(reviewPath, [[event(1, 'SUBMITTED', 1, { priority: 'low' }), event(2, 'PAUSED', 4, {}), event(3, 'RESUMED', 11, {})]]);
    expect(summary.timeInState['active.review']).toMatchObject({ count: 1, median: 3 });
    expect(summary.timeInState['active.waiting']).toMatchObject({ count: 1, median: 7 });
    expect(summary.timeInState.draft).toMatchObject({ count: 1, median: 0 });
  });
});

describe('buildReport', () => {
  it('reads the same cases from a store as from the cohort that recorded them', async () => {
    const store = createMemoryStore();
    for (const history of histories) await store.append(history[0]!.caseId, history, { expectedSeq: 0 });
    const fromStore = await historiesFromStore(store, 'workability-path');
    expect(summarizeCases(workabilityPath, fromStore)).toEqual(summarizeCases(workabilityPath, histories));
  });

  it('writes the same bytes for the same input, with no clock and no absolute path in them', async () => {
    const first = await buildReport([{ definition: workabilityPath, histories, casesFrom: 'test cohort' }], { lang: 'sv' });
    const second = await buildReport([{ definition: workabilityPath, histories, casesFrom: 'test cohort' }], { lang: 'sv' });
    expect(first.files).toEqual(second.files);
    expect(first.files.map((file) => file.name)).toEqual(['index.html', 'workability-path.html']);
    for (const file of first.files) expect(file.text).not.toContain(process.cwd());
  });

  it('shows the model checker’s verdict when given, with each rule and its counterexample', async () => {
    const check: PathCheckSummary = {
      status: 'violated',
      states: 12,
      transitions: 40,
      rules: [{ id: 'approved-before-done', verdict: 'violated', counterexample: ['Submitted (author)', 'Done (reviewer)'] }],
      findings: ['no dead ends'],
    };
    const report = await buildReport([{ definition: reviewPath, check }], { lang: 'en' });
    const page = report.files.find((file) => file.name === 'review-path.html')!.text;
    expect(page).toContain('<p class="status-violated">A rule is broken. 12 states, 40 transitions.</p>');
    expect(page).toContain('<pre>Submitted (author)\nDone (reviewer)</pre>');
    expect(page).toContain('No cases.');
  });

  it('summarises checkPath: a proven path, and a path whose forgotten guard the checker catches with a counterexample', () => {
    const proven = summarizePathCheck(workabilityPath, checkPath(workabilityPath), 'fi');
    expect(proven).toMatchObject({ status: 'proved', rules: workabilityPath.rules.map((rule) => ({ id: rule.id, verdict: 'held' })) });
    expect(proven.states).toBeGreaterThan(0);
    const broken = summarizePathCheck(reviewPathWithoutGuard, checkPath(reviewPathWithoutGuard), 'en');
    expect(broken.status).toBe('violated');
    const [rule] = broken.rules;
    expect(rule).toMatchObject({ id: 'approved-before-done', verdict: 'violated' });
    expect(rule!.counterexample!.join('\n')).toContain('Done');
  });
});
