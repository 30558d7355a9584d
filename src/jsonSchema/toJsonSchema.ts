import { z } from 'zod';
import type { AnyPathDefinition } from '../path/definition.js';
import { caseInputEnvelope, recordedEventEnvelope } from '../case/envelope.js';
import { hostIdMaxLength } from '../schema/codeStrings.js';
import { portablePattern } from './portablePattern.js';

/** A JSON Schema document (draft 2020-12), as plain data. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * The JSON Schemas of one path, for hosts written in other languages: what `record` takes, what a
 * line of an NDJSON event log holds, what a store keeps, and each event's payload.
 */
export interface PathJsonSchemas {
  /** An input to `record`: `{ type, at, actor, payload }`, one branch per event type. */
  readonly input: JsonSchema;
  /** A line of an NDJSON log for `kykypolku validate`: an input with its `caseId`. */
  readonly logLine: JsonSchema;
  /** A recorded event as stored: `{ caseId, seq, type, at, actor, payload, path }`. */
  readonly recordedEvent: JsonSchema;
  /** Each event type's payload. */
  readonly payloads: Readonly<Record<string, JsonSchema>>;
}

const caseId = z.string().min(1).max(hostIdMaxLength);

function payloadField(schema: z.ZodObject) {
  // An event whose payload may be empty may also leave it out, as `record` allows.
  return schema.safeParse({}).success ? schema.optional() : schema;
}

// Keywords whose values are data, not schemas: a `pattern` key inside them is not a pattern.
const dataKeywords = new Set(['const', 'enum', 'examples', 'default']);

/** Every `pattern` of a generated schema, respelled to mean the same in every host's regex engine. */
function withPortablePatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withPortablePatterns);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === 'pattern' && typeof value === 'string' ? portablePattern(value) : dataKeywords.has(key) ? value : withPortablePatterns(value),
    ]),
  );
}

function document(pathId: string, version: number, name: string, schema: z.ZodType, title: string): JsonSchema {
  return {
    $id: `urn:kykypolku:${pathId}:v${version}:${name}`,
    title,
    ...(withPortablePatterns(z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'throw' })) as Record<string, unknown>),
  };
}

/**
 * The JSON Schemas of a path, generated from its zod schemas and the engine's own envelopes by zod
 * (never written by hand), so they say exactly what `record`'s schema step accepts. Patterns are
 * respelled for hosts in other languages: `\d` as `[0-9]`, and `$` as `(?![\s\S])`, because
 * Python's `re`, .NET and Java let `$` match before a final newline.
 *
 * @example
 * ```ts
 * import { Ajv2020 } from 'ajv/dist/2020.js';
 *
 * const schemas = toJsonSchema(workabilityPath);
 * new Ajv2020().compile(schemas.input)(hostInput); // true when record would pass the schema step
 * ```
 */
export function toJsonSchema(definition: AnyPathDefinition): PathJsonSchemas {
  const types = Object.keys(definition.events);
  const inputs = types.map((type) => caseInputEnvelope.extend({ type: z.literal(type), payload: payloadField(definition.events[type]!) }));
  const logLines = inputs.map((input) => input.extend({ caseId }));
  const recorded = types.map((type) =>
    recordedEventEnvelope.extend({
      type: z.literal(type),
      payload: definition.events[type]!,
      path: z.object({ id: z.literal(definition.id), version: z.literal(definition.version) }),
      // Written by exportEvents given a catalogue with the path's service task code; never stored.
      serviceTask: z.strictObject({ system: z.string().max(200), code: z.string().max(64) }).optional(),
    }),
  );
  const union = (schemas: z.ZodType[]) => (schemas.length === 1 ? schemas[0]! : z.union(schemas as [z.ZodType, z.ZodType, ...z.ZodType[]]));
  const { id, version } = definition;
  return {
    input: document(id, version, 'input', union(inputs), `${definition.title.en}: an input to record`),
    logLine: document(id, version, 'log-line', union(logLines), `${definition.title.en}: a line of an NDJSON event log`),
    recordedEvent: document(id, version, 'recorded-event', union(recorded), `${definition.title.en}: a recorded event`),
    payloads: Object.fromEntries(
      types.map((type) => [
        type,
        document(id, version, `payload:${type}`, definition.events[type]!, `${definition.title.en}: payload of ${type}`),
      ]),
    ),
  };
}
