/**
 * Issue 20 item 3's overhead check: `store.append` and `openCaseStore().record` on the memory store
 * (no I/O, so the wrappers' cost is not hidden behind a database) with the telemetry wrappers and no
 * OpenTelemetry SDK installed, against the same code without them, as it was before. Target ≈ 1.0×.
 * A third row installs the trace and metrics SDKs (in-memory exporter), for what a host pays when
 * it does turn telemetry on.
 */
import { metrics, trace } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { expect, it } from 'vitest';
import { createMemoryStore, openCaseStore, type CaseStore, type IndexedEventStore } from 'kykypolku';
import { lifestyleGuidancePath } from 'kykypolku/paths';
import { openUninstrumentedCaseStore } from '../../src/caseStore/openCaseStore.js';
import { createUninstrumentedMemoryStore } from '../../src/store/memoryStore.js';
import { longCase } from '../support/longCases.js';
import { compareWithBaselineAsync, printRows } from './harness.js';

class ManualReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

const eventsPerRun = 200;
const history = longCase('bench', eventsPerRun);
const coach = { role: 'lifestyleCoach', id: 'lc-1' } as const;

let runs = 0;
/** Appends the case's events one at a time, as record does: `eventsPerRun` appends on a fresh case. */
async function appendEach(store: IndexedEventStore): Promise<void> {
  const caseId = `bench-${runs++}`;
  for (const event of history) {
    const saved = await store.append(caseId, [{ ...event, caseId }], { expectedSeq: event.seq - 1 });
    if (!saved.ok) throw new Error(saved.failure.code);
  }
}

/** Records sessions through openCaseStore on a case already holding its first four events. */
const recordsPerRun = 20;
async function recordEach(cases: CaseStore<typeof lifestyleGuidancePath>, store: IndexedEventStore): Promise<void> {
  const caseId = `bench-${runs++}`;
  await store.append(
    caseId,
    history.slice(0, 4).map((event) => ({ ...event, caseId })),
    { expectedSeq: 0 },
  );
  for (let n = 0; n < recordsPerRun; n++) {
    const at = new Date(Date.UTC(2024, 1, 1) + n * 60_000).toISOString();
    const saved = await cases.record(caseId, { type: 'SESSION_HELD', at, actor: coach, payload: { channel: 'phone' } });
    if (!saved.ok) throw new Error(saved.failure.code);
  }
}

function withSdk<T>(run: () => Promise<T>): () => Promise<T> {
  return async () => {
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
    const meterProvider = new MeterProvider({ readers: [new ManualReader()] });
    trace.setGlobalTracerProvider(tracerProvider);
    metrics.setGlobalMeterProvider(meterProvider);
    try {
      return await run();
    } finally {
      trace.disable();
      metrics.disable();
    }
  };
}

it('store.append and openCaseStore().record with no OpenTelemetry SDK cost what they did before', async () => {
  const plainStore = createUninstrumentedMemoryStore();
  const tracedStore = createMemoryStore();
  const appendRows = await compareWithBaselineAsync(
    { name: 'append, before (no telemetry wrappers)', opsPerRun: eventsPerRun, run: () => appendEach(plainStore) },
    [
      { name: 'append, telemetry wrappers, no SDK installed', opsPerRun: eventsPerRun, run: () => appendEach(tracedStore) },
      {
        name: 'append, trace + metrics SDK installed (in-memory exporter)',
        opsPerRun: eventsPerRun,
        run: withSdk(() => appendEach(tracedStore)),
      },
    ],
  );
  printRows('store.append on the memory store, one event per append', appendRows, 'event');

  const plainCases = openUninstrumentedCaseStore(plainStore, [lifestyleGuidancePath]);
  const tracedCases = openCaseStore(tracedStore, [lifestyleGuidancePath]);
  const recordRows = await compareWithBaselineAsync(
    { name: 'record, before (no telemetry wrappers)', opsPerRun: recordsPerRun, run: () => recordEach(plainCases, plainStore) },
    [
      { name: 'record, telemetry wrappers, no SDK installed', opsPerRun: recordsPerRun, run: () => recordEach(tracedCases, tracedStore) },
      {
        name: 'record, trace + metrics SDK installed (in-memory exporter)',
        opsPerRun: recordsPerRun,
        run: withSdk(() => recordEach(tracedCases, tracedStore)),
      },
    ],
  );
  printRows('openCaseStore().record on the memory store (load, replay, record, append)', recordRows, 'record');
  // No SDK: within the noise of a shared machine of the code without wrappers.
  expect(appendRows[1]!.ratio).toBeGreaterThan(0.8);
  expect(recordRows[1]!.ratio).toBeGreaterThan(0.8);
});
