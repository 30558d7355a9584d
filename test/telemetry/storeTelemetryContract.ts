// What every store emits through @opentelemetry/api when the host installs an SDK: one span per
// append, read and deadline claim with the database semantic conventions' attributes and the
// store's own under `kykypolku.`, its status and error.type on each failure code; the counters and
// the append latency histogram equal to what was done; and no client data anywhere by default.
// Run on the memory, PGlite and PostgreSQL server stores.
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { openCaseStore, type CaseProjection, type IndexedEventStore, type RecordedEvent } from 'kykypolku';
import { lifestyleGuidancePath } from 'kykypolku/paths';
import { longCase } from '../support/longCases.js';
import { useTelemetryReferee } from '../support/telemetryReferee.js';

/** How the contract reaches one kind of store. */
export interface TelemetryStores {
  /** `kykypolku.store` of this kind: memory, pglite or postgresql. */
  readonly kind: 'memory' | 'pglite' | 'postgresql';
  /** A store on empty tables; `caseIds` is the host's opt-in to case ids in telemetry. */
  fresh(options?: { readonly caseIds?: boolean }): Promise<IndexedEventStore>;
  /** A store whose database cannot be reached (SQL stores). */
  unreachable?(): Promise<IndexedEventStore>;
  /** A store whose database fails the append statement (its heads table dropped) (SQL stores). */
  failing?(): Promise<IndexedEventStore>;
}

const projection: CaseProjection = { state: 'intensiveGuidance', status: 'open', assignee: undefined, nextDueAt: undefined };

const withEventIds = (events: readonly RecordedEvent[], prefix: string): RecordedEvent[] =>
  events.map((event) => ({ ...event, eventId: `${prefix}-${event.seq}` }));

