// The spans and counters of openCaseStore (record, load), of replay and of the model checker, on
// the memory store: what a host that installs an OpenTelemetry SDK sees of each, by outcome code.
import { SpanStatusCode } from '@opentelemetry/api';
import { expect, it } from 'vitest';
import { checkPath, createMemoryStore, openCaseStore, replayFromCatalogue } from 'kykypolku';
import { lifestyleGuidancePath, workabilityPath } from 'kykypolku/paths';
import { longCase } from '../support/longCases.js';
import { useTelemetryReferee } from '../support/telemetryReferee.js';

const telemetry = useTelemetryReferee();
const coach = { role: 'lifestyleCoach', id: 'lc-1' } as const;
const session = (at: string) => ({ type: 'SESSION_HELD', at, actor: coach, payload: { channel: 'phone' } }) as const;

it('spans a record with its path and event type, and counts each refusal by its code and the rejection code', async () => {
  const store = createMemoryStore();
  const cases = openCaseStore(store, [lifestyleGuidancePath]);
  await store.append('case-r', longCase('case-r', 5), { expectedSeq: 0 });
  expect((await cases.record('case-r', session('2024-02-01T10:00:00Z'))).ok).toBe(true);
  // Three refusals by the path (time went backwards), two of an unknown event type, one taken id.
  for (let n = 0; n < 3; n++) expect((await cases.record('case-r', session('2023-01-01T10:00:00Z'))).failure?.code).toBe('EVENT_REJECTED');
  for (let n = 0; n < 2; n++)
    expect((await cases.record('case-r', { ...session('2024-03-01T10:00:00Z'), type: 'NO_SUCH_EVENT' } as never)).failure?.code).toBe(
      'EVENT_REJECTED',
    );
  await cases.record('case-r', { ...session('2024-03-02T10:00:00Z'), eventId: 'id-1' });
  expect((await cases.record('case-r', { ...session('2024-03-03T10:00:00Z'), eventId: 'id-1' })).failure?.code).toBe('EVENT_ID_TAKEN');
  // Two writers at once: one of them meets the other's append.
  const raced = await Promise.all([
    cases.record('case-r', session('2024-04-01T10:00:00Z')),
    cases.record('case-r', session('2024-04-01T11:00:00Z')),
  ]);
  expect(raced.map((result) => result.failure?.code ?? 'ok').sort()).toEqual(['CONCURRENCY_CONFLICT', 'ok']);

  const records = telemetry.spans('kykypolku.case.record');
  expect(records).toHaveLength(10);
  expect(records[0]!.attributes).toMatchObject({
    'kykypolku.path.id': 'lifestyle-guidance',
    'kykypolku.path.version': lifestyleGuidancePath.version,
    'kykypolku.event.type': 'SESSION_HELD',
    'kykypolku.outcome.code': 'OK',
  });
  expect(records[1]!.status.code).toBe(SpanStatusCode.ERROR);
  expect(records[1]!.attributes).toMatchObject({ 'error.type': 'EVENT_REJECTED', 'kykypolku.rejection.code': 'TIME_WENT_BACKWARDS' });
  // An event type the path does not know is the client's text: it is never an attribute.
  expect(records[4]!.attributes['kykypolku.event.type']).toBeUndefined();
  expect(records[4]!.attributes['kykypolku.rejection.code']).toBe('UNKNOWN_EVENT_TYPE');

  expect(await telemetry.counted('kykypolku.rejections')).toBe(7);
  expect(
    await telemetry.counted('kykypolku.rejections', { 'error.type': 'EVENT_REJECTED', 'kykypolku.rejection.code': 'TIME_WENT_BACKWARDS' }),
  ).toBe(3);
  expect(await telemetry.counted('kykypolku.rejections', { 'kykypolku.rejection.code': 'UNKNOWN_EVENT_TYPE' })).toBe(2);
  expect(await telemetry.counted('kykypolku.rejections', { 'error.type': 'EVENT_ID_TAKEN' })).toBe(1);
  expect(await telemetry.counted('kykypolku.rejections', { 'error.type': 'CONCURRENCY_CONFLICT' })).toBe(1);
  expect(await telemetry.counted('kykypolku.append.conflicts')).toBe(1);
  // 5 appended by hand, then the session, the one with id-1 and the race's winner.
  expect(await telemetry.counted('kykypolku.events.recorded')).toBe(8);
});

