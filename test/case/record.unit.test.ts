import { describe, expect, it, vi } from 'vitest';
import { openCase, PathRuntimeError, rejectionCodes, replayCase, type Rejection } from 'kykypolku';
import { givenCase } from 'kykypolku/testing';
import { author, reviewer, reviewPath, reviewPathWithoutGuard } from '../support/reviewPath.js';

const submitted = { type: 'SUBMITTED', at: '2025-05-01T09:00:00Z', actor: author, payload: { priority: 'low' } } as const;
const approved = { type: 'REVIEWED', at: '2025-05-02T09:00:00Z', actor: reviewer, payload: { approved: true } } as const;
const rejected = { type: 'REVIEWED', at: '2025-05-02T09:00:00Z', actor: reviewer, payload: { approved: false } } as const;
const done = { type: 'DONE', at: '2025-05-03T09:00:00Z', actor: reviewer } as const;

describe('recording an event', () => {
  it('commits an accepted event as a RecordedEvent with seq, time, actor, payload and path', () => {
    const caseRef = openCase(reviewPath, { caseId: 'doc-1' });
    const outcome = caseRef.record(submitted);
    expect(outcome).toEqual({
      ok: true,
      alreadyRecorded: false,
      event: {
        caseId: 'doc-1',
        seq: 1,
        type: 'SUBMITTED',
        at: '2025-05-01T09:00:00Z',
        actor: { role: 'author', id: 'a-1' },
        payload: { priority: 'low' },
        path: { id: 'review-path', version: 1 },
      },
    });
    expect(caseRef.seq).toBe(1);
    expect(caseRef.state).toMatchObject({ value: { active: 'review' }, status: 'open', outcome: undefined });
    expect(caseRef.stateName).toBe('active.review');
  });

  it('takes a payload-less event without a payload', () => {
    givenCase(reviewPath, [submitted, approved]).when(done).thenAccepted('done');
  });

  it('follows the first transition whose guard holds', () => {
    givenCase(reviewPath)
      .when({ ...submitted, payload: { priority: 'high' } })
      .thenAccepted('active.urgent');
  });

  it('closes the case with its outcome in a final state', () => {
    const caseRef = givenCase(reviewPath, [submitted, approved]).when(done).thenAccepted();
    expect(caseRef.state).toMatchObject({ value: 'done', status: 'closed', outcome: 'finished' });
  });

  describe('refuses, with a typed rejection and nothing changed', () => {
    it('UNKNOWN_EVENT_TYPE for a type the path does not have', () => {
      givenCase(reviewPath)
        .when({ ...submitted, type: 'PUBLISHED' } as never)
        .thenRejected('UNKNOWN_EVENT_TYPE', { eventType: 'PUBLISHED' });
    });

    it('INVALID_EVENT with zod issues for a bad payload', () => {
      const rejection = givenCase(reviewPath)
        .when({ ...submitted, payload: { priority: 'urgent' } } as never)
        .thenRejected('INVALID_EVENT');
      expect(rejection.issues).toEqual([expect.objectContaining({ code: 'invalid_value', path: ['payload', 'priority'] })]);
    });

    it('INVALID_EVENT for an unknown payload field: payloads carry no free text', () => {
      givenCase(reviewPath)
        .when({ ...submitted, payload: { priority: 'low', note: 'free text' } } as never)
        .thenRejected('INVALID_EVENT');
    });

    it('INVALID_EVENT for an `at` that is not an ISO instant with an offset', () => {
      for (const at of ['2025-05-01', '2025-05-01T09:00:00', 'yesterday', '']) {
        const rejection = givenCase(reviewPath)
          .when({ ...submitted, at })
          .thenRejected('INVALID_EVENT');
        expect(rejection.issues[0]?.path).toEqual(['at']);
      }
    });

    it('INVALID_EVENT for a malformed envelope, reporting the payload too', () => {
      const rejection = givenCase(reviewPath)
        .when({ ...submitted, actor: { role: 'author' }, payload: {} } as never)
        .thenRejected('INVALID_EVENT');
      expect(rejection.issues.map((issue) => issue.path.join('.'))).toEqual(['actor.id', 'payload.priority']);
    });

    it.each([null, undefined, 42, 'SUBMITTED', [], {}, { type: 42 }])('INVALID_EVENT for %j', (input) => {
      givenCase(reviewPath)
        .when(input as never)
        .thenRejected('INVALID_EVENT');
    });

    it('ROLE_NOT_PERMITTED for a role that may not record the event', () => {
      givenCase(reviewPath, [submitted])
        .when({ ...approved, actor: author } as never)
        .thenRejected('ROLE_NOT_PERMITTED', { role: 'author', eventType: 'REVIEWED', permittedRoles: ['reviewer'] });
    });

    it('ROLE_NOT_PERMITTED for a role the path does not have', () => {
      givenCase(reviewPath)
        .when({ ...submitted, actor: { role: 'janitor', id: 'j' } } as never)
        .thenRejected('ROLE_NOT_PERMITTED');
    });

    it('CASE_CLOSED once the case has ended', () => {
      givenCase(reviewPath, [submitted, approved, done])
        .when({ ...submitted, at: '2025-06-01T00:00:00Z' })
        .thenRejected('CASE_CLOSED', { state: 'done', eventType: 'SUBMITTED' });
    });

    it('TIME_WENT_BACKWARDS for an `at` before the last event, comparing instants across offsets', () => {
      givenCase(reviewPath, [submitted])
        .when({ ...approved, at: '2025-05-01T11:59:00+03:00' })
        .thenRejected('TIME_WENT_BACKWARDS', { at: '2025-05-01T11:59:00+03:00', lastAt: '2025-05-01T09:00:00Z' });
      givenCase(reviewPath, [submitted])
        .when({ ...approved, at: '2025-05-01T12:00:00+03:00' })
        .thenAccepted();
    });

    it('NOT_ALLOWED_IN_STATE, naming the state, for an event the state has no transition for', () => {
      givenCase(reviewPath)
        .when({ ...approved, at: '2025-05-01T09:00:00Z' })
        .thenRejected('NOT_ALLOWED_IN_STATE', {
          state: 'draft',
          eventType: 'REVIEWED',
        });
    });

    it('RULE_VIOLATED, naming the rule, when a guard that enforces it refuses the event', () => {
      givenCase(reviewPath, [submitted, rejected]).when(done).thenRejected('RULE_VIOLATED', {
        ruleId: 'approved-before-done',
        state: 'active.review',
      });
    });

    it('RULE_VIOLATED even when the machine forgot the guard: every step is checked against every rule', () => {
      const scenario = givenCase(reviewPathWithoutGuard, [submitted, rejected]);
      scenario.when(done).thenRejected('RULE_VIOLATED', { ruleId: 'approved-before-done' });
      expect(scenario.caseRef.state.value).toEqual({ active: 'review' });
      // And the case goes on from where it was.
      expect(scenario.caseRef.record({ ...approved, at: '2025-05-04T00:00:00Z' }).ok).toBe(true);
      expect(scenario.caseRef.record({ ...done, at: '2025-05-05T00:00:00Z' }).ok).toBe(true);
    });
  });

  it('checks in pipeline order: type, schema, event id, role, open case, time, machine, rules', () => {
    const caseRef = openCase(reviewPath, { caseId: 'order' });
    caseRef.record({ ...submitted, eventId: 'first' });
    caseRef.record(approved);
    caseRef.record(done);
    const codeOf = (input: unknown) => (caseRef.record(input as never) as { rejection: Rejection }).rejection.code;
    // Each input is wrong in this step and every later one; the earliest check must answer.
    expect(codeOf({ type: 'NOPE', at: 'bad', actor: {}, payload: 1 })).toBe('UNKNOWN_EVENT_TYPE');
    expect(codeOf({ type: 'REVIEWED', at: 'bad', actor: author, payload: {} })).toBe('INVALID_EVENT');
    const takenId = { eventId: 'first' };
    expect(codeOf({ type: 'REVIEWED', at: '2000-01-01T00:00:00Z', actor: author, payload: {}, ...takenId })).toBe('INVALID_EVENT');
    expect(codeOf({ type: 'REVIEWED', at: '2000-01-01T00:00:00Z', actor: author, payload: { approved: true }, ...takenId })).toBe(
      'EVENT_ID_TAKEN',
    );
    expect(codeOf({ type: 'REVIEWED', at: '2000-01-01T00:00:00Z', actor: author, payload: { approved: true } })).toBe('ROLE_NOT_PERMITTED');
    expect(codeOf({ type: 'REVIEWED', at: '2000-01-01T00:00:00Z', actor: reviewer, payload: { approved: true } })).toBe('CASE_CLOSED');

    const open = openCase(reviewPath, { caseId: 'order-2' });
    open.record(submitted);
    const openCodeOf = (input: unknown) => (open.record(input as never) as { rejection: Rejection }).rejection.code;
    expect(openCodeOf({ type: 'SUBMITTED', at: '2000-01-01T00:00:00Z', actor: author, payload: { priority: 'low' } })).toBe(
      'TIME_WENT_BACKWARDS',
    );
    expect(openCodeOf({ type: 'SUBMITTED', at: '2030-01-01T00:00:00Z', actor: author, payload: { priority: 'low' } })).toBe(
      'NOT_ALLOWED_IN_STATE',
    );
    expect(openCodeOf({ type: 'DONE', at: '2030-01-01T00:00:00Z', actor: reviewer })).toBe('RULE_VIOLATED');
  });

  it('has a test above for every rejection code', () => {
    expect(rejectionCodes).toEqual([
      'UNKNOWN_EVENT_TYPE',
      'INVALID_EVENT',
      'EVENT_ID_TAKEN',
      'ROLE_NOT_PERMITTED',
      'CASE_CLOSED',
      'TIME_WENT_BACKWARDS',
      'NOT_ALLOWED_IN_STATE',
      'RULE_VIOLATED',
    ]);
  });

  it('emits recorded and rejected to listeners, and stops when asked', () => {
    const caseRef = openCase(reviewPath, { caseId: 'emit' });
    const recorded = vi.fn();
    const rejectedListener = vi.fn();
    caseRef.on('recorded', recorded).on('rejected', rejectedListener);
    caseRef.record(submitted);
    caseRef.record(done);
    expect(recorded).toHaveBeenCalledWith(caseRef.history[0]);
    expect(rejectedListener).toHaveBeenCalledWith(expect.objectContaining({ code: 'RULE_VIOLATED' }), done);
    caseRef.off('recorded', recorded);
    caseRef.record(approved);
    expect(recorded).toHaveBeenCalledTimes(1);
  });

  it('keeps recorded events and state frozen, so a host cannot change history by accident', () => {
    const caseRef = openCase(reviewPath, { caseId: 'frozen' });
    const { event } = caseRef.record(submitted);
    expect(Object.isFrozen(event)).toBe(true);
    expect(Object.isFrozen(event?.payload)).toBe(true);
    expect(Object.isFrozen(caseRef.state.context)).toBe(true);
  });

  it('keeps every event, its actor and its payload frozen, recorded and replayed, where they are shared too', () => {
    // One freeze per event: an actor who recorded the event before shares its frozen actor, and
    // every empty payload is one frozen object. Nothing a host holds is frozen or kept.
    const caseRef = openCase(reviewPath, { caseId: 'frozen-shared' });
    const hostPayload = { priority: 'low' as const };
    caseRef.record({ ...submitted, payload: hostPayload });
    caseRef.record({ type: 'COMMENTED', at: '2025-05-02T08:00:00Z', actor: author });
    caseRef.record({ type: 'COMMENTED', at: '2025-05-02T09:00:00Z', actor: author, payload: {} });
    expect(Object.isFrozen(hostPayload)).toBe(false);
    const replayed = replayCase(reviewPath, caseRef.history);
    expect(replayed.ok).toBe(true);
    for (const history of [caseRef.history, replayed.case!.history]) {
      for (const event of history) {
        expect(Object.isFrozen(event)).toBe(true);
        expect(Object.isFrozen(event.actor)).toBe(true);
        expect(Object.isFrozen(event.payload)).toBe(true);
        expect(() => {
          (event.payload as Record<string, unknown>).extra = true;
        }).toThrow(TypeError);
      }
      expect(history[0]!.payload).not.toBe(hostPayload);
      expect(history[2]!.actor).toBe(history[1]!.actor);
      expect(history[2]!.payload).toBe(history[1]!.payload);
      expect(history[1]!.payload).toEqual({});
    }
  });

  it('does not let one case change another that started from the same initial state', () => {
    const first = openCase(reviewPath, { caseId: 'first' });
    const second = openCase(reviewPath, { caseId: 'second' });
    first.record(submitted);
    first.record(approved);
    expect(second.state.context).toEqual({ approved: false, priority: null });
  });

  it('throws PathRuntimeError, not a rejection, when the definition’s own code throws, and keeps the case', () => {
    const caseRef = openCase(reviewPath, { caseId: 'bug' });
    caseRef.record(submitted);
    const rule = reviewPath.rules[0]!;
    const holds = rule.holds;
    (rule as { holds: unknown }).holds = () => {
      throw new Error('boom');
    };
    try {
      expect(() => caseRef.record(approved)).toThrow(PathRuntimeError);
    } finally {
      (rule as { holds: unknown }).holds = holds;
    }
    expect(caseRef.seq).toBe(1);
    expect(caseRef.record(approved).ok).toBe(true);
  });

  it('refuses a caseId that is not a bounded non-empty string', () => {
    expect(() => openCase(reviewPath, { caseId: '' })).toThrow(TypeError);
    expect(() => openCase(reviewPath, { caseId: 'x'.repeat(201) })).toThrow(TypeError);
  });

  it('tells whether an event would be accepted now, without recording it', () => {
    const caseRef = openCase(reviewPath, { caseId: 'accepts' });
    expect(caseRef.accepts('SUBMITTED', { priority: 'low' })).toBe(true);
    expect(caseRef.accepts('DONE')).toBe(false);
    expect(caseRef.accepts('SUBMITTED', { priority: 'nope' } as never)).toBe(false);
    expect(caseRef.seq).toBe(0);
  });

  it('lists the next events for everyone and for a role', () => {
    const caseRef = openCase(reviewPath, { caseId: 'next' });
    caseRef.record(submitted);
    expect(caseRef.nextEvents()).toEqual(['REVIEWED', 'COMMENTED', 'PAUSED', 'RESUMED']);
    expect(caseRef.nextEvents('author')).toEqual(['COMMENTED']);
    caseRef.record(approved);
    expect(caseRef.nextEvents('reviewer')).toEqual(['REVIEWED', 'COMMENTED', 'PAUSED', 'RESUMED', 'DONE']);
  });
});