export function describeStoreTelemetry(name: string, stores: TelemetryStores): void {
  describe(`${name} emits OpenTelemetry spans and metrics`, () => {
    const telemetry = useTelemetryReferee();
    const sql = stores.kind !== 'memory';

    it('spans an append with the database conventions and the path, and counts its events', async () => {
      const store = await stores.fresh();
      const events = longCase('telemetry-append', 5);
      const saved = await store.append('telemetry-append', events, { expectedSeq: 0, projection });
      expect(saved).toMatchObject({ ok: true, seq: 5 });
      const [span, ...more] = telemetry.spans('kykypolku.store.append');
      expect(more).toEqual([]);
      expect(span!.kind).toBe(sql ? SpanKind.CLIENT : SpanKind.INTERNAL);
      expect(span!.status.code).toBe(SpanStatusCode.UNSET);
      expect(span!.instrumentationScope.name).toBe('kykypolku');
      expect(span!.attributes).toMatchObject({
        'kykypolku.store': stores.kind,
        'db.operation.name': 'append',
        'db.collection.name': 'kykypolku_events',
        'db.operation.batch.size': 5,
        'kykypolku.path.id': 'lifestyle-guidance',
        'kykypolku.path.version': lifestyleGuidancePath.version,
        'kykypolku.outcome.code': 'OK',
      });
      if (sql) expect(span!.attributes['db.system.name']).toBe('postgresql');
      else expect(span!.attributes['db.system.name']).toBeUndefined();
      expect(span!.attributes['error.type']).toBeUndefined();
      expect(span!.attributes['kykypolku.case.id']).toBeUndefined();
      expect(await telemetry.counted('kykypolku.events.recorded', { 'kykypolku.store': stores.kind })).toBe(5);
      expect(await telemetry.counted('kykypolku.events.recorded', { 'kykypolku.event.type': 'SESSION_HELD' })).toBe(2);
      expect(await telemetry.measured('kykypolku.append.duration', { 'kykypolku.outcome.code': 'OK' })).toBe(1);
    });

    it('counts 2 000 events recorded in batches past the VALUES limit as 2 000, and a retry of them as none', async () => {
      const store = await stores.fresh();
      const events = withEventIds(longCase('telemetry-long', 2000), 'long');
      expect(await store.append('telemetry-long', events.slice(0, 1200), { expectedSeq: 0 })).toMatchObject({ ok: true });
      expect(await store.append('telemetry-long', events.slice(1200), { expectedSeq: 1200 })).toMatchObject({ ok: true });
      const retried = await store.append('telemetry-long', events.slice(1200), { expectedSeq: 1200 });
      expect(retried).toMatchObject({ ok: true, alreadyRecorded: true });
      expect(await telemetry.counted('kykypolku.events.recorded')).toBe(2000);
      expect(await telemetry.counted('kykypolku.events.recorded', { 'kykypolku.event.type': 'SESSION_HELD' })).toBe(1997);
      expect(await telemetry.measured('kykypolku.append.duration')).toBe(3);
      expect(await telemetry.measured('kykypolku.append.duration', { 'kykypolku.outcome.code': 'ALREADY_RECORDED' })).toBe(1);
      expect(telemetry.spans('kykypolku.store.append').map((span) => span.attributes['db.operation.batch.size'])).toEqual([1200, 800, 800]);
    });

    it('marks each refused append with its code as error.type, counts conflicts and writes nothing', async () => {
      const store = await stores.fresh();
      const events = withEventIds(longCase('telemetry-refused', 6), 'refused');
      await store.append('telemetry-refused', events.slice(0, 3), { expectedSeq: 0 });
      // Events without ids at a seq another writer already took: stale writers.
      const { eventId: _second, ...second } = events[1]!;
      const { eventId: _third, ...third } = events[2]!;
      const conflict = await store.append('telemetry-refused', [second], { expectedSeq: 1 });
      const secondConflict = await store.append('telemetry-refused', [third], { expectedSeq: 2 });
      const invalid = await store.append('telemetry-refused', events.slice(4, 5), { expectedSeq: 3 });
      const taken = await store.append('telemetry-refused', [{ ...events[3]!, eventId: 'refused-1' }], { expectedSeq: 3 });
      expect([conflict, secondConflict, invalid, taken].map((result) => result.failure?.code)).toEqual([
        'CONCURRENCY_CONFLICT',
        'CONCURRENCY_CONFLICT',
        'INVALID_APPEND',
        'EVENT_ID_TAKEN',
      ]);
      const refused = telemetry.spans('kykypolku.store.append').slice(1);
      expect(refused.map((span) => [span.status.code, span.attributes['error.type'], span.attributes['kykypolku.outcome.code']])).toEqual(
        ['CONCURRENCY_CONFLICT', 'CONCURRENCY_CONFLICT', 'INVALID_APPEND', 'EVENT_ID_TAKEN'].map((code) => [
          SpanStatusCode.ERROR,
          code,
          code,
        ]),
      );
      // The status says the code, never the failure's message (it names the case).
      expect(refused.map((span) => span.status.message)).toEqual([
        'CONCURRENCY_CONFLICT',
        'CONCURRENCY_CONFLICT',
        'INVALID_APPEND',
        'EVENT_ID_TAKEN',
      ]);
      expect(await telemetry.counted('kykypolku.append.conflicts', { 'kykypolku.store': stores.kind })).toBe(2);
      expect(await telemetry.counted('kykypolku.events.recorded')).toBe(3);
      for (const code of ['CONCURRENCY_CONFLICT', 'INVALID_APPEND', 'EVENT_ID_TAKEN'])
        expect(await telemetry.measured('kykypolku.append.duration', { 'error.type': code })).toBe(code === 'CONCURRENCY_CONFLICT' ? 2 : 1);
    });

    if (stores.unreachable) {
      const unreachable = stores.unreachable;
      it('marks an append to an unreachable store STORE_UNAVAILABLE', async () => {
        const store = await unreachable();
        const result = await store.append('telemetry-down', longCase('telemetry-down', 5), { expectedSeq: 0 });
        expect(result.failure?.code).toBe('STORE_UNAVAILABLE');
        const [span] = telemetry.spans('kykypolku.store.append');
        expect(span!.status.code).toBe(SpanStatusCode.ERROR);
        expect(span!.attributes['error.type']).toBe('STORE_UNAVAILABLE');
        expect(await telemetry.measured('kykypolku.append.duration', { 'error.type': 'STORE_UNAVAILABLE' })).toBe(1);
        // A read throws its EventStoreError: the span names the error's code, never its message.
        await expect(store.read('telemetry-down')).rejects.toMatchObject({ failure: { code: 'STORE_UNAVAILABLE' } });
        const [read] = telemetry.spans('kykypolku.store.read');
        expect([read!.status, read!.attributes['error.type']]).toEqual([
          { code: SpanStatusCode.ERROR, message: 'STORE_UNAVAILABLE' },
          'STORE_UNAVAILABLE',
        ]);
      });
    }

    if (stores.failing) {
      const failing = stores.failing;
      it('marks an append the database fails STORE_FAILED with its SQLSTATE, and spans the failed statement', async () => {
        const store = await failing();
        const result = await store.append('telemetry-failed', longCase('telemetry-failed', 5), { expectedSeq: 0 });
        expect(result.failure?.code).toBe('STORE_FAILED');
        const [span] = telemetry.spans('kykypolku.store.append');
        expect(span!.attributes).toMatchObject({ 'error.type': 'STORE_FAILED', 'db.response.status_code': '42P01' });
        const statement = telemetry.spans('appendUnprojected')[0];
        expect(statement!.status.code).toBe(SpanStatusCode.ERROR);
        expect(statement!.attributes).toMatchObject({
          'db.system.name': 'postgresql',
          'error.type': '42P01',
          'db.response.status_code': '42P01',
        });
      });
    }

    if (sql) {
      it('spans each SQL statement by its kykypolku tag as db.query.summary', async () => {
        const store = await stores.fresh();
        await store.append('telemetry-sql', longCase('telemetry-sql', 5), { expectedSeq: 0, projection });
        await store.read('telemetry-sql');
        const statements = telemetry.spans().filter((span) => span.attributes['db.query.summary'] !== undefined);
        expect(statements.map((span) => span.name)).toEqual(expect.arrayContaining(['appendProjected', 'readCase']));
        for (const span of statements) {
          expect(span.kind).toBe(SpanKind.CLIENT);
          expect(span.name).toBe(span.attributes['db.query.summary']);
          expect(span.attributes['db.system.name']).toBe('postgresql');
          expect(['case', 'scan', 'schema']).toContain(span.attributes['kykypolku.statement.scope']);
          // The statement's text and its values are never recorded: the values are client data.
          expect(span.attributes['db.query.text']).toBeUndefined();
        }
        const read = statements.find((span) => span.name === 'readCase')!;
        expect(read.attributes).toMatchObject({ 'db.operation.name': 'SELECT', 'kykypolku.statement.scope': 'case' });
      });
    }

    it('spans a read with the number of events and the path, an unknown case as one of none', async () => {
      const store = await stores.fresh();
      await store.append('telemetry-read', longCase('telemetry-read', 7), { expectedSeq: 0 });
      expect(await store.read('telemetry-read')).toHaveLength(7);
      expect(await store.read('telemetry-unknown')).toHaveLength(0);
      const reads = telemetry.spans('kykypolku.store.read');
      expect(reads.map((span) => [span.attributes['kykypolku.event.count'], span.attributes['kykypolku.outcome.code']])).toEqual([
        [7, 'OK'],
        [0, 'OK'],
      ]);
      expect(reads[0]!.attributes).toMatchObject({ 'db.operation.name': 'read', 'db.collection.name': 'kykypolku_events' });
    });

    it('spans a deadline claim with the claims handed out, and a refused request with its code', async () => {
      const store = await stores.fresh();
      const events = longCase('telemetry-due', 5);
      const armed: CaseProjection = {
        ...projection,
        nextDueAt: '2024-02-01T00:00:00.000Z',
        deadlines: [{ id: 'planDue', dueAt: '2024-02-01T00:00:00.000Z' }],
      };
      await store.append('telemetry-due', events, { expectedSeq: 0, projection: armed });
      const claimed = await store.claimDueDeadlines({ now: '2024-03-01T00:00:00Z', limit: 10, workerId: 'worker-1', lease: 60_000 });
      expect(claimed.claims).toHaveLength(1);
      const refused = await store.claimDueDeadlines({ now: 'soon', limit: 10, workerId: 'worker-1', lease: 60_000 });
      expect(refused.failure?.code).toBe('INVALID_DEADLINE_REQUEST');
      const spans = telemetry.spans('kykypolku.store.claimDueDeadlines');
      expect(spans.map((span) => [span.attributes['kykypolku.deadline.claims'], span.attributes['error.type'], span.status.code])).toEqual([
        [1, undefined, SpanStatusCode.UNSET],
        [undefined, 'INVALID_DEADLINE_REQUEST', SpanStatusCode.ERROR],
      ]);
      expect(spans[0]!.attributes).toMatchObject({ 'db.operation.name': 'claimDueDeadlines', 'db.collection.name': 'kykypolku_deadlines' });
    });

    it('exports no case id, event id, actor, instant or payload value by default, and case ids only when the host opts in', async () => {
      const secretCase = 'case-hetu-010101A123B';
      const events = withEventIds(longCase(secretCase, 6), 'evt-secret');
      const run = async (store: IndexedEventStore) => {
        const cases = openCaseStore(store, [lifestyleGuidancePath]);
        await store.append(secretCase, events.slice(0, 5), { expectedSeq: 0 });
        await store.append(secretCase, events.slice(5), { expectedSeq: 1 });
        await store.read(secretCase);
        await cases.load(secretCase);
        await cases.record(secretCase, {
          type: 'SESSION_HELD',
          at: '2024-06-01T10:00:00Z',
          actor: { role: 'lifestyleCoach', id: 'lc-secret-7' },
          payload: { channel: 'video' },
        });
        await cases.record(secretCase, {
          type: 'SESSION_HELD',
          at: '2024-06-01T11:00:00Z',
          actor: { role: 'lifestyleCoach', id: 'lc-secret-7' },
          payload: { channel: 'telepathy' },
        } as never);
        await store.claimDueDeadlines({ now: '2030-01-01T00:00:00Z', limit: 10, workerId: 'worker-secret', lease: 60_000 });
      };
      await run(await stores.fresh());
      const exported = await telemetry.everythingExported();
      const clientValues = [
        secretCase,
        'evt-secret',
        'lc-secret',
        'lc-1',
        'nurse-1',
        'worker-secret',
        '2024-01-01T',
        '2024-06-01T',
        ...['inPerson', 'video', 'phone', 'online', 'telepathy', 'workAbilitySupportService', 'individual'],
      ];
      for (const value of clientValues)
        expect(
          exported.filter((word) => word.includes(value)),
          value,
        ).toEqual([]);
      expect(exported).not.toContain('kykypolku.case.id');

      const optedIn = await stores.fresh({ caseIds: true });
      await optedIn.append('case-opted-in', longCase('case-opted-in', 5), { expectedSeq: 0 });
      await optedIn.read('case-opted-in');
      const [append] = telemetry.spans('kykypolku.store.append').slice(-1);
      const [read] = telemetry.spans('kykypolku.store.read').slice(-1);
      expect([append!.attributes['kykypolku.case.id'], read!.attributes['kykypolku.case.id']]).toEqual(['case-opted-in', 'case-opted-in']);
      // Never in a metric: a case id there would make one time series per case.
      const metricWords = (await telemetry.metrics()).flatMap((metric) =>
        metric.dataPoints.flatMap((point) => Object.values(point.attributes)),
      );
      expect(metricWords).not.toContain('case-opted-in');
    });
  });
}
