import { describe, expect, it } from 'vitest';
import { openCase, replayCase, validateEventLog, type Rejection } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { author, reviewPath } from '../support/reviewPath.js';

// Defect 10 of issue 11: free text reaches the store and the messages. A message names fields and
// codes; what it quotes of the client is a short excerpt, never the client's whole value.
const megabyte = 'M'.repeat(1 << 20);
/** Longer than any message names (a code, a field, an excerpt), far shorter than a client's value. */
const boundedMessage = 600;

const submitted = { type: 'SUBMITTED', at: '2025-05-01T09:00:00Z', actor: author, payload: { priority: 'low' } } as const;
const contact = {
  type: 'CONTACT_RECEIVED',
  at: '2025-05-01T09:00:00Z',
  actor: { role: 'nurse', id: 'n-1' },
  payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
} as const;

function refusal(outcome: { ok: boolean; rejection?: Rejection }): Rejection {
  expect(outcome.ok).toBe(false);
  return outcome.rejection!;
}

describe("a rejection never repeats client text, inside the value domain's limits too", () => {
  // The value domain refuses an input of more than 100 000 string units or 10 000 values before any
  // schema runs; these stay under those limits, so the schema step's own messages are what is checked.
  const large = 'L'.repeat(60_000);
  const bounded = (rejection: Rejection) => {
    expect(rejection.message.length).toBeLessThan(boundedMessage);
    expect(JSON.stringify(rejection).length).toBeLessThan(4 * boundedMessage);
  };

  it('a 60 000-character type', () => {
    bounded(refusal(openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, type: large } as never)));
  });

  it('a 60 000-character unknown payload key', () => {
    bounded(refusal(openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, payload: { priority: 'low', [large]: 1 } } as never)));
  });

  it('5 000 unknown payload keys', () => {
    const payload = Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`k${index}`, index]));
    const rejection = refusal(openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, payload } as never));
    bounded(rejection);
    expect(rejection.message).toMatch(/and 4995 more/);
  });

  it('a 60 000-character referral path id', () => {
    const payload = { ...contact.payload, referredFrom: { pathId: 'a'.repeat(60_000), caseId: 'case-1' } };
    bounded(refusal(openCase(workabilityPath, { caseId: 'c' }).record({ ...contact, payload })));
  });

  it('an `at` with 60 000 fraction digits', () => {
    bounded(refusal(openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, at: `2025-05-01T09:00:00.${'0'.repeat(60_000)}Z` })));
  });
});

describe('a rejection never repeats client text', () => {
  it('a 1 MB event type is refused with a short message and no 1 MB field', () => {
    const rejection = refusal(openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, type: megabyte } as never));
    expect(rejection.message.length).toBeLessThan(boundedMessage);
    expect(JSON.stringify(rejection).length).toBeLessThan(4 * boundedMessage);
  });

  it('an unknown event type is named by a short, sanitised excerpt', () => {
    const type = `NOPE\u0000\u001b[31m\u202e${'X'.repeat(60)}`;
    const rejection = refusal(openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, type } as never));
    expect(rejection.message.length).toBeLessThan(boundedMessage);
    expect(rejection.message).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    expect(rejection.message).not.toContain('X'.repeat(60));
  });

  it('ROLE_NOT_PERMITTED quotes at most an excerpt of the role', () => {
    const role = `r\u0007${'R'.repeat(98)}`;
    const rejection = refusal(openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, actor: { role, id: 'a-1' } } as never));
    expect(rejection.code).toBe('ROLE_NOT_PERMITTED');
    expect(rejection.message).not.toContain('R'.repeat(40));
    expect(rejection.message).not.toContain('\u0007');
  });

  it('INVALID_EVENT names an unknown 1 MB key by an excerpt, in the message and in the issues', () => {
    const rejection = refusal(
      openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, payload: { priority: 'low', [megabyte]: 1 } } as never),
    );
    expect(rejection.code).toBe('INVALID_EVENT');
    expect(rejection.message.length).toBeLessThan(boundedMessage);
    expect(JSON.stringify(rejection).length).toBeLessThan(4 * boundedMessage);
  });

  it('INVALID_EVENT lists a bounded number of issues, however many the input has', () => {
    const payload = Object.fromEntries(Array.from({ length: 20_000 }, (_, index) => [`k${index}`, index]));
    const rejection = refusal(openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, payload } as never));
    expect(rejection.code).toBe('INVALID_EVENT');
    expect(rejection.message.length).toBeLessThan(boundedMessage);
    expect(JSON.stringify(rejection).length).toBeLessThan(4 * boundedMessage);
  });

  it('a taken event id is quoted as an excerpt and its issue carries no input', () => {
    const caseRef = openCase(reviewPath, { caseId: 'c' });
    const eventId = `id-${'E'.repeat(190)}`;
    expect(caseRef.record({ ...submitted, eventId }).ok).toBe(true);
    const rejection = refusal(caseRef.record({ ...submitted, at: '2025-05-02T09:00:00Z', payload: { priority: 'high' }, eventId }));
    expect(rejection.message).not.toContain('E'.repeat(40));
    expect(JSON.stringify(rejection)).not.toContain('E'.repeat(40));
  });
});

