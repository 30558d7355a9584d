import type { z } from 'zod';

/** A payload as its schema parses it, or zod's own failure with its issues. @internal */
export type PayloadParse =
  | { readonly success: true; readonly data: Record<string, unknown> }
  | { readonly success: false; readonly error: z.ZodError };

/** Parses one event type's payload: a fast check where the schema allows one, zod otherwise. @internal */
export type PayloadParser = (payload: unknown) => PayloadParse;

interface FlatField {
  readonly key: string;
  readonly values: ReadonlySet<unknown>;
  readonly optional: boolean;
}

interface ZodInternals {
  readonly type: string;
  readonly checks?: readonly unknown[];
  readonly catchall?: { readonly _zod: { readonly def: ZodInternals } };
  readonly innerType?: { readonly _zod: { readonly def: ZodInternals } };
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
}

function definitionOf(schema: unknown): ZodInternals {
  return (schema as { _zod: { def: ZodInternals } })._zod.def;
}

/**
 * The values a field can hold when it is a finite set and nothing else (a boolean, an enum, a
 * literal, each perhaps optional or nullable, with no refinement), or undefined. Anything else — a
 * date, a number, a default, a transform, a refinement — leaves the whole payload to zod.
 */
function finiteField(definition: ZodInternals): { values: Set<unknown>; optional: boolean } | undefined {
  if (definition.checks !== undefined && definition.checks.length > 0) return undefined;
  switch (definition.type) {
    case 'boolean':
      return { values: new Set([false, true]), optional: false };
    case 'enum':
      return definition.entries ? { values: new Set(Object.values(definition.entries)), optional: false } : undefined;
    case 'literal':
      return definition.values ? { values: new Set(definition.values), optional: false } : undefined;
    case 'optional': {
      const inner = definition.innerType && finiteField(definitionOf(definition.innerType));
      return inner && { values: inner.values, optional: true };
    }
    case 'nullable': {
      const inner = definition.innerType && finiteField(definitionOf(definition.innerType));
      return inner && { values: new Set([...inner.values, null]), optional: inner.optional };
    }
    default:
      return undefined;
  }
}

/**
 * The fields of an object schema all of whose fields are finite, with no refinement on the object
 * and no extra keys kept (strict, or stripping ones a fast check never lets through), or undefined.
 */
function flatFields(schema: z.ZodObject): readonly FlatField[] | undefined {
  const definition = definitionOf(schema);
  if (definition.type !== 'object' || (definition.checks !== undefined && definition.checks.length > 0)) return undefined;
  const catchall = definition.catchall && definitionOf(definition.catchall);
  if (catchall !== undefined && catchall.type !== 'never') return undefined;
  const fields: FlatField[] = [];
  for (const [key, fieldSchema] of Object.entries(schema.shape)) {
    const field = finiteField(definitionOf(fieldSchema));
    if (!field) return undefined;
    fields.push({ key, values: field.values, optional: field.optional });
  }
  return fields;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The payload parser of one schema. For a payload of finite fields only (most events: codes and
 * flags), a payload whose keys are all the schema's, each holding one of its values, is copied in
 * the schema's key order — exactly what zod's parse gives, without it. Every other payload, and
 * every payload of another schema, is parsed by zod, which gives the verdict and the issues. Parity
 * with zod is a property test (test/case/payloadParser.unit.test.ts).
 *
 * @internal
 */
export function createPayloadParser(schema: z.ZodObject): PayloadParser {
  const byZod: PayloadParser = (payload) => schema.safeParse(payload) as PayloadParse;
  const fields = flatFields(schema);
  if (!fields) return byZod;
  const known = new Map(fields.map((field) => [field.key, field]));
  const required = fields.filter((field) => !field.optional).length;
  return (payload) => {
    if (!isPlainRecord(payload)) return byZod(payload);
    let requiredSeen = 0;
    let keys = 0;
    for (const key in payload) {
      if (!Object.hasOwn(payload, key)) return byZod(payload);
      const field = known.get(key);
      const value = payload[key];
      if (!field || value === undefined || !field.values.has(value)) return byZod(payload);
      if (!field.optional) requiredSeen++;
      keys++;
    }
    if (requiredSeen !== required) return byZod(payload);
    const data: Record<string, unknown> = {};
    if (keys > 0) for (const field of fields) if (Object.hasOwn(payload, field.key)) data[field.key] = payload[field.key];
    return { success: true, data };
  };
}
