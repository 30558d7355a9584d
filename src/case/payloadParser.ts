import type { z } from 'zod';
import { instantYears, isMillisInYears, isoDate } from '../time/instant.js';
import { stringProblem, valueLimits } from '../schema/valueDomain.js';
import { leadingYear } from './envelopeCheck.js';

/** A payload as its schema parses it, or zod's own failure with its issues. @internal */
export type PayloadParse =
  | { readonly success: true; readonly data: Record<string, unknown> }
  | { readonly success: false; readonly error: z.ZodError };

/** Parses one event type's payload: a fast check where the schema allows one, zod otherwise. @internal */
export type PayloadParser = (payload: unknown) => PayloadParse;

/**
 * Reads a stored payload that is certainly inside the value domain and certainly what its schema
 * accepts, giving what zod's parse gives; `undefined` when it cannot say so (then the caller checks
 * the domain and asks zod, as for any payload). Never throws. @internal
 */
export type DomainPayloadReader = (payload: unknown) => Record<string, unknown> | undefined;

/** What a field reader answers when the fast path cannot take a value (zod must decide). */
const refused: unique symbol = Symbol('refused');

/** Reads one value: the value zod's parse gives (a copy for an object), or `refused`. */
type Reader = (value: unknown) => unknown;

interface FieldReader {
  readonly read: Reader;
  readonly optional: boolean;
  /** The most UTF-16 units its strings and keys can hold; undefined when unbounded. */
  readonly units: number | undefined;
  /** The most values (leaves and objects) it can hold. */
  readonly values: number;
  /** How deep objects nest inside it (0 for a leaf). */
  readonly depth: number;
  /** True when everything it takes is inside the value domain (checked where it cannot be known ahead). */
  readonly inDomain: boolean;
}

interface ZodCheckDefinition {
  readonly check?: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
}

interface ZodInternals {
  readonly type: string;
  readonly coerce?: boolean;
  readonly checks?: readonly { readonly _zod: { readonly def: ZodCheckDefinition } }[];
  readonly catchall?: { readonly _zod: { readonly def: ZodInternals } };
  readonly innerType?: { readonly _zod: { readonly def: ZodInternals } };
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly shape?: Readonly<Record<string, unknown>>;
}

function definitionOf(schema: unknown): ZodInternals {
  return (schema as { _zod: { def: ZodInternals } })._zod.def;
}

const isoDatePattern = (isoDate.def as { pattern?: RegExp }).pattern;

/** What the library's own `isoDate` accepts: its pattern, then its years (Date.parse only near their ends). */
function isDateInYears(value: unknown): boolean {
  if (typeof value !== 'string' || isoDatePattern?.test(value) !== true) return false;
  const year = leadingYear(value);
  return (year > instantYears.first && year < instantYears.last) || isMillisInYears(Date.parse(value));
}

const isNegativeZero = (value: unknown): boolean => value === 0 && 1 / (value as number) < 0;

function leaf(read: Reader, units: number | undefined, inDomain: boolean): FieldReader {
  return { read, optional: false, units, values: 1, depth: 0, inDomain };
}

function oneOf(values: readonly unknown[], domain: boolean): FieldReader {
  const set = new Set(values);
  // A Set finds -0 as 0, as zod's does; the value domain refuses -0, so a domain reader leaves it to the full check.
  const hasZero = domain && set.has(0);
  const read: Reader = hasZero
    ? (value) => (set.has(value) && !isNegativeZero(value) ? value : refused)
    : (value) => (set.has(value) ? value : refused);
  let units = 0;
  let inDomain = true;
  for (const value of values) {
    if (typeof value === 'string') {
      units = Math.max(units, value.length);
      if (stringProblem(value) !== undefined) inDomain = false;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) inDomain = false;
    } else if (typeof value !== 'boolean' && value !== null) inDomain = false;
  }
  return leaf(read, units, inDomain);
}