it('deadlines(now) names a bad `now` by an excerpt, and an object by its kind', () => {
  const caseRef = openCase(reviewPath, { caseId: 'c' });
  expect(() => caseRef.deadlines(megabyte)).toThrow(RangeError);
  expect(() => caseRef.deadlines(megabyte)).toThrow(/^deadlines\(now\): 'M{32}… \(1048576 characters\)' is not/);
  expect(() => caseRef.deadlines({ toString: () => megabyte } as never)).toThrow(/'\(an object\)' is not/);
});

describe('the envelope bounds what it takes', () => {
  it('refuses an `at` of 1 MB (an endless fraction of a second) as INVALID_EVENT', () => {
    const at = `2025-05-01T09:00:00.${'0'.repeat(1 << 20)}Z`;
    const rejection = refusal(openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, at }));
    expect(rejection.code).toBe('INVALID_EVENT');
    expect(rejection.message.length).toBeLessThan(boundedMessage);
  });

  it('still takes an instant to the nanosecond with an offset', () => {
    expect(openCase(reviewPath, { caseId: 'c' }).record({ ...submitted, at: '2025-05-01T11:00:00.123456789+02:00' }).ok).toBe(true);
  });

  it('refuses a referral caseId that is free text (a name, a personal id, a diagnosis)', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'c' });
    const payload = {
      ...contact.payload,
      referredFrom: { pathId: 'coordinator-service', caseId: 'Matti Meikäläinen 131052-308T masennus' },
    };
    const rejection = refusal(caseRef.record({ ...contact, payload }));
    expect(rejection.code).toBe('INVALID_EVENT');
    expect(rejection.code === 'INVALID_EVENT' && rejection.issues.map((issue) => issue.path.join('.'))).toEqual([
      'payload.referredFrom.caseId',
    ]);
    expect(rejection.message).not.toContain('Matti');
    expect(JSON.stringify(rejection)).not.toContain('Matti');
    expect(caseRef.seq).toBe(0);
  });

  it.each([
    ['a space', 'case 1'],
    ['a newline at the end', 'case-1\n'],
    ['a letter outside ASCII', 'tapaus-ä'],
    ['201 characters', 'c'.repeat(201)],
    ['nothing', ''],
  ])('refuses a referral caseId with %s', (_name, caseId) => {
    const payload = { ...contact.payload, referredFrom: { pathId: 'coordinator-service', caseId } };
    const rejection = refusal(openCase(workabilityPath, { caseId: 'c' }).record({ ...contact, payload }));
    expect(rejection.code).toBe('INVALID_EVENT');
    expect(rejection.code === 'INVALID_EVENT' && [...new Set(rejection.issues.map((issue) => issue.path.join('.')))]).toEqual([
      'payload.referredFrom.caseId',
    ]);
  });

  it.each(['case-2025-0412', 'urn:uuid:3f2b8c1e-8d5a-4c1e-9f0a-2b7c6d5e4f3a', 'A.b_c:D-9', 'c'.repeat(200)])(
    'takes the host id %s as a referral caseId',
    (caseId) => {
      const payload = { ...contact.payload, referredFrom: { pathId: 'coordinator-service', caseId } };
      expect(openCase(workabilityPath, { caseId: 'c' }).record({ ...contact, payload }).ok).toBe(true);
    },
  );

  it('refuses a 1 MB referral pathId with a short message', () => {
    const payload = { ...contact.payload, referredFrom: { pathId: 'a'.repeat(1 << 20), caseId: 'case-1' } };
    const rejection = refusal(openCase(workabilityPath, { caseId: 'c' }).record({ ...contact, payload }));
    expect(rejection.code).toBe('INVALID_EVENT');
    expect(rejection.code === 'INVALID_EVENT' && rejection.issues.map((issue) => issue.path.join('.'))).toEqual([
      'payload.referredFrom.pathId',
    ]);
    expect(rejection.message.length).toBeLessThan(boundedMessage);
    expect(JSON.stringify(rejection).length).toBeLessThan(4 * boundedMessage);
  });
});