describe('nested payload objects are frozen too, recorded and replayed', () => {
  // A Kykyviisari record's area scores and a referral's source are objects inside the payload: a
  // host holding the history must not be able to change them either, nor find its own input frozen.
  it('freezes every object inside a payload, never the host’s', async () => {
    const { coordinatorServicePath } = await import('kykypolku/paths');
    const { simulateCohort } = await import('kykypolku');
    const cohort = simulateCohort(coordinatorServicePath, { clients: 40, seed: 11, faultRate: 0 });
    const recorded = cohort.cases
      .map((simulated) => simulated.history)
      .find((history) => history.some((event) => event.type === 'KYKYVIISARI_RECORDED'))!;
    const json = JSON.parse(JSON.stringify(recorded)) as typeof recorded;
    const replayedJson = replayCase(coordinatorServicePath, json);
    const replayedHere = replayCase(coordinatorServicePath, recorded);
    if (!replayedJson.ok || !replayedHere.ok) throw new Error('the simulated case does not replay');
    for (const history of [recorded, replayedJson.case.history, replayedHere.case.history]) {
      const nested = history.flatMap((event) =>
        Object.values(event.payload as Record<string, unknown>).filter((value) => typeof value === 'object' && value !== null),
      );
      expect(nested.length).toBeGreaterThan(0);
      for (const value of nested) expect(Object.isFrozen(value)).toBe(true);
    }
    const hostNested = json.flatMap((event) =>
      Object.values(event.payload as Record<string, unknown>).filter((value) => typeof value === 'object' && value !== null),
    );
    expect(hostNested.length).toBeGreaterThan(0);
    for (const value of hostNested) expect(Object.isFrozen(value)).toBe(false);
  });

  it('shares one frozen actor per person across a case, turns taken in between', async () => {
    const { coordinatorServicePath } = await import('kykypolku/paths');
    const { simulateCohort } = await import('kykypolku');
    const cohort = simulateCohort(coordinatorServicePath, { clients: 40, seed: 11, faultRate: 0 });
    const recorded = cohort.cases.map((simulated) => simulated.history).find((history) => history.length >= 10)!;
    const replayed = replayCase(coordinatorServicePath, JSON.parse(JSON.stringify(recorded)) as typeof recorded);
    if (!replayed.ok) throw new Error(replayed.failure.message);
    const history = replayed.case.history;
    // The first eight people of a case are kept (a core stays small); the simulation draws from more.
    const people: string[] = [];
    let returning = 0;
    for (let later = 0; later < history.length; later++) {
      const { role, id } = history[later]!.actor;
      if (!people.includes(`${role}/${id}`)) people.push(`${role}/${id}`);
      const first = history.findIndex((event) => event.actor.role === role && event.actor.id === id);
      expect(Object.isFrozen(history[later]!.actor)).toBe(true);
      if (people.indexOf(`${role}/${id}`) >= 8) continue;
      if (first < later - 1) returning++;
      expect(history[later]!.actor).toBe(history[first]!.actor);
    }
    expect(returning).toBeGreaterThan(0);
  });
});
