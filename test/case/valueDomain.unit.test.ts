// Issue 11, defects 4 and 5: one value domain, enforced once at the boundary, on one plain copy of
// the input. Every case here was accepted (or thrown on) before, and a SQL store then refused or
// changed what `record` had accepted.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, openCase, replayCase, type CaseInputOf, type RecordResult } from 'kykypolku';
import { coordinatorServicePath, workabilityPath } from 'kykypolku/paths';
import { contactReceived, nurse } from '../support/workabilityInputs.js';

type Input = CaseInputOf<typeof workabilityPath>;

/** Records `input` on a fresh case and checks the refusal changed nothing. */
function refused(input: unknown) {
  const caseRef = openCase(workabilityPath, { caseId: 'domain' });
  const before = { state: caseRef.state, seq: caseRef.seq, history: [...caseRef.history] };
  let outcome: RecordResult<typeof workabilityPath> | undefined;
  expect(() => {
    outcome = caseRef.record(input as Input);
  }).not.toThrow();
  expect({ state: caseRef.state, seq: caseRef.seq, history: [...caseRef.history] }).toEqual(before);
  return outcome!;
}

function expectInvalidAt(outcome: RecordResult<typeof workabilityPath>, path: readonly PropertyKey[]) {
  expect(outcome.ok).toBe(false);
  expect(outcome.rejection?.code).toBe('INVALID_EVENT');
  const issues = outcome.rejection?.code === 'INVALID_EVENT' ? outcome.rejection.issues : [];
  expect(issues.map((issue) => issue.path)).toContainEqual(path);
}

describe('strings: well formed (no lone surrogate) and without NUL', () => {
  it.each([
    ['a NUL in actor.id', { ...contactReceived(), actor: { role: 'nurse', id: 'n\u00001' } }, ['actor', 'id']],
    ['a lone high surrogate in actor.id', { ...contactReceived(), actor: { role: 'nurse', id: 'x\uD800' } }, ['actor', 'id']],
    ['a lone low surrogate in actor.role', { ...contactReceived(), actor: { role: 'nurse\uDC00', id: 'n-1' } }, ['actor', 'role']],
    ['a NUL in eventId', { ...contactReceived(), eventId: 'id\u0000' }, ['eventId']],
    ['a lone surrogate in eventId', { ...contactReceived(), eventId: '\uDFFFid' }, ['eventId']],
    [
      'a NUL in a payload string',
      {
        ...contactReceived(),
        payload: {
          route: 'internalReferral',
          hasOccupationalOrStudentHealthCare: false,
          workAbilityConcern: true,
          referredFrom: { pathId: 'ips-job-coaching', caseId: 'c\u00001' },
        },
      },
      ['payload', 'referredFrom', 'caseId'],
    ],
    [
      'a lone surrogate in a payload string',
      {
        ...contactReceived(),
        payload: {
          route: 'internalReferral',
          hasOccupationalOrStudentHealthCare: false,
          workAbilityConcern: true,
          referredFrom: { pathId: 'ips-job-coaching', caseId: 'c\uD83D' },
        },
      },
      ['payload', 'referredFrom', 'caseId'],
    ],
    ['a NUL in a payload key', { ...contactReceived(), payload: { 'route\u0000': 'selfBooking' } }, ['payload']],
  ])('refuses %s with INVALID_EVENT naming the field', (_name, input, path) => {
    expectInvalidAt(refused(input), path);
  });

  it('accepts a well-formed astral character (a surrogate pair) where any string is allowed', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'astral' });
    expect(caseRef.record({ ...contactReceived(), actor: { role: 'nurse', id: 'n-\u{1F600}' } }).ok).toBe(true);
  });
});

