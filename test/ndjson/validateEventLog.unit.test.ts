import { describe, expect, it } from 'vitest';
import { openCase, validateEventLog } from 'kykypolku';
import { workabilityPath } from 'kykypolku/paths';
import { doctor, nurse, reach } from '../support/workabilityInputs.js';

const line = (value: unknown) => JSON.stringify(value);
const inputLine = (caseId: string, input: object) => line({ caseId, ...input });
const contact = (at: string) => ({
  type: 'CONTACT_RECEIVED',
  at,
  actor: nurse,
  payload: { route: 'selfBooking', hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
});
const booked = (at: string) => ({ type: 'INITIAL_ASSESSMENT_BOOKED', at, actor: nurse, payload: { channel: 'phone' } });

/** A log with a good case of inputs, a good case of recorded events, and a case for every rejection. */
function logWithEveryCode(): string[] {
  const recorded = openCase(workabilityPath, { caseId: 'good-recorded' });
  for (const input of reach.servicePlanning()) recorded.record(input);
  const history = recorded.history.map((event) => line(event));
  const wrongPath = { ...recorded.history[0], caseId: 'wrong-path', path: { id: 'workability-path', version: 9 } };
  const outOfSequence = [
    { ...recorded.history[0], caseId: 'out-of-sequence' },
    { ...recorded.history[2], caseId: 'out-of-sequence' },
  ];
  return [
    inputLine('good-inputs', contact('2025-03-01T09:00:00Z')),
    history[0]!,
    inputLine('unknown-type', { type: 'TELEPORTED', at: '2025-03-01T09:00:00Z', actor: nurse }),
    inputLine('invalid', { ...contact('2025-03-01T09:00:00Z'), payload: { route: 'carrierPigeon' } }),
    'this is not JSON',
    inputLine('role', { ...contact('2025-03-01T09:00:00Z'), actor: doctor }),
    inputLine('good-inputs', booked('2025-03-02T09:00:00Z')),
    ...history.slice(1),
    inputLine('closed', contact('2025-03-01T09:00:00Z')),
    inputLine('closed', { type: 'CLOSED', at: '2025-03-02T09:00:00Z', actor: nurse, payload: { endReason: 'moved' } }),
    inputLine('closed', booked('2025-03-03T09:00:00Z')),
    inputLine('backwards', contact('2025-03-05T09:00:00Z')),
    inputLine('backwards', booked('2025-03-04T09:00:00Z')),
    line([1, 2, 3]),
    inputLine('not-allowed', contact('2025-03-01T09:00:00Z')),
    inputLine('not-allowed', { type: 'DOCTOR_ASSESSMENT_DONE', at: '2025-03-02T09:00:00Z', actor: doctor }),
    inputLine('rule', contact('2025-03-01T09:00:00Z')),
    inputLine('rule', booked('2025-03-02T09:00:00Z')),
    inputLine('rule', { type: 'DOCTOR_VISIT_BOOKED', at: '2025-03-03T09:00:00Z', actor: nurse, payload: { visitOn: '2025-03-10' } }),
    inputLine('rule', booked('2025-03-04T09:00:00Z')),
    line(wrongPath),
    ...outOfSequence.map(line),
    line({ ...recorded.history[0], caseId: 'malformed-event', at: 'noon' }),
    line({ type: 'CONTACT_RECEIVED' }),
    '',
  ];
}

describe('validating an NDJSON event log', () => {
  it('accepts good cases, input lines and recorded-event lines alike, and names the state they end in', async () => {
    const { verdicts } = await validateEventLog(workabilityPath, logWithEveryCode());
    expect(verdicts.filter((verdict) => verdict.status === 'accepted')).toEqual([
      { caseId: 'good-inputs', status: 'accepted', events: 2, state: 'initialAssessment', closed: false },
      { caseId: 'good-recorded', status: 'accepted', events: 4, state: 'servicePlanning', closed: false },
    ]);
  });

  it('reports each bad case’s first rejected line with its code, and skips the case’s later lines', async () => {
    const { verdicts } = await validateEventLog(workabilityPath, logWithEveryCode());
    const rejected = Object.fromEntries(
      verdicts.filter((verdict) => verdict.status === 'rejected').map((verdict) => [verdict.caseId, verdict]),
    );
    expect(
      Object.fromEntries(Object.entries(rejected).map(([caseId, verdict]) => [caseId, verdict.status === 'rejected' && verdict.code])),
    ).toEqual({
      'unknown-type': 'UNKNOWN_EVENT_TYPE',
      invalid: 'INVALID_EVENT',
      role: 'ROLE_NOT_PERMITTED',
      closed: 'CASE_CLOSED',
      backwards: 'TIME_WENT_BACKWARDS',
      'not-allowed': 'NOT_ALLOWED_IN_STATE',
      rule: 'RULE_VIOLATED',
      'wrong-path': 'WRONG_PATH',
      'out-of-sequence': 'OUT_OF_SEQUENCE',
      'malformed-event': 'MALFORMED_EVENT',
    });
    expect(rejected.rule).toMatchObject({ line: 21, events: 2, skippedLines: 1 });
    expect(rejected.closed).toMatchObject({ line: 13, events: 2 });
  });

  it('reports lines that belong to no case, and sums it all up', async () => {
    const { problems, summary } = await validateEventLog(workabilityPath, logWithEveryCode());
    expect(problems).toEqual([
      { line: 5, code: 'MALFORMED_LINE', message: 'not JSON' },
      { line: 16, code: 'MALFORMED_LINE', message: 'not a JSON object' },
      { line: 27, code: 'MALFORMED_LINE', message: 'no caseId (a non-empty string of at most 200 characters)' },
    ]);
    expect(summary).toMatchObject({ lines: 28, cases: 12, acceptedCases: 2, rejectedCases: 10, malformedLines: 3 });
  });

  it('reads lines from any async iterable, reporting progress', async () => {
    async function* lines() {
      for (let index = 0; index < 25; index++) yield inputLine(`case-${index}`, contact('2025-03-01T09:00:00Z'));
    }
    const seen: number[] = [];
    const { summary } = await validateEventLog(workabilityPath, lines(), { progressEvery: 10, onProgress: (read) => seen.push(read) });
    expect(summary).toMatchObject({ lines: 25, cases: 25, acceptedCases: 25, acceptedEvents: 25 });
    expect(seen).toEqual([10, 20]);
  });
});

describe('the value domain of issue 11 (defect 4): the validator refuses what record and the stores refuse', () => {
  it('rejects input and recorded-event lines holding NUL, a lone surrogate, -0 or year 9999, naming the code', async () => {
    const recorded = openCase(workabilityPath, { caseId: 'stored' });
    recorded.record(contact('2025-03-01T09:00:00Z') as never);
    const stored = recorded.history[0]!;
    // JSON.parse turns these escapes into the very characters a PostgreSQL store cannot keep.
    const lines = [
      inputLine('nul-input', { ...contact('2025-03-01T09:00:00Z'), actor: { role: 'nurse', id: 'n\u0000' } }),
      inputLine('surrogate-input', { ...contact('2025-03-01T09:00:00Z'), eventId: 'e\uD800' }),
      inputLine('year-input', contact('9999-12-31T23:59:59Z')),
      line({ ...stored, caseId: 'nul-stored', actor: { role: 'nurse', id: 'n\u0000' } }),
      line({ ...stored, caseId: 'year-stored', at: '9999-12-31T23:59:59Z' }),
      line({ ...stored, caseId: 'minus-zero-stored' }).replace('"payload":{', '"payload":{"count":-0,'),
      line({ ...stored, caseId: 'nul\u0000case' }),
    ];
    const { verdicts, problems } = await validateEventLog(workabilityPath, lines);
    expect(Object.fromEntries(verdicts.map((verdict) => [verdict.caseId, verdict.status === 'rejected' && verdict.code]))).toEqual({
      'nul-input': 'INVALID_EVENT',
      'surrogate-input': 'INVALID_EVENT',
      'year-input': 'INVALID_EVENT',
      'nul-stored': 'MALFORMED_EVENT',
      'year-stored': 'MALFORMED_EVENT',
      'minus-zero-stored': 'MALFORMED_EVENT',
    });
    expect(problems).toEqual([{ line: 7, code: 'MALFORMED_LINE', message: expect.stringMatching(/^caseId holds a NUL/) }]);
  });
});