it('spans a load and its replay, an unknown case and a case that does not replay', async () => {
  const store = createMemoryStore();
  const cases = openCaseStore(store, [lifestyleGuidancePath]);
  await store.append('case-l', longCase('case-l', 9), { expectedSeq: 0 });
  expect((await cases.load('case-l')).ok).toBe(true);
  expect((await cases.load('case-none')).failure?.code).toBe('UNKNOWN_CASE');
  const loads = telemetry.spans('kykypolku.case.load');
  expect(loads.map((span) => [span.attributes['kykypolku.outcome.code'], span.attributes['error.type'], span.status.code])).toEqual([
    ['OK', undefined, SpanStatusCode.UNSET],
    ['UNKNOWN_CASE', 'UNKNOWN_CASE', SpanStatusCode.ERROR],
  ]);
  expect(loads[0]!.attributes).toMatchObject({ 'kykypolku.path.id': 'lifestyle-guidance', 'kykypolku.event.count': 9 });
  const [replay] = telemetry.spans('kykypolku.replay');
  expect(replay!.attributes).toMatchObject({
    'kykypolku.path.id': 'lifestyle-guidance',
    'kykypolku.event.count': 9,
    'kykypolku.outcome.code': 'OK',
  });

  const unknownVersion = longCase('case-v', 5).map((event) => ({ ...event, path: { ...event.path, version: 99 } }));
  const replayed = replayFromCatalogue([lifestyleGuidancePath], unknownVersion);
  expect(replayed.failure?.code).toBe('UNKNOWN_PATH_VERSION');
  const [, failed] = telemetry.spans('kykypolku.replay');
  expect(failed!.status.code).toBe(SpanStatusCode.ERROR);
  expect(failed!.attributes).toMatchObject({ 'error.type': 'UNKNOWN_PATH_VERSION', 'kykypolku.path.version': 99 });
});

it('spans a model check with the path, the states explored and the verdict', () => {
  const check = checkPath(workabilityPath);
  const stopped = checkPath(workabilityPath, { maxStates: 10 });
  expect(stopped.complete).toBe(false);
  const [complete, budget] = telemetry.spans('kykypolku.checkPath');
  expect(complete!.attributes).toMatchObject({
    'kykypolku.path.id': workabilityPath.id,
    'kykypolku.path.version': workabilityPath.version,
    'kykypolku.check.states': check.states,
    'kykypolku.outcome.code': check.complete && check.proven ? 'PROVEN' : 'NOT_PROVEN',
  });
  expect(budget!.attributes['kykypolku.outcome.code']).toBe('STATE_BUDGET_EXCEEDED');
  expect(budget!.status.code).toBe(SpanStatusCode.UNSET);
});

it('counts a record on a case that does not replay as CASE_UNREADABLE, and one that meets a writer on every attempt as RETRIES_EXHAUSTED', async () => {
  const store = createMemoryStore();
  const unreadable = longCase('case-u', 5).map((event) => ({ ...event, path: { ...event.path, version: 99 } }));
  await store.append('case-u', unreadable, { expectedSeq: 0 });
  const cases = openCaseStore(store, [lifestyleGuidancePath]);
  expect((await cases.load('case-u')).failure?.code).toBe('CASE_UNREADABLE');
  expect((await cases.record('case-u', session('2024-02-01T10:00:00Z'))).failure?.code).toBe('CASE_UNREADABLE');
  expect(telemetry.spans('kykypolku.case.load')[0]!.attributes['error.type']).toBe('CASE_UNREADABLE');

  // A store where another writer always got there first.
  const contended = createMemoryStore();
  await contended.append('case-c', longCase('case-c', 5), { expectedSeq: 0 });
  const alwaysBehind = {
    ...contended,
    append: async (caseId: string) => ({
      ok: false as const,
      failure: { code: 'CONCURRENCY_CONFLICT' as const, message: 'behind', caseId, expectedSeq: 5, actualSeq: 6 },
    }),
  };
  const retrying = openCaseStore(alwaysBehind, [lifestyleGuidancePath], { retryOnConflict: { attempts: 3 } });
  expect((await retrying.record('case-c', session('2024-02-01T10:00:00Z'))).failure?.code).toBe('RETRIES_EXHAUSTED');
  expect(telemetry.spans('kykypolku.case.record').map((span) => span.attributes['error.type'])).toEqual([
    'CASE_UNREADABLE',
    'RETRIES_EXHAUSTED',
  ]);
  expect(await telemetry.counted('kykypolku.rejections', { 'error.type': 'CASE_UNREADABLE' })).toBe(1);
  expect(await telemetry.counted('kykypolku.rejections', { 'error.type': 'RETRIES_EXHAUSTED' })).toBe(1);
  // The three attempts each loaded and replayed the case: one record span, three replays.
  expect(telemetry.spans('kykypolku.replay').length).toBe(2 + 3);
});
