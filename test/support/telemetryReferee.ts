/**
 * The OpenTelemetry SDK as a referee for the telemetry tests: a tracer provider exporting to memory
 * and a meter provider read by hand, installed as the global providers for one test at a time (the
 * library itself depends on `@opentelemetry/api` only). Without a context manager every span is a
 * root: parent and child spans are not checked here.
 */
import { metrics, trace, type AttributeValue } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type DataPoint, type Histogram, type MetricData } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach } from 'vitest';

/** A reader that collects only when asked. */
class ManualReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** What a test reads back of the telemetry it caused. */
export interface TelemetryReferee {
  /** The spans ended so far in this test, optionally only those of one name. */
  spans(name?: string): ReadableSpan[];
  /** Every metric collected now, flattened. */
  metrics(): Promise<MetricData[]>;
  /** The sum of a counter's points whose attributes include `where`. */
  counted(name: string, where?: Readonly<Record<string, AttributeValue>>): Promise<number>;
  /** The number of measurements of a histogram whose attributes include `where`. */
  measured(name: string, where?: Readonly<Record<string, AttributeValue>>): Promise<number>;
  /** Every name, attribute key and value, status message and event of the spans and metrics collected: for the no-client-data test. */
  everythingExported(): Promise<string[]>;
}

function includes(attributes: Readonly<Record<string, unknown>>, where: Readonly<Record<string, AttributeValue>>): boolean {
  return Object.entries(where).every(([key, value]) => attributes[key] === value);
}

/** Installs fresh providers before each test of the file and removes them after it. */
export function useTelemetryReferee(): TelemetryReferee {
  let exporter = new InMemorySpanExporter();
  let reader = new ManualReader();
  let meterProvider: MeterProvider | undefined;
  let tracerProvider: BasicTracerProvider | undefined;
  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    reader = new ManualReader();
    tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    meterProvider = new MeterProvider({ readers: [reader] });
    trace.setGlobalTracerProvider(tracerProvider);
    metrics.setGlobalMeterProvider(meterProvider);
  });
  afterEach(async () => {
    trace.disable();
    metrics.disable();
    await tracerProvider?.shutdown();
    await meterProvider?.shutdown();
  });
  const collected = async (): Promise<MetricData[]> => {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  };
  const points = async (name: string, where: Readonly<Record<string, AttributeValue>>) =>
    (await collected())
      .filter((metric) => metric.descriptor.name === name)
      .flatMap((metric) => metric.dataPoints as DataPoint<unknown>[])
      .filter((point) => includes(point.attributes, where));
  return {
    spans: (name) => exporter.getFinishedSpans().filter((span) => name === undefined || span.name === name),
    metrics: collected,
    async counted(name, where = {}) {
      return (await points(name, where)).reduce((sum, point) => sum + (point.value as number), 0);
    },
    async measured(name, where = {}) {
      return (await points(name, where)).reduce((sum, point) => sum + (point.value as Histogram).count, 0);
    },
    async everythingExported() {
      const words: string[] = [];
      for (const span of exporter.getFinishedSpans()) {
        words.push(span.name, span.status.message ?? '', ...span.events.map((event) => event.name));
        for (const [key, value] of Object.entries(span.attributes)) words.push(key, String(value));
        for (const event of span.events) for (const [key, value] of Object.entries(event.attributes ?? {})) words.push(key, String(value));
      }
      for (const metric of await collected()) {
        words.push(metric.descriptor.name, metric.descriptor.description);
        for (const point of metric.dataPoints as DataPoint<unknown>[])
          for (const [key, value] of Object.entries(point.attributes)) words.push(key, String(value));
      }
      return words;
    },
  };
}