describe('instants: years 1000 to 8999 (UTC), so every deadline is a four-digit year PostgreSQL stores', () => {
  it.each([
    ['the last second of year 9999', '9999-12-31T23:59:59Z'],
    ['the first instant of year 9000', '9000-01-01T00:00:00Z'],
    ['year 0050 (Date.UTC would read it as 1950)', '0050-01-31T00:00:00Z'],
    ['year 0000 (PostgreSQL has no year 0)', '0000-06-01T00:00:00Z'],
    ['an offset that moves year 1000 into year 999', '1000-01-01T00:30:00+01:00'],
  ])('refuses %s as at', (_name, at) => {
    expectInvalidAt(refused({ ...contactReceived(), at }), ['at']);
  });

  it.each(['1000-01-01T00:00:00Z', '8999-12-31T23:59:59.999Z', '8999-12-31T23:00:00-00:30'])('accepts %s', (at) => {
    const caseRef = openCase(workabilityPath, { caseId: 'edge' });
    expect(caseRef.record({ ...contactReceived(), at }).ok).toBe(true);
    // Every deadline of the path is still a four-digit-year instant.
    for (const deadline of caseRef.deadlines(at)) expect(deadline.dueAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses a payload date outside the same years', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'date' });
    const base = contactReceived();
    expect(caseRef.record(base).ok).toBe(true);
    const coordinator = openCase(coordinatorServicePath, { caseId: 'late' });
    expect(
      coordinator.record({
        type: 'REFERRED',
        at: '2025-01-02T09:00:00Z',
        actor: { role: 'employmentServicesExpert', id: 'te-1' },
        payload: { route: 'employmentServices' },
      }).ok,
    ).toBe(true);
    const late = coordinator.record({
      type: 'ELIGIBILITY_CONFIRMED',
      at: '2025-01-10T09:00:00Z',
      actor: { role: 'coordinator', id: 'c-1' },
      payload: { unemploymentMonths: 4, targetGroup: 'unemployed', unemployedSince: '9999-06-01' },
    });
    expect(late.ok).toBe(false);
    expect(late.rejection?.code).toBe('INVALID_EVENT');
    expect(coordinator.seq).toBe(1);
  });
});

describe('the calendar counts years 0 to 99 as themselves', () => {
  it('adds a month in year 50 without moving to 1950', () => {
    expect(addMonths('0050-01-31T10:00:00Z', 1)).toBe('0050-02-28T10:00:00.000Z');
    expect(addMonths('0099-12-15T00:00:00Z', 1)).toBe('0100-01-15T00:00:00.000Z');
    expect(addMonths('0100-01-15T00:00:00Z', -1)).toBe('0099-12-15T00:00:00.000Z');
    expect(addDays('0050-01-31T10:00:00Z', 1)).toBe('0050-02-01T10:00:00.000Z');
  });
});

describe('numbers: finite and never -0; keys: undefined means absent', () => {
  const referred = {
    type: 'REFERRED',
    at: '2025-01-02T09:00:00Z',
    actor: { role: 'employmentServicesExpert', id: 'te-1' },
    payload: { route: 'employmentServices' },
  } as const;
  const eligible = (unemploymentMonths: number) =>
    ({
      type: 'ELIGIBILITY_CONFIRMED',
      at: '2025-01-10T09:00:00Z',
      actor: { role: 'coordinator', id: 'c-1' },
      payload: { unemploymentMonths, targetGroup: 'unemployed' },
    }) as const;

  it.each([
    ['-0', -0],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('refuses %s in a number payload, naming the field', (_name, value) => {
    const caseRef = openCase(coordinatorServicePath, { caseId: 'zero' });
    expect(caseRef.record(referred).ok).toBe(true);
    const outcome = caseRef.record(eligible(value));
    expect(outcome.rejection?.code).toBe('INVALID_EVENT');
    const issues = outcome.rejection?.code === 'INVALID_EVENT' ? outcome.rejection.issues : [];
    expect(issues.map((issue) => issue.path)).toContainEqual(['payload', 'unemploymentMonths']);
    expect(caseRef.seq).toBe(1);
  });

  it('drops an optional key that is undefined: the recorded event is the one a store gives back', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'undefined-keys' });
    const input = {
      ...contactReceived(),
      eventId: undefined,
      payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true, referredFrom: undefined },
    };
    const outcome = caseRef.record(input as Input);
    expect(outcome.ok).toBe(true);
    expect(Object.keys(outcome.event!)).not.toContain('eventId');
    expect(Object.keys(outcome.event!.payload)).not.toContain('referredFrom');
    expect(JSON.parse(JSON.stringify(outcome.event))).toEqual(outcome.event);
  });

  it('refuses undefined as an array element (a JSON array has no holes)', () => {
    expectInvalidAt(refused({ ...contactReceived(), payload: [undefined] }), ['payload', 0]);
  });
});

