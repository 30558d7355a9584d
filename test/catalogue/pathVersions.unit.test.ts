import { describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createPathCatalogue,
  definePath,
  openCase,
  openCaseStore,
  PathDefinitionError,
  replayCase,
  replayFromCatalogue,
} from 'kykypolku';
import { author, reviewer, reviewPath, reviewSpec } from '../support/reviewPath.js';
import { reviewPathV2, reviewSpecV2 } from '../support/reviewPathV2.js';

const at = (day: number) => `2025-05-${String(day).padStart(2, '0')}T09:00:00Z`;
const submitted = { type: 'SUBMITTED', at: at(1), actor: author, payload: { priority: 'low' } } as const;
const commented = { type: 'COMMENTED', at: at(2), actor: author, payload: {} } as const;

/** A case recorded under v1 and stored, as it would be before v2 was deployed. */
async function storedV1Case(caseId: string, ...more: Parameters<ReturnType<typeof openCase<typeof reviewPath>>['record']>[0][]) {
  const store = createMemoryStore();
  const caseRef = openCase(reviewPath, { caseId });
  for (const input of [submitted, ...more]) expect(caseRef.record(input).ok).toBe(true);
  await store.append(caseId, caseRef.history, { expectedSeq: 0 });
  return store;
}

describe('path versions', () => {
  const catalogue = createPathCatalogue([reviewPath, reviewPathV2]);

  it('keeps every version of a path and opens new cases on the latest', async () => {
    expect(catalogue.latest('review-path')).toBe(reviewPathV2);
    expect(catalogue.get('review-path', 1)).toBe(reviewPath);
    expect(catalogue.pathIds).toEqual(['review-path']);
    expect(() => createPathCatalogue([reviewPath, reviewPath])).toThrow(/review-path@1 is given twice/);

    const cases = openCaseStore(createMemoryStore(), catalogue);
    const saved = await cases.record('new-case', submitted);
    expect(saved.ok && saved.event.path).toEqual({ id: 'review-path', version: 2 });
  });

  it('replays a stored case with the version it was recorded under', async () => {
    const store = await storedV1Case('v1-case', commented);
    const replayed = replayFromCatalogue(catalogue, await store.read('v1-case'));
    expect(replayed.ok && replayed.case.definition).toBe(reviewPath);
    expect(replayed.ok && replayed.case.stateName).toBe('active.review');
    expect(replayFromCatalogue(catalogue, [])).toMatchObject({ ok: false, failure: { code: 'EMPTY_LOG' } });
  });

  it('names the version a catalogue lacks', async () => {
    const store = await storedV1Case('v1-orphan');
    const replayed = replayFromCatalogue(createPathCatalogue([reviewPathV2]), await store.read('v1-orphan'));
    // v2 migrates from v1, but the log's last event names v1, which this catalogue does not hold.
    expect(replayed).toMatchObject({
      ok: false,
      failure: { code: 'UNKNOWN_PATH_VERSION', seq: 1, path: { id: 'review-path', version: 1 } },
    });
  });

  it('moves an open v1 case to v2 through the migration when the next event is recorded, and replays it under v2 after', async () => {
    const store = await storedV1Case('moving', commented);
    const cases = openCaseStore(store, catalogue);
    const loaded = await cases.load('moving');
    expect(loaded.ok && loaded.case.definition.version).toBe(1);

    // ESCALATED exists only in v2: recording it needs the case on v2.
    const escalated = await cases.record('moving', { type: 'ESCALATED', at: at(3), actor: reviewer, payload: { to: 'lead' } });
    expect(escalated).toMatchObject({ ok: true, event: { seq: 3, path: { version: 2 } } });
    const log = await store.read('moving');
    expect(log.map((event) => event.path.version)).toEqual([1, 1, 2]);

    const reloaded = await cases.load('moving');
    expect(reloaded.ok && reloaded.case.definition).toBe(reviewPathV2);
    expect(reloaded.ok && reloaded.case.stateName).toBe('active.escalated');
    // The history is what the store holds, v1 events included.
    expect(reloaded.ok && reloaded.case.history).toEqual(log);
    expect(await cases.listCases()).toMatchObject([{ caseId: 'moving', pathVersion: 2, state: 'active.escalated', assignee: reviewer.id }]);
  });

  it('leaves a closed case, and every case when moving is turned off, on its own version', async () => {
    const done = await storedV1Case(
      'closed-v1',
      { type: 'REVIEWED', at: at(2), actor: reviewer, payload: { approved: true } },
      { type: 'DONE', at: at(3), actor: reviewer, payload: {} },
    );
    const closed = await openCaseStore(done, catalogue).record('closed-v1', commented);
    expect(closed).toMatchObject({ ok: false, failure: { code: 'EVENT_REJECTED', rejection: { code: 'CASE_CLOSED' } } });

    const store = await storedV1Case('staying', commented);
    const staying = openCaseStore(store, catalogue, { moveOpenCases: false });
    const escalated = await staying.record('staying', { type: 'ESCALATED', at: at(3), actor: reviewer, payload: { to: 'lead' } });
    expect(escalated).toMatchObject({ ok: false, failure: { code: 'EVENT_REJECTED', rejection: { code: 'UNKNOWN_EVENT_TYPE' } } });
    const reviewed = await staying.record('staying', { type: 'REVIEWED', at: at(3), actor: reviewer, payload: { approved: false } });
    expect(reviewed).toMatchObject({ ok: true, event: { path: { version: 1 } } });
  });

  it('replays a v1 log on v2 only through a declared migration', async () => {
    const store = await storedV1Case('log', commented);
    const log = await store.read('log');
    expect(replayCase(reviewPathV2, log)).toMatchObject({ ok: true });
    const withoutMigration = definePath({ ...reviewSpecV2(), migrations: [] });
    expect(replayCase(withoutMigration, log)).toMatchObject({ ok: false, failure: { code: 'WRONG_PATH', seq: 1 } });
    expect(replayCase(reviewPath, [...log, { ...log[1]!, seq: 3, path: { id: 'review-path', version: 2 } }])).toMatchObject({
      ok: false,
      failure: { code: 'WRONG_PATH', seq: 3 },
    });
  });

  it('rewrites each earlier event through the migration, and checks it against the new rules', async () => {
    // A v2 whose migration dates every v1 comment.
    const stricter = definePath({
      ...reviewSpecV2(),
      migrations: [
        {
          from: 1,
          event: (event) => (event.type === 'COMMENTED' ? { type: 'COMMENTED', payload: { on: '2025-05-02' } } : (event as never)),
        },
      ],
    });
    const store = await storedV1Case('rewritten', commented);
    const replayed = replayCase(stricter, await store.read('rewritten'));
    expect(replayed.ok).toBe(true);
    // The rewrite feeds the machine and the rules; the history keeps the event as stored.
    expect(replayed.ok && replayed.case.history[1]!.payload).toEqual({});

    const refusing = definePath({ ...reviewSpecV2(), migrations: [{ from: 1, event: () => ({ type: 'DONE', payload: {} }) }] });
    expect(replayCase(refusing, await store.read('rewritten'))).toMatchObject({
      ok: false,
      failure: { code: 'EVENT_REJECTED', seq: 1, rejection: { code: 'ROLE_NOT_PERMITTED' } },
    });
  });

  it('refuses a migration from a version that is not earlier', () => {
    expect(() => definePath({ ...reviewSpec(), migrations: [{ from: 1 }] })).toThrow(PathDefinitionError);
    expect(() => definePath({ ...reviewSpecV2(), migrations: [{ from: 1 }, { from: 1 }] })).toThrow(/two migrations from version 1/);
  });
});