/** A string with length bounds and regular expressions only (zod's min, max, length and regex). */
function boundedString(checks: readonly ZodCheckDefinition[], domain: boolean): FieldReader | undefined {
  let minimum = 0;
  let maximum = Number.POSITIVE_INFINITY;
  const patterns: RegExp[] = [];
  for (const check of checks) {
    if (check.check === 'min_length' && typeof check.minimum === 'number') minimum = Math.max(minimum, check.minimum);
    else if (check.check === 'max_length' && typeof check.maximum === 'number') maximum = Math.min(maximum, check.maximum);
    else if (check.check === 'length_equals' && typeof check.length === 'number') {
      minimum = Math.max(minimum, check.length);
      maximum = Math.min(maximum, check.length);
    } else if (check.check === 'string_format' && check.format === 'regex' && check.pattern instanceof RegExp) patterns.push(check.pattern);
    else return undefined;
  }
  const read: Reader = (value) => {
    if (typeof value !== 'string' || value.length < minimum || value.length > maximum) return refused;
    for (const pattern of patterns) {
      // As zod does: a global or sticky pattern would otherwise start where its last match ended.
      pattern.lastIndex = 0;
      if (!pattern.test(value)) return refused;
    }
    return domain && stringProblem(value) !== undefined ? refused : value;
  };
  return leaf(read, Number.isFinite(maximum) ? maximum : undefined, true);
}

/** A finite number with inclusive or exclusive bounds, perhaps a safe integer (zod's min, max, gt, lt, int). */
function boundedNumber(checks: readonly ZodCheckDefinition[], domain: boolean): FieldReader | undefined {
  let integer = false;
  const bounds: ((value: number) => boolean)[] = [];
  for (const check of checks) {
    const limit = check.value;
    if (check.check === 'number_format' && check.format === 'safeint') integer = true;
    else if (check.check === 'greater_than' && typeof limit === 'number')
      bounds.push(check.inclusive ? (value) => value >= limit : (value) => value > limit);
    else if (check.check === 'less_than' && typeof limit === 'number')
      bounds.push(check.inclusive ? (value) => value <= limit : (value) => value < limit);
    else return undefined;
  }
  const read: Reader = (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isSafeInteger(value))) return refused;
    for (const holds of bounds) if (!holds(value)) return refused;
    return domain && isNegativeZero(value) ? refused : value;
  };
  return leaf(read, 0, true);
}

/**
 * How to read a field the fast path can answer exactly as zod does: a boolean, an enum, a literal,
 * the library's own `isoDate`, a string with length bounds and patterns, a finite number with bounds
 * (perhaps an integer), or a strict object of such fields; each perhaps optional or nullable. Anything
 * else — another format, a default, a transform, a refinement, coercion — leaves the whole payload to
 * zod. With `domain`, a value outside the value domain (-0, NUL, a lone surrogate) is refused too.
 */
function fieldReader(schema: unknown, domain: boolean): FieldReader | undefined {
  // The one refinement known here: `isoDate`'s years, which isDateInYears checks alike.
  if (schema === isoDate) return leaf((value) => (isDateInYears(value) ? value : refused), 10, true);
  const definition = definitionOf(schema);
  if (definition.coerce) return undefined;
  // A schema can be a check itself (`z.iso.date()`, `z.int()`): its own format counts as one of its checks.
  const own = (definition as ZodCheckDefinition).check !== undefined ? [definition as ZodCheckDefinition] : [];
  if (own.length === 0 && ((definition as ZodCheckDefinition).format !== undefined || (definition as ZodCheckDefinition).pattern))
    return undefined;
  const checks = [...own, ...(definition.checks ?? []).map((check) => check._zod.def)];
  switch (definition.type) {
    case 'boolean':
      return checks.length === 0 ? oneOf([false, true], domain) : undefined;
    case 'enum':
      return checks.length === 0 && definition.entries ? oneOf(Object.values(definition.entries), domain) : undefined;
    case 'literal':
      return checks.length === 0 && definition.values ? oneOf(definition.values, domain) : undefined;
    case 'string':
      return boundedString(checks, domain);
    case 'number':
      return boundedNumber(checks, domain);
    case 'object':
      return objectReader(schema, domain);
    case 'optional': {
      const inner = checks.length === 0 && definition.innerType ? fieldReader(definition.innerType, domain) : undefined;
      return inner && { ...inner, optional: true };
    }
    case 'nullable': {
      const inner = checks.length === 0 && definition.innerType ? fieldReader(definition.innerType, domain) : undefined;
      return inner && { ...inner, read: (value: unknown) => (value === null ? null : inner.read(value)) };
    }
    default:
      return undefined;
  }
}

