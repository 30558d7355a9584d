import type { z } from 'zod';
import { instantYears, isMillisInYears, isoDate } from '../time/instant.js';

/** A payload as its schema parses it, or zod's own failure with its issues. @internal */
export type PayloadParse =
  | { readonly success: true; readonly data: Record<string, unknown> }
  | { readonly success: false; readonly error: z.ZodError };

/** Parses one event type's payload: a fast check where the schema allows one, zod otherwise. @internal */
export type PayloadParser = (payload: unknown) => PayloadParse;

interface FlatField {
  readonly key: string;
  readonly accepts: (value: unknown) => boolean;
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

const isoDatePattern = (isoDate.def as { pattern?: RegExp }).pattern;

/** What the library's own `isoDate` accepts: its pattern, then its years (Date.parse only near their ends). */
function isDateInYears(value: unknown): boolean {
  if (typeof value !== 'string' || isoDatePattern?.test(value) !== true) return false;
  const year = Number(value.slice(0, 4));
  return (year > instantYears.first && year < instantYears.last) || isMillisInYears(Date.parse(value));
}

function oneOf(values: readonly unknown[]): (value: unknown) => boolean {
  const set = new Set(values);
  return (value) => set.has(value);
}

/**
 * How to check a field that holds a finite set of values and nothing else (a boolean, an enum, a
 * literal), or the library's own `isoDate`, each perhaps optional or nullable, with no other
 * refinement; or undefined. Anything else — another date or string, a number, a default, a
 * transform, a refinement — leaves the whole payload to zod.
 */
function fieldCheck(schema: unknown): { accepts: (value: unknown) => boolean; optional: boolean } | undefined {
  // The one refinement known here: `isoDate`'s years, which isDateInYears checks alike.
  if (schema === isoDate) return { accepts: isDateInYears, optional: false };
  const definition = definitionOf(schema);
  if (definition.checks !== undefined && definition.checks.length > 0) return undefined;
  switch (definition.type) {
    case 'boolean':
      return { accepts: oneOf([false, true]), optional: false };
    case 'enum':
      return definition.entries ? { accepts: oneOf(Object.values(definition.entries)), optional: false } : undefined;
    case 'literal':
      return definition.values ? { accepts: oneOf(definition.values), optional: false } : undefined;
    case 'optional': {
      const inner = definition.innerType && fieldCheck(definition.innerType);
      return inner && { accepts: inner.accepts, optional: true };
    }
    case 'nullable': {
      const inner = definition.innerType && fieldCheck(definition.innerType);
      return inner && { accepts: (value: unknown) => value === null || inner.accepts(value), optional: inner.optional };
    }
    default:
      return undefined;
  }
}

/**
 * The fields of an object schema all of whose fields {@link fieldCheck} can check, with no
 * refinement on the object and no extra keys kept (strict, or stripping ones a fast check never lets
 * through), or undefined.
 */
function flatFields(schema: z.ZodObject): readonly FlatField[] | undefined {
  const definition = definitionOf(schema);
  if (definition.type !== 'object' || (definition.checks !== undefined && definition.checks.length > 0)) return undefined;
  const catchall = definition.catchall && definitionOf(definition.catchall);
  if (catchall !== undefined && catchall.type !== 'never') return undefined;
  const fields: FlatField[] = [];
  for (const [key, fieldSchema] of Object.entries(schema.shape)) {
    const field = fieldCheck(fieldSchema);
    if (!field) return undefined;
    fields.push({ key, accepts: field.accepts, optional: field.optional });
  }
  return fields;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The payload parser of one schema. For a payload of finite fields and `isoDate`s only (most events:
 * codes, flags and days), a payload whose keys are all the schema's, each holding one of its values, is copied in
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
      if (!field || value === undefined || !field.accepts(value)) return byZod(payload);
      if (!field.optional) requiredSeen++;
      keys++;
    }
    if (requiredSeen !== required) return byZod(payload);
    const data: Record<string, unknown> = {};
    if (keys > 0) for (const field of fields) if (Object.hasOwn(payload, field.key)) data[field.key] = payload[field.key];
    return { success: true, data };
  };
}
