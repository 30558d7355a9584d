import {
  createNoopMeter,
  metrics,
  ProxyTracerProvider,
  trace,
  ValueType,
  type Counter,
  type Histogram,
  type MeterProvider,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { packageVersion } from '../packageVersion.js';
import { instrumentationName, telemetryMetricNames } from './telemetryNames.js';

/** The package's version, as the instrumentation scope's. */
const instrumentationVersion: string = packageVersion;

// The API's no-op pieces, to tell "no SDK installed" from a host's provider without a flag of our own.
const noopTracerProvider = new ProxyTracerProvider().getDelegate();
const NoopCounter = createNoopMeter().createCounter('noop').constructor;

let tracerFrom: TracerProvider | undefined;
let cachedTracer: Tracer | undefined;

/**
 * Whether a host installed a tracer provider. Checked on every call (a host may install its SDK
 * after the library is loaded): without one, an operation runs with no span at all, not even a
 * no-op one. A provider from another copy of the API counts as installed.
 */
export function tracingOn(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider && provider.getDelegate() === noopTracerProvider);
}

/** The library's tracer, from the global provider (acquired again when the host replaces it). */
export function libraryTracer(): Tracer {
  const provider = trace.getTracerProvider();
  if (provider !== tracerFrom || cachedTracer === undefined) {
    tracerFrom = provider;
    cachedTracer = provider.getTracer(instrumentationName, instrumentationVersion);
  }
  return cachedTracer;
}

/** The library's metric instruments; `live` is false while no meter provider is installed. */
export interface LibraryInstruments {
  readonly live: boolean;
  readonly eventsRecorded: Counter;
  readonly appendDuration: Histogram;
  readonly appendConflicts: Counter;
  readonly rejections: Counter;
}

let instrumentsFrom: MeterProvider | undefined;
let cachedInstruments: LibraryInstruments | undefined;

/**
 * The instruments, made once per meter provider: `@opentelemetry/api` has no proxy meter, so
 * instruments made before the host installs its SDK would stay no-ops; they are made again when the
 * global provider changes.
 */
export function libraryInstruments(): LibraryInstruments {
  const provider = metrics.getMeterProvider();
  if (provider === instrumentsFrom && cachedInstruments !== undefined) return cachedInstruments;
  const meter = provider.getMeter(instrumentationName, instrumentationVersion);
  const eventsRecorded = meter.createCounter(telemetryMetricNames.eventsRecorded, {
    description: 'Events appended to a store (a retry of stored events appends none)',
    unit: '{event}',
    valueType: ValueType.INT,
  });
  cachedInstruments = {
    live: !(eventsRecorded instanceof NoopCounter),
    eventsRecorded,
    appendDuration: meter.createHistogram(telemetryMetricNames.appendDuration, {
      description: 'Duration of store.append, whatever its outcome',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
    }),
    appendConflicts: meter.createCounter(telemetryMetricNames.appendConflicts, {
      description: 'Appends refused with CONCURRENCY_CONFLICT: another writer appended first',
      unit: '{conflict}',
      valueType: ValueType.INT,
    }),
    rejections: meter.createCounter(telemetryMetricNames.rejections, {
      description: 'openCaseStore().record calls that stored nothing, by failure code and rejection code',
      unit: '{rejection}',
      valueType: ValueType.INT,
    }),
  };
  instrumentsFrom = provider;
  return cachedInstruments;
}
