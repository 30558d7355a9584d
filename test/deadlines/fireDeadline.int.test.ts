// What a due deadline does is the path's to declare: a notice (the default), or an event recorded
// through the ordinary pipeline by a `system` actor; a firing the rules refuse is reported, never forced.
import { expect, it } from 'vitest';
import { createMemoryStore, fireDeadline, openCaseStore, replayCase } from 'kykypolku';
import { reviewPath, author } from '../support/reviewPath.js';
import { clerk, reminderPath } from '../support/reminderPath.js';

const request = (at: string) => ({ type: 'REQUESTED', at, actor: clerk, payload: {} }) as const;

it('records the path’s reminder when its deadline falls due, once, and reports the firing the rules refuse', async () => {
  const store = createMemoryStore();
  const cases = openCaseStore(store, [reminderPath]);
  await cases.record('r-1', request('2025-03-03T09:00:00Z'));
  const now = '2025-03-20T09:00:00Z';
  const claimed = await store.claimDueDeadlines({ now, limit: 10, workerId: 'w', lease: 60_000 });
  expect(claimed.claims?.map((claim) => claim.deadlineId)).toEqual(['answer-within-3-days', 'close-within-10-days']);
  const [remind, close] = claimed.claims!;
  const reminded = await fireDeadline(store, cases, remind!, { now });
  expect(reminded).toMatchObject({ kind: 'recorded', type: 'REMINDED', seq: 2, alreadyRecorded: false });
  const refused = await fireDeadline(store, cases, close!, { now });
  expect(refused).toMatchObject({ kind: 'refused', type: 'ANSWERED', failure: { code: 'EVENT_REJECTED' } });
  // Recorded through the pipeline: the event replays like any other, by its system actor.
  const loaded = await cases.load('r-1');
  expect(loaded.case?.history.map((event) => `${event.type}:${event.actor.role}`)).toEqual(['REQUESTED:clerk', 'REMINDED:system']);
  expect(replayCase(reminderPath, loaded.case!.history, { caseId: 'r-1' }).ok).toBe(true);
  // Nothing is handed out again: the reminder met its deadline, the refused one was settled.
  expect((await store.claimDueDeadlines({ now: '2026-01-01T00:00:00Z', limit: 10, workerId: 'w', lease: 60_000 })).claims).toEqual([]);
  // Fired again by a worker that lost its claim's answer: the event id makes it the same event.
  const again = await fireDeadline(store, cases, remind!, { now });
  expect(again).toMatchObject({ kind: 'recorded', alreadyRecorded: true, seq: 2 });
});

it('gives a notice for a deadline that declares no event, and settles it', async () => {
  const store = createMemoryStore();
  const cases = openCaseStore(store, [reviewPath]);
  await cases.record('d-1', { type: 'SUBMITTED', at: '2025-03-03T09:00:00Z', actor: author, payload: { priority: 'low' } });
  const now = '2025-03-20T09:00:00Z';
  const [claim] = (await store.claimDueDeadlines({ now, limit: 10, workerId: 'w', lease: 60_000 })).claims!;
  expect(await fireDeadline(store, cases, claim!, { now })).toEqual({ kind: 'notice', claim });
  expect(await fireDeadline(store, cases, claim!, { now })).toMatchObject({
    kind: 'notHeld',
    failure: { code: 'CLAIM_NOT_HELD', reason: 'settled' },
  });
});