const utf8 = new TextEncoder();

/** jsonb's order of an object's keys: the fewer UTF-8 bytes first, then byte by byte. @internal */
export function jsonbKeyOrder(a: string, b: string): number {
  const left = utf8.encode(a);
  const right = utf8.encode(b);
  if (left.length !== right.length) return left.length - right.length;
  for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return left[index]! - right[index]!;
  return 0;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A strict object (or a stripping one: a fast read lets no unknown key through, so there is nothing
 * to strip) with no refinement, every field of which {@link fieldReader} can read. A payload whose
 * keys are all the schema's, each holding a value its field takes, is copied in the schema's key
 * order — exactly what zod's parse gives.
 *
 * One copy, whatever order the keys come in. Stored payloads come in the order their store keeps
 * keys in: JSON as they were written (the schema's), jsonb shortest key first, then bytewise (see
 * {@link jsonbKeyOrder}), a host in its own. Values are read where `for…in` reads them fastest, each
 * once; while the keys come in the schema's order they go straight into the copy, and once one comes
 * out of it (or the first is the one jsonb puts first) into slots by their place in the schema, from
 * which the copy is made in order at the end. No set of keys seen, no second object per payload.
 */
function objectReader(schema: unknown, domain: boolean): FieldReader | undefined {
  const definition = definitionOf(schema);
  if (definition.type !== 'object' || (definition.checks !== undefined && definition.checks.length > 0)) return undefined;
  const catchall = definition.catchall && definitionOf(definition.catchall);
  if (catchall !== undefined && catchall.type !== 'never') return undefined;
  const entries: [string, FieldReader][] = [];
  let units: number | undefined = 0;
  let values = 1;
  let depth = 0;
  // A key the domain refuses (`__proto__`, NUL) would pass a fast read unchecked: such a schema gets no domain reader.
  let inDomain = true;
  for (const [key, fieldSchema] of Object.entries(definition.shape ?? {})) {
    const field = fieldReader(fieldSchema, domain);
    if (!field) return undefined;
    entries.push([key, field]);
    units = units === undefined || field.units === undefined ? undefined : units + key.length + field.units;
    values += field.values;
    depth = Math.max(depth, field.depth + 1);
    if (!field.inDomain || key === '__proto__' || stringProblem(key) !== undefined) inDomain = false;
  }
  const keys = entries.map(([key]) => key);
  const positions = new Map(keys.map((key, position) => [key, position]));
  const readers = entries.map(([, field]) => field.read);
  const optional = entries.map(([, field]) => field.optional);
  const required = optional.filter((isOptional) => !isOptional).length;
  // The key jsonb gives first (the shortest, then bytewise), when it is not the schema's first: a
  // payload that starts with it is put in order through `slots` from the start.
  const jsonbKeys = [...keys].sort(jsonbKeyOrder);
  const jsonbStart = jsonbKeys[0] !== keys[0] ? jsonbKeys[0] : undefined;
  // After the field at a schema place, the place of the key jsonb gives next: a payload a store
  // gave back is read in jsonb's order without a look-up in the map.
  const jsonbNext = keys.map((key) => {
    const following = jsonbKeys[jsonbKeys.indexOf(key) + 1];
    return following === undefined ? -1 : positions.get(following)!;
  });
  const jsonbFirstPlace = positions.get(jsonbKeys[0]!) ?? -1;
  const read: Reader = (payload) => {
    if (!isPlainRecord(payload)) return refused;
    let data: Record<string, unknown> = {};
    // Each taken value by its field's place in the schema, once the keys have come out of its order.
    let slots: unknown[] | undefined;
    let requiredSeen = 0;
    let last = -1;
    for (const key in payload) {
      if (!Object.hasOwn(payload, key)) return refused;
      // JSON keeps the schema's order, jsonb its own: the next field in each is tried before the map.
      const next = last + 1;
      const inJsonb = last < 0 ? jsonbFirstPlace : jsonbNext[last]!;
      const position =
        next < keys.length && keys[next] === key ? next : inJsonb >= 0 && keys[inJsonb] === key ? inJsonb : positions.get(key);
      // Each value is read once, here, where `for…in` reads it fastest: a getter's second answer is never the one checked.
      const value = position === undefined ? undefined : payload[key];
      if (value === undefined) return refused;
      const taken = readers[position!]!(value);
      if (taken === refused) return refused;
      if (!optional[position!]) requiredSeen++;
      if (slots === undefined && (position! < last || (last < 0 && key === jsonbStart))) {
        slots = new Array(keys.length);
        for (const earlier in data) slots[positions.get(earlier)!] = data[earlier];
        data = {};
      }
      if (slots === undefined) data[key] = taken;
      else slots[position!] = taken;
      last = position!;
    }
    // `for…in` lists a key once: the count says every required key is there, without a set of keys seen.
    if (requiredSeen !== required) return refused;
    if (slots === undefined) return data;
    // The one copy in the schema's order (a taken value is never undefined).
    for (let position = 0; position < keys.length; position++) {
      const taken = slots[position];
      if (taken !== undefined) data[keys[position]!] = taken;
    }
    return data;
  };
  return { read, optional: false, units, values, depth, inDomain };
}

/**
 * The payload parser of one schema. A payload the fast path can read (see {@link fieldReader}: most
 * events are codes, flags, days and bounded codes) is copied in the schema's key order — exactly
 * what zod's parse gives, without it. Every other payload, and every payload of another schema, is
 * parsed by zod, which gives the verdict and the issues. Parity with zod is a property test
 * (test/case/payloadParser.unit.test.ts).
 *
 * @internal
 */
export function createPayloadParser(schema: z.ZodObject): PayloadParser {
  const byZod: PayloadParser = (payload) => schema.safeParse(payload) as PayloadParse;
  const reader = objectReader(schema, false);
  if (!reader) return byZod;
  const read = reader.read;
  return (payload) => {
    const data = read(payload);
    return data === refused ? byZod(payload) : { success: true, data: data as Record<string, unknown> };
  };
}

/**
 * The domain reader of one schema (see {@link DomainPayloadReader}), or undefined when its payloads
 * cannot be read fast or could hold more than the value domain's bounds (nesting, values, string
 * units): then replay checks the domain and asks zod, as before. Replay uses it for stored events,
 * whose payload must be both inside the domain and what the schema accepts: one read for both.
 *
 * @internal
 */
export function createDomainPayloadReader(schema: z.ZodObject): DomainPayloadReader | undefined {
  const reader = objectReader(schema, true);
  if (
    !reader?.inDomain ||
    reader.units === undefined ||
    reader.units > valueLimits.maxStringUnits ||
    reader.values > valueLimits.maxValues ||
    reader.depth >= valueLimits.maxDepth
  )
    return undefined;
  const read = reader.read;
  return (payload) => {
    try {
      const data = read(payload);
      return data === refused ? undefined : (data as Record<string, unknown>);
    } catch {
      // A getter or Proxy that throws: the full domain check names where.
      return undefined;
    }
  };
}
