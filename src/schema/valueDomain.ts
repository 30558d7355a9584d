import type { z } from 'zod';

/**
 * The value domain: what any value the engine accepts may be made of, so that what `record`
 * accepts is exactly what every store can hold and give back equal (docs/developers.md, "The value
 * domain"). JSON's own values, minus what a PostgreSQL `text` or `jsonb` column cannot keep:
 *
 * - a string is well-formed UTF-16 (no lone surrogate: PostgreSQL would store U+FFFD, and the
 *   digest would no longer match) and holds no NUL (U+0000: `text` and `jsonb` refuse it);
 * - a number is finite and never `-0` (`jsonb` keeps `-0` as `0`);
 * - an object is a plain object (its prototype `Object.prototype` or `null`); its own enumerable
 *   string keys are read, each value once (a getter is called once, never again); a key that is
 *   `undefined` is absent, as in JSON; symbol keys are left out; a key named `__proto__` is refused;
 * - an array is a plain array of such values, without holes or `undefined`;
 * - booleans and `null` as they are.
 *
 * Bounded too, so a hostile value costs little to refuse: nesting depth, number of values and
 * string length together.
 *
 * @example
 * ```ts
 * valueLimits.maxDepth; // 32: a cyclic payload is refused once it is nested this deep
 * ```
 */
export const valueLimits = {
  /** Objects and arrays nested deeper than this are refused (a cycle is refused this way too). */
  maxDepth: 32,
  /** The most values (leaves, objects and arrays) one input or stored event may hold. */
  maxValues: 10_000,
  /** The most UTF-16 code units all its strings and keys may hold together. */
  maxStringUnits: 100_000,
} as const;

/** A value inside the domain. */
export type PlainValue = null | boolean | number | string | readonly PlainValue[] | { readonly [key: string]: PlainValue };

/** The result of reading a value into the domain: the value, or the first issue found (its path, why). */
export type DomainResult<T = PlainValue> =
  | { readonly ok: true; readonly value: T; readonly issue?: never }
  | { readonly ok: false; readonly issue: z.core.$ZodIssue; readonly value?: never };

class OutsideDomain {
  constructor(readonly message: string) {}
}

interface Walk {
  readonly copy: boolean;
  readonly path: PropertyKey[];
  values: number;
  units: number;
}

/** String.prototype.isWellFormed (ES2024, Node 20): the lib the project compiles against predates it. */
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * True when a string holds neither NUL nor any surrogate: the common case, decided without a call
 * into the engine for the short strings events are made of. A string with surrogates is then
 * checked for lone ones by {@link stringProblem}.
 */
function isPlainText(text: string): boolean {
  if (text.length > 32) return !text.includes('\u0000') && isWellFormed(text);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit === 0 || (unit >= 0xd800 && unit <= 0xdfff)) return false;
  }
  return true;
}

/**
 * Why a string is outside the domain, or `undefined` when it is inside. The message never repeats
 * the string.
 *
 * @internal
 */
export function stringProblem(text: string): string | undefined {
  if (isPlainText(text)) return undefined;
  if (text.includes('\u0000')) return 'holds a NUL character (U+0000), which a PostgreSQL store cannot keep';
  if (!isWellFormed(text)) return 'holds a lone surrogate (not well-formed UTF-16), which a PostgreSQL store would change to U+FFFD';
  return undefined;
}

function countString(walk: Walk, text: string): void {
  walk.units += text.length;
  if (walk.units > valueLimits.maxStringUnits)
    throw new OutsideDomain(`its strings hold more than ${valueLimits.maxStringUnits} characters together`);
  const problem = stringProblem(text);
  if (problem) throw new OutsideDomain(problem);
}

function countValue(walk: Walk): void {
  if (++walk.values > valueLimits.maxValues) throw new OutsideDomain(`holds more than ${valueLimits.maxValues} values`);
}

function readValue(walk: Walk, value: unknown, depth: number): PlainValue {
  countValue(walk);
  switch (typeof value) {
    case 'string':
      countString(walk, value);
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new OutsideDomain('is not a finite number');
      if (value === 0 && 1 / value < 0) throw new OutsideDomain('is -0, which a store keeps as 0');
      return value;
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return null;
      if (depth >= valueLimits.maxDepth) throw new OutsideDomain(`is nested deeper than ${valueLimits.maxDepth} levels (or is cyclic)`);
      return Array.isArray(value) ? readArray(walk, value, depth + 1) : readObject(walk, value, depth + 1);
    default:
      throw new OutsideDomain(value === undefined ? 'is undefined, which JSON cannot hold here' : `is a ${typeof value}, not a JSON value`);
  }
}

