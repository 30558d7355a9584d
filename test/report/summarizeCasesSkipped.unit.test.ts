import { describe, expect, it } from 'vitest';
import { openCase, replayCase, type RecordedEvent } from 'kykypolku';
import { summarizeCases } from 'kykypolku/diagram';
import { sessionPath, sessionPathWithoutGuard } from '../support/checkerFixtures.js';

// summarizeCases steps stored histories through the path's machine. A history the path would not
// accept as given (an event the machine refuses, a step that breaks a rule, an event after the case
// closed, an event type of another path) is `skipped`, not counted as a case that stood still.

const at = (day: number) => `2025-01-${String(day).padStart(2, '0')}T08:00:00.000Z`;
const event = (seq: number, type: string, pathId = 'session-path'): RecordedEvent => ({
  caseId: 'case-1',
  seq,
  type,
  at: at(seq),
  actor: { role: 'coach', id: 'c-1' },
  payload: {},
  path: { id: pathId, version: 1 },
});
const sessions = (count: number) => Array.from({ length: count }, (_, index) => event(index + 1, 'SESSION_HELD'));

describe('summarizeCases: a history the path would refuse is skipped', () => {
  it('counts a history accepted as given as a case (the baseline)', () => {
    const history = [...sessions(3), event(4, 'CLOSED')];
    expect(replayCase(sessionPath, history).ok).toBe(true);
    expect(summarizeCases(sessionPath, [history])).toMatchObject({ cases: 1, closed: 1, skipped: 0 });
  });

  it('skips a history with an event the machine refuses (a guard says no), and counts the others', () => {
    const refused = [event(1, 'SESSION_HELD'), event(2, 'CLOSED')];
    // The runtime refuses the same event: CLOSED needs three sessions.
    const caseRef = openCase(sessionPath, { caseId: 'c' });
    caseRef.record({ type: 'SESSION_HELD', at: at(1), actor: { role: 'coach', id: 'c-1' } });
    expect(caseRef.record({ type: 'CLOSED', at: at(2), actor: { role: 'coach', id: 'c-1' } })).toMatchObject({
      ok: false,
      rejection: { code: 'RULE_VIOLATED' },
    });
    const summary = summarizeCases(sessionPath, [refused, [...sessions(3), event(4, 'CLOSED')]]);
    expect(summary).toMatchObject({ cases: 1, closed: 1, skipped: 1 });
    expect(summary.reached.guidance).toBe(1);
    expect(summary.openByState).toEqual({});
  });

  it('skips a history with an event after the case closed', () => {
    const history = [...sessions(3), event(4, 'CLOSED'), event(5, 'SESSION_HELD')];
    expect(summarizeCases(sessionPath, [history])).toMatchObject({ cases: 0, closed: 0, skipped: 1 });
  });

  it('skips a history with an event type the path does not have', () => {
    const history = [event(1, 'SESSION_HELD'), event(2, 'NOT_OF_THIS_PATH')];
    expect(summarizeCases(sessionPath, [history])).toMatchObject({ cases: 0, skipped: 1 });
  });

  it('skips a history whose step the machine takes but a rule forbids (the unguarded variant)', () => {
    const history = [event(1, 'CLOSED', 'session-path-unguarded')];
    expect(replayCase(sessionPathWithoutGuard, history).ok).toBe(false);
    expect(summarizeCases(sessionPathWithoutGuard, [history])).toMatchObject({ cases: 0, closed: 0, skipped: 1 });
  });
});