describe('case ids: non-empty, at most 200 UTF-16 units, well formed, without NUL', () => {
  it.each([
    ['a NUL', 'case\u00001'],
    ['a lone surrogate', 'x\uD800'],
    ['3 000 characters', 'c'.repeat(3000)],
    ['nothing', ''],
  ])('openCase refuses a caseId with %s, and its message does not repeat it', (_name, caseId) => {
    expect(() => openCase(workabilityPath, { caseId })).toThrow(TypeError);
    try {
      openCase(workabilityPath, { caseId });
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
      expect((error as Error).message).not.toContain('\u0000');
    }
  });

  it('x\\uD800 and x\\uFFFD can no longer name the same stored case: the first is refused', () => {
    expect(() => openCase(workabilityPath, { caseId: 'x\uD800' })).toThrow(TypeError);
    expect(openCase(workabilityPath, { caseId: 'x\uFFFD' }).caseId).toBe('x\uFFFD');
  });
});

describe('replayCase refuses what record refuses', () => {
  function storedEvent(change: (event: Record<string, unknown>) => void) {
    const caseRef = openCase(workabilityPath, { caseId: 'replayed' });
    expect(caseRef.record(contactReceived()).ok).toBe(true);
    const event = structuredClone(caseRef.history[0]!) as unknown as Record<string, unknown>;
    change(event);
    return event;
  }
  it.each([
    ['a NUL in actor.id', (event: Record<string, unknown>) => (event.actor = { role: 'nurse', id: 'n\u0000' })],
    ['a lone surrogate in the caseId', (event: Record<string, unknown>) => (event.caseId = 'replayed\uD800')],
    ['a 3 000-character caseId', (event: Record<string, unknown>) => (event.caseId = 'r'.repeat(3000))],
    ['year 9999', (event: Record<string, unknown>) => (event.at = '9999-12-31T23:59:59Z')],
    ['-0 in the payload', (event: Record<string, unknown>) => (event.payload = { ...(event.payload as object), route: -0 })],
  ])('as MALFORMED_EVENT: %s', (_name, change) => {
    const replayed = replayCase(workabilityPath, [storedEvent(change)]);
    expect(replayed.ok).toBe(false);
    expect(replayed.failure?.code).toBe('MALFORMED_EVENT');
  });
});

describe('replayCase refuses what record refuses, in payload fields the fast reader takes (issue 19)', () => {
  // Each stored event below has a payload whose keys and values the event type's schema takes (zod
  // accepts -0 for min(0)), so only the value domain refuses it: replay must not skip that check.
  function coordinatorLog(change: (payload: Record<string, unknown>) => void): unknown[] {
    const caseRef = openCase(coordinatorServicePath, { caseId: 'fast-domain' });
    expect(
      caseRef.record({
        type: 'REFERRED',
        at: '2025-01-02T09:00:00Z',
        actor: { role: 'employmentServicesExpert', id: 'te-1' },
        payload: { route: 'employmentServices', referredFrom: { pathId: 'workability-path', caseId: 'w-1' } },
      }).ok,
    ).toBe(true);
    expect(
      caseRef.record({
        type: 'ELIGIBILITY_CONFIRMED',
        at: '2025-01-10T09:00:00Z',
        actor: { role: 'coordinator', id: 'c-1' },
        payload: { unemploymentMonths: 0, targetGroup: 'unemployed' },
      }).ok,
    ).toBe(true);
    const events = JSON.parse(JSON.stringify(caseRef.history)) as { payload: Record<string, unknown> }[];
    change(events[1]!.payload);
    return events;
  }

  it('replays the untouched log', () => {
    expect(
      replayCase(
        coordinatorServicePath,
        coordinatorLog(() => {}),
      ).ok,
    ).toBe(true);
  });

  it.each([
    ['-0 in a bounded integer', (payload: Record<string, unknown>) => (payload.unemploymentMonths = -0)],
    [
      'a throwing getter',
      (payload: Record<string, unknown>) =>
        Object.defineProperty(payload, 'targetGroup', {
          enumerable: true,
          get() {
            throw new Error('boom');
          },
        }),
    ],
  ])('as MALFORMED_EVENT: %s', (_name, change) => {
    const replayed = replayCase(coordinatorServicePath, coordinatorLog(change));
    expect(replayed.ok).toBe(false);
    expect(replayed.failure?.code).toBe('MALFORMED_EVENT');
    expect(replayed.failure && 'index' in replayed.failure && replayed.failure.index).toBe(1);
  });

  it('as MALFORMED_EVENT: a NUL in a nested bounded code the pattern would not take either', () => {
    const events = coordinatorLog(() => {}) as { payload: { referredFrom: Record<string, unknown> } }[];
    events[0]!.payload.referredFrom.caseId = 'w\u0000';
    const replayed = replayCase(coordinatorServicePath, events);
    expect(replayed.failure?.code).toBe('MALFORMED_EVENT');
  });
});