function readArray(walk: Walk, array: readonly unknown[], depth: number): readonly PlainValue[] {
  if (Object.getPrototypeOf(array) !== Array.prototype) throw new OutsideDomain('is not a plain array');
  const length = array.length;
  if (length > valueLimits.maxValues - walk.values) throw new OutsideDomain(`holds more than ${valueLimits.maxValues} values`);
  const copy: PlainValue[] | undefined = walk.copy ? new Array<PlainValue>(length) : undefined;
  for (let index = 0; index < length; index++) {
    walk.path.push(index);
    // Read once: the copy keeps what this read gave.
    const element = readValue(walk, array[index], depth);
    if (copy) copy[index] = element;
    walk.path.pop();
  }
  return copy ?? (array as readonly PlainValue[]);
}

function readObject(walk: Walk, object: object, depth: number): { readonly [key: string]: PlainValue } {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null)
    throw new OutsideDomain('is not a plain object (its prototype is another object)');
  const copy: Record<string, PlainValue> | undefined = walk.copy ? {} : undefined;
  // Own enumerable string keys, as JSON.stringify takes them; each value is read exactly once (a
  // getter is called once, a Proxy's `get` trap asked once), and only the copy is read after.
  for (const key of Object.keys(object)) {
    countString(walk, key);
    if (key === '__proto__') throw new OutsideDomain("holds a key named '__proto__'");
    walk.path.push(key);
    const value = (object as Record<string, unknown>)[key];
    // An undefined key is absent, as JSON.stringify and every store read it.
    if (value !== undefined) {
      const element = readValue(walk, value, depth);
      if (copy) copy[key] = element;
    }
    walk.path.pop();
  }
  return copy ?? (object as { readonly [key: string]: PlainValue });
}

function walkDomain(value: unknown, copy: boolean, root: readonly PropertyKey[]): DomainResult {
  const walk: Walk = { copy, path: [...root], values: 0, units: 0 };
  try {
    return { ok: true, value: readValue(walk, value, 0) };
  } catch (error) {
    // Anything else thrown came from the host's value itself: a getter, a Proxy trap, a revoked Proxy.
    const message = error instanceof OutsideDomain ? error.message : 'could not be read (a Proxy or property threw)';
    return { ok: false, issue: { code: 'custom', path: walk.path, message } };
  }
}

interface Budget {
  values: number;
  units: number;
}

/**
 * The common case, fast: a copy (or, with `copy` false, the value itself) when everything is inside
 * the domain, `undefined` at the first thing that is not. No path is kept and nothing is thrown
 * here; {@link walkDomain} then finds where and why.
 */
function fastRead(value: unknown, copy: boolean, depth: number, budget: Budget): PlainValue | undefined {
  if (++budget.values > valueLimits.maxValues) return undefined;
  switch (typeof value) {
    case 'string':
      budget.units += value.length;
      return budget.units > valueLimits.maxStringUnits || (!isPlainText(value) && stringProblem(value) !== undefined) ? undefined : value;
    case 'number':
      return Number.isFinite(value) && (value !== 0 || 1 / value > 0) ? value : undefined;
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (depth >= valueLimits.maxDepth) return undefined;
      const prototype = Object.getPrototypeOf(value);
      if (Array.isArray(value)) {
        if (prototype !== Array.prototype) return undefined;
        const length = value.length;
        if (length > valueLimits.maxValues - budget.values) return undefined;
        const out: PlainValue[] | undefined = copy ? [] : undefined;
        for (let index = 0; index < length; index++) {
          const element = fastRead(value[index], copy, depth + 1, budget);
          if (element === undefined) return undefined;
          out?.push(element);
        }
        return out ?? (value as PlainValue[]);
      }
      if (prototype !== Object.prototype && prototype !== null) return undefined;
      const out: Record<string, PlainValue> | undefined = copy ? {} : undefined;
      for (const key of Object.keys(value)) {
        budget.units += key.length;
        if (budget.units > valueLimits.maxStringUnits || key === '__proto__' || (!isPlainText(key) && stringProblem(key) !== undefined))
          return undefined;
        const field = (value as Record<string, unknown>)[key];
        if (field === undefined) continue;
        const element = fastRead(field, copy, depth + 1, budget);
        if (element === undefined) return undefined;
        if (out) out[key] = element;
      }
      return out ?? (value as Record<string, PlainValue>);
    }
    default:
      return undefined;
  }
}

/** What {@link fastReadInput} answers for an input not of the usual shape: the general read decides. */
const otherShape: unique symbol = Symbol('otherShape');

/** Reads a value one level down, as {@link fastRead} does inside an object: undefined is absent. */
function fastReadField(field: unknown, budget: Budget): PlainValue | undefined | null {
  return field === undefined ? undefined : fastRead(field, true, 1, budget);
}

