import { eventTypeMaxLength, hostIdMaxLength, pathIdMaxLength } from '../schema/codeStrings.js';
import { instantYears, isMillisInYears, isoInstant, isoInstantMaxLength } from '../time/instant.js';
import { maxCaseIdLength } from '../schema/codeStrings.js';
import { isCanonicalUtcInstant } from '../time/canonicalInstant.js';

// The fast paths below accept a subset of what the zod envelopes accept: when one says yes, zod
// would too, and when one says no, the caller asks zod, which gives the verdict and the issues.
// They exist because a zod object parse costs more than the rest of a replayed event together.

const isoInstantPattern = (isoInstant.def as { pattern?: RegExp }).pattern;
const inputKeys = new Set(['type', 'at', 'actor', 'payload', 'eventId']);

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max;
}

function isActor(value: unknown): value is { role: string; id: string } {
  if (!isPlainRecord(value) || !isBoundedString(value.role, 100) || !isBoundedString(value.id, hostIdMaxLength)) return false;
  // Exactly the two keys, counted without an array per event (`Object.keys`); an inherited
  // enumerable key counts too, and then zod decides.
  let keys = 0;
  for (const key in value) if (++keys > 2 || (key !== 'role' && key !== 'id')) return false;
  return keys === 2;
}

function isInstant(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= isoInstantMaxLength &&
    (isCanonicalUtcInstant(value) || isoInstantPattern?.test(value) === true) &&
    isInYears(value)
  );
}

/** The pattern has matched, so the text starts with four digits: a year well inside needs no Date.parse. */
function isInYears(instant: string): boolean {
  const year = leadingYear(instant);
  return (year > instantYears.first && year < instantYears.last) || isMillisInYears(Date.parse(instant));
}

/** The year of a text that starts with four ASCII digits, without cutting a string per event. @internal */
export function leadingYear(text: string): number {
  return (text.charCodeAt(0) - 48) * 1000 + (text.charCodeAt(1) - 48) * 100 + (text.charCodeAt(2) - 48) * 10 + (text.charCodeAt(3) - 48);
}

function isOptionalEventId(value: unknown): value is string | undefined {
  return value === undefined || isBoundedString(value, hostIdMaxLength);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/**
 * True when an input's envelope is certainly well formed (`caseInputEnvelope` would accept it).
 *
 * @internal
 */
export function isWellFormedInput(
  input: unknown,
): input is { type: string; at: string; actor: { role: string; id: string }; payload?: unknown; eventId?: string } {
  if (!isPlainRecord(input)) return false;
  for (const key of Object.keys(input)) if (!inputKeys.has(key)) return false;
  return isBoundedString(input.type, eventTypeMaxLength) && isInstant(input.at) && isActor(input.actor) && isOptionalEventId(input.eventId);
}

/**
 * True when a stored event's envelope is certainly well formed (`recordedEventEnvelope` would
 * accept it).
 *
 * @internal
 */
export function isWellFormedRecordedEvent(event: unknown): event is {
  caseId: string;
  seq: number;
  type: string;
  at: string;
  actor: { role: string; id: string };
  payload: unknown;
  path: { id: string; version: number };
  eventId?: string;
} {
  if (!isPlainRecord(event)) return false;
  const path = event.path;
  return (
    isBoundedString(event.caseId, maxCaseIdLength) &&
    isPositiveInteger(event.seq) &&
    isBoundedString(event.type, eventTypeMaxLength) &&
    isInstant(event.at) &&
    isActor(event.actor) &&
    isPlainRecord(path) &&
    isBoundedString(path.id, pathIdMaxLength) &&
    isPositiveInteger(path.version) &&
    isOptionalEventId(event.eventId)
  );
}