describe('a replay failure never repeats stored text', () => {
  const recorded = openCase(reviewPath, { caseId: 'r' }).record(submitted).event!;

  it('a stored event of a 1 MB type fails with a short message', () => {
    const replayed = replayCase(reviewPath, [{ ...recorded, type: megabyte }]);
    expect(replayed.ok).toBe(false);
    expect(replayed.failure!.message.length).toBeLessThan(boundedMessage);
    expect(JSON.stringify(replayed.failure).length).toBeLessThan(4 * boundedMessage);
  });

  it('a stored event of a 1 MB path id fails with a short message', () => {
    const replayed = replayCase(reviewPath, [{ ...recorded, path: { id: megabyte, version: 1 } }]);
    expect(replayed.ok).toBe(false);
    expect(replayed.failure!.message.length).toBeLessThan(boundedMessage);
    expect(JSON.stringify(replayed.failure).length).toBeLessThan(4 * boundedMessage);
  });

  it('an event of another case names both cases by excerpts', () => {
    const other = `other-${'O'.repeat(190)}`;
    const replayed = replayCase(reviewPath, [{ ...recorded, caseId: other }], { caseId: 'r' });
    expect(replayed.failure!.code).toBe('WRONG_CASE');
    expect(replayed.failure!.message).not.toContain('O'.repeat(40));
  });

  it('a stored event of an unknown type is named by an excerpt', () => {
    const rejection = replayCase(reviewPath, [{ ...recorded, type: `UNKNOWN_${'U'.repeat(50)}` }]);
    expect(rejection.failure!.message).not.toContain('U'.repeat(40));
  });
});

describe('the log validator never repeats a line', () => {
  it('a line with a 1 MB type, role or key gives a verdict with a short message', async () => {
    const lines = [
      JSON.stringify({ caseId: 'a', ...submitted, type: megabyte }),
      JSON.stringify({ caseId: 'b', ...submitted, actor: { role: megabyte, id: 'x' } }),
      JSON.stringify({ caseId: 'c', ...submitted, payload: { priority: 'low', [megabyte]: true } }),
      JSON.stringify({ caseId: 'd', ...submitted, [megabyte]: 1 }),
    ];
    const { verdicts } = await validateEventLog(reviewPath, lines);
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    for (const verdict of verdicts) expect(JSON.stringify(verdict).length).toBeLessThan(boundedMessage);
  });
});