/**
 * {@link fastRead} with a copy, for the shape nearly every input to `record` has: a plain object of
 * the keys `type`, `at`, `actor`, `payload` and `eventId` only. Its copy is built as one object
 * literal, not key by key: adding keys one at a time to an empty object was a fifth of `record`.
 * It reads each value once, counts the same values and string units, and is outside the domain
 * exactly when `fastRead` is; the copy's keys may come in another order (nothing reads their order:
 * the pipeline reads the fields by name). Any other shape gives `otherShape`.
 */
function fastReadInput(value: unknown): PlainValue | undefined | typeof otherShape {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return otherShape;
  const keys = Object.keys(value);
  if (keys.length > 5) return otherShape;
  const budget: Budget = { values: 1, units: 0 };
  let type: unknown;
  let at: unknown;
  let actor: unknown;
  let payload: unknown;
  let eventId: unknown;
  const input = value as Record<string, unknown>;
  for (const key of keys) {
    // Each key once; a repeated one is impossible among own keys.
    if (key === 'type') type = input.type;
    else if (key === 'at') at = input.at;
    else if (key === 'actor') actor = input.actor;
    else if (key === 'payload') payload = input.payload;
    else if (key === 'eventId') eventId = input.eventId;
    else return otherShape;
    budget.units += key.length;
  }
  const typeCopy = fastReadField(type, budget);
  const atCopy = fastReadField(at, budget);
  const actorCopy = fastReadField(actor, budget);
  const payloadCopy = fastReadField(payload, budget);
  const eventIdCopy = fastReadField(eventId, budget);
  if (
    (typeCopy === undefined && type !== undefined) ||
    (atCopy === undefined && at !== undefined) ||
    (actorCopy === undefined && actor !== undefined) ||
    (payloadCopy === undefined && payload !== undefined) ||
    (eventIdCopy === undefined && eventId !== undefined)
  )
    return undefined;
  // The keys a value was given for, as fastRead's copy holds them: an undefined one is absent.
  const copy: Record<string, PlainValue> = {};
  if (type !== undefined) copy.type = typeCopy as PlainValue;
  if (at !== undefined) copy.at = atCopy as PlainValue;
  if (actor !== undefined) copy.actor = actorCopy as PlainValue;
  if (payload !== undefined) copy.payload = payloadCopy as PlainValue;
  if (eventId !== undefined) copy.eventId = eventIdCopy as PlainValue;
  return copy;
}

/**
 * {@link copyIntoDomain} for an input to `record`: the same result (an input's copy, or the issue
 * of the first thing outside the domain), faster for the usual shape of an input.
 *
 * @internal
 */
export function copyInputIntoDomain(value: unknown): DomainResult {
  let fast: PlainValue | undefined | typeof otherShape;
  try {
    fast = fastReadInput(value);
  } catch {
    fast = undefined;
  }
  if (fast === otherShape) return copyIntoDomain(value);
  if (fast !== undefined) return { ok: true, value: fast };
  const walked = walkDomain(value, true, []);
  return walked.ok ? { ok: false, issue: { code: 'custom', path: [], message: 'changed while it was read (a getter or Proxy)' } } : walked;
}

function readIntoDomain(value: unknown, copy: boolean, root: readonly PropertyKey[]): DomainResult {
  let fast: PlainValue | undefined;
  try {
    fast = fastRead(value, copy, 0, { values: 0, units: 0 });
  } catch {
    // A getter or Proxy trap threw: the walk below reads again to name where.
    fast = undefined;
  }
  if (fast !== undefined) return { ok: true, value: fast };
  const walked = walkDomain(value, copy, root);
  // The walk found nothing wrong this time: the value answered differently on a second read.
  return walked.ok
    ? { ok: false, issue: { code: 'custom', path: [...root], message: 'changed while it was read (a getter or Proxy)' } }
    : walked;
}

/**
 * One plain copy of a host's value, taken once: everything after works on the copy, so a getter
 * or Proxy that answers differently on a later read changes nothing. A value outside the domain
 * (or one that throws while it is read) gives the path and the reason, never a throw. Costs one
 * walk, without JSON or `structuredClone`.
 *
 * @internal
 */
export function copyIntoDomain(value: unknown, root: readonly PropertyKey[] = []): DomainResult {
  return readIntoDomain(value, true, root);
}

/**
 * Checks that a value is inside the domain without copying it: for stored events read back and
 * batches appended, which the store copies or serialises itself.
 *
 * @internal
 */
export function checkDomain(value: unknown, root: readonly PropertyKey[] = []): DomainResult {
  return readIntoDomain(value, false, root);
}