describe('record reads its input once (defect 5)', () => {
  it('a getter that answers a valid at first and an earlier one later cannot record an unchecked at', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'getter-at' });
    expect(caseRef.record({ ...contactReceived(), at: '2025-03-03T10:00:00Z' }).ok).toBe(true);
    let reads = 0;
    const input = { type: 'INITIAL_ASSESSMENT_BOOKED', actor: nurse, payload: { channel: 'phone' } } as Record<string, unknown>;
    Object.defineProperty(input, 'at', { enumerable: true, get: () => (reads++ === 0 ? '2025-03-04T10:00:00Z' : 'not an instant') });
    const outcome = caseRef.record(input as Input);
    if (outcome.ok) expect(outcome.event.at).toBe('2025-03-04T10:00:00Z');
    else expect(outcome.rejection.code).toBe('INVALID_EVENT');
    for (const event of caseRef.history) expect(Number.isNaN(Date.parse(event.at))).toBe(false);
  });

  it('a getter that answers a permitted role first and a forbidden one later cannot record a forbidden role', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'getter-role' });
    let reads = 0;
    const actor = { id: 'n-1' } as Record<string, unknown>;
    Object.defineProperty(actor, 'role', { enumerable: true, get: () => (reads++ === 0 ? 'nurse' : 'client') });
    const outcome = caseRef.record({ ...contactReceived(), actor } as unknown as Input);
    if (outcome.ok) expect(outcome.event.actor.role).toBe('nurse');
    for (const event of caseRef.history) expect(event.actor.role).toBe('nurse');
  });

  it.each([
    [
      'a throwing getter',
      () =>
        Object.defineProperty({ ...contactReceived() }, 'at', {
          enumerable: true,
          get: () => {
            throw new Error('boom');
          },
        }),
    ],
    [
      'a throwing getter in the payload',
      () => ({
        ...contactReceived(),
        payload: Object.defineProperty({}, 'route', {
          enumerable: true,
          get: () => {
            throw new Error('boom');
          },
        }),
      }),
    ],
    [
      'a revoked Proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({ ...contactReceived() }, {});
        revoke();
        return proxy;
      },
    ],
    [
      'a revoked Proxy as the actor',
      () => {
        const { proxy, revoke } = Proxy.revocable({ ...nurse }, {});
        revoke();
        return { ...contactReceived(), actor: proxy };
      },
    ],
    [
      'a Proxy whose traps throw',
      () =>
        new Proxy(
          { ...contactReceived() },
          {
            ownKeys: () => {
              throw new Error('trap');
            },
            get: () => {
              throw new Error('trap');
            },
            has: () => {
              throw new Error('trap');
            },
          },
        ),
    ],
    [
      'a cyclic payload',
      () => {
        const payload: Record<string, unknown> = {};
        payload.self = payload;
        return { ...contactReceived(), payload };
      },
    ],
    ['a prototype with extra keys', () => Object.create({ eventId: 'inherited' }, Object.getOwnPropertyDescriptors(contactReceived()))],
    ['a symbol as the type', () => ({ ...contactReceived(), type: Symbol('CONTACT_RECEIVED') })],
    ['a BigInt in the payload', () => ({ ...contactReceived(), payload: { route: 1n } })],
    ['a Date as the payload', () => ({ ...contactReceived(), payload: new Date() })],
    [
      'a nesting 10 000 deep',
      () => {
        let deep: unknown = {};
        for (let n = 0; n < 10_000; n++) deep = { deep };
        return { ...contactReceived(), payload: deep };
      },
    ],
  ])('%s is an INVALID_EVENT, never a throw', (_name, make) => {
    const outcome = refused(make());
    expect(outcome.ok).toBe(false);
    expect(outcome.rejection?.code).toBe('INVALID_EVENT');
  });
});
