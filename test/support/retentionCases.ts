// Closed review cases with chosen closing instants, on two coded paths (two service tasks), for the
// retention tests. The closing instants sit where a calendar goes wrong: local midnight, the last
// millisecond before it, a leap day, a month end, and both daylight-saving switches in Helsinki.
import { openCase, projectCase, withServiceTask, type IndexedEventStore, type RecordedEvent, type RetentionRule } from 'kykypolku';
import { author, reviewer, reviewPath, reviewPathWithoutGuard } from './reviewPath.js';

export const taskA = { system: 'urn:oid:1.2.246.537.6.0000', code: 'host-review' } as const;
export const taskB = { system: 'https://host.example/service-tasks', code: 'short-b' } as const;

/** review-path coded with task A, review-path-unguarded with task B. */
export const retentionCatalogue = [withServiceTask(reviewPath, taskA), withServiceTask(reviewPathWithoutGuard, taskB)] as const;

export const rules: readonly RetentionRule[] = [
  { serviceTask: taskA, keepFor: { years: 10 }, countsFrom: 'caseClosed', source: 'Act 703/2023 (test: ten years from closing)' },
  { serviceTask: taskB, keepFor: { months: 1 }, countsFrom: 'caseClosed', source: 'test: one month from closing' },
];

/**
 * Each case: its path, its closing instant, and when it may first be destroyed, worked out by hand
 * on the Helsinki calendar (the start of the day after the last day kept).
 */
export const closings = [
  // 00:00 on 1 January 2016 in Helsinki: kept through 1 January 2026.
  { caseId: 'a-local-midnight', path: 'A', closedAt: '2015-12-31T22:00:00.000Z', expiresAt: '2026-01-01T22:00:00.000Z' },
  // 23:59:59.999 on 31 December 2015 in Helsinki: one millisecond earlier, a day less.
  { caseId: 'a-before-midnight', path: 'A', closedAt: '2015-12-31T21:59:59.999Z', expiresAt: '2025-12-31T22:00:00.000Z' },
  // 04:30 summer time on 27 March 2016, the morning the clocks went forward (03:00 EET became 04:00).
  { caseId: 'a-spring-forward', path: 'A', closedAt: '2016-03-27T01:30:00.000Z', expiresAt: '2026-03-27T22:00:00.000Z' },
  // 03:30 summer time on 30 October 2016, the morning the clocks went back; in 2026 that day is winter time.
  { caseId: 'a-fall-back', path: 'A', closedAt: '2016-10-30T00:30:00.000Z', expiresAt: '2026-10-30T22:00:00.000Z' },
  // A leap day: ten years on there is no 29 February, so the last day kept is 28 February 2026.
  { caseId: 'a-leap-day', path: 'A', closedAt: '2016-02-29T10:00:00.000Z', expiresAt: '2026-02-28T22:00:00.000Z' },
  { caseId: 'a-recent', path: 'A', closedAt: '2020-06-15T09:00:00.000Z', expiresAt: '2030-06-15T21:00:00.000Z' },
  // 31 January + 1 month: the last day kept is 29 February 2024.
  { caseId: 'b-month-end', path: 'B', closedAt: '2024-01-31T10:00:00.000Z', expiresAt: '2024-02-29T22:00:00.000Z' },
  // 23:30 on 31 March 2024 in Helsinki (summer time), UTC still says the 31st: kept through 30 April.
  { caseId: 'b-late-march', path: 'B', closedAt: '2024-03-31T20:30:00.000Z', expiresAt: '2024-04-30T21:00:00.000Z' },
] as const;

/** A review case closed at `closedAt` (three events), or left open when `closedAt` is undefined. */
export function reviewHistory(caseId: string, path: 'A' | 'B', closedAt: string | undefined, startAt = '2015-01-05T08:00:00.000Z') {
  const caseRef = openCase(retentionCatalogue[path === 'A' ? 0 : 1], { caseId });
  const record = (input: Parameters<typeof caseRef.record>[0]) => {
    const outcome = caseRef.record(input);
    if (!outcome.ok) throw new Error(`${outcome.rejection.code}: ${outcome.rejection.message}`);
  };
  record({ type: 'SUBMITTED', at: startAt, actor: author, payload: { priority: 'low' } });
  record({ type: 'REVIEWED', at: startAt, actor: reviewer, payload: { approved: true } });
  if (closedAt !== undefined) record({ type: 'DONE', at: closedAt, actor: reviewer, payload: {} });
  return caseRef;
}

/** Appends a case whole with its projection. */
export async function storeCase(store: IndexedEventStore, caseRef: ReturnType<typeof reviewHistory>): Promise<readonly RecordedEvent[]> {
  const saved = await store.append(caseRef.caseId, caseRef.history, { expectedSeq: 0, projection: projectCase(caseRef) });
  if (!saved.ok) throw new Error(saved.failure.message);
  return caseRef.history;
}

/** The store of the retention tests: every closing above, and one open case. */
export async function storeClosings(store: IndexedEventStore): Promise<Map<string, readonly RecordedEvent[]>> {
  const stored = new Map<string, readonly RecordedEvent[]>();
  for (const closing of closings)
    stored.set(closing.caseId, await storeCase(store, reviewHistory(closing.caseId, closing.path, closing.closedAt)));
  stored.set('a-open', await storeCase(store, reviewHistory('a-open', 'A', undefined)));
  return stored;
}
