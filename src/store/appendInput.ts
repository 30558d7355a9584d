import { planThatRecorded } from '../case/recordedHere.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { describeIssue, storedEventIssue } from '../case/storedEventDomain.js';
import type { EventIssue } from '../case/rejection.js';
import { copyIntoDomain } from '../schema/valueDomain.js';
import type { AppendFailure, AppendOptions, NewCase } from './eventStore.js';

// What a host hands `append` and `appendNewCases` is any JavaScript value: an array that is a
// Proxy, an event with a getter that throws, or answers one thing to the check and another to the
// write. Each is read here once, into plain copies, before anything is checked or written; a value
// that throws while it is read is refused with INVALID_APPEND, never thrown. An event this library
// recorded is frozen and was checked when it was made: it is kept as it is, not copied.

/** An append's arguments, read once. @internal */
export interface AppendInput {
  readonly events: readonly RecordedEvent[];
  readonly options: AppendOptions;
}

const unreadable = 'could not be read (a getter or Proxy threw)';

function refusal(caseId: unknown, message: string, index = 0): AppendFailure {
  return { code: 'INVALID_APPEND', message, caseId: typeof caseId === 'string' ? caseId.slice(0, 40) : '', index };
}

/** The event, or a plain copy of a host's event; why not, when it cannot be copied. */
function eventOnce(event: unknown): { readonly event: unknown } | { readonly issue: EventIssue } {
  if (planThatRecorded(event) !== undefined) return { event };
  const copied = copyIntoDomain(event);
  if (copied.ok) return { event: copied.value };
  // The envelope check's own words where it can give them (a getter that throws it cannot read).
  let issue: EventIssue | undefined;
  try {
    issue = storedEventIssue(event);
  } catch {
    issue = undefined;
  }
  return { issue: issue ?? copied.issue };
}

/** Not an array: the checks after refuse it in their own words. */
const notArray = Symbol('not an array');

/**
 * The items of a host's array, each read once; `notArray` for any other value; undefined when
 * reading it threw (a revoked Proxy, a trap or getter that throws).
 */
function itemsOnce(list: unknown): unknown[] | typeof notArray | undefined {
  try {
    if (!Array.isArray(list)) return notArray;
    const length = list.length;
    const items = new Array<unknown>(length);
    for (let index = 0; index < length; index++) items[index] = list[index];
    return items;
  } catch {
    return undefined;
  }
}

/**
 * `append`'s events and options read once: the events array and each host event copied, the options'
 * fields read once (the projection copied). A failure when any of it throws while it is read.
 *
 * @internal
 */
export function appendInputOnce(caseId: unknown, events: unknown, options: unknown): AppendInput | { readonly failure: AppendFailure } {
  const items = itemsOnce(events);
  if (items === notArray) return { events: events as readonly RecordedEvent[], options: options as AppendOptions };
  if (items === undefined) return { failure: refusal(caseId, `the events ${unreadable}`) };
  let read: AppendOptions;
  try {
    if (typeof options !== 'object' || options === null)
      return { failure: refusal(caseId, 'the options must be an object with expectedSeq') };
    const { expectedSeq, projection, consents } = options as AppendOptions;
    const copiedProjection = projection === undefined ? undefined : copyIntoDomain(projection);
    read = {
      expectedSeq,
      ...(projection === undefined
        ? {}
        : { projection: (copiedProjection?.ok ? copiedProjection.value : projection) as AppendOptions['projection'] }),
      ...(consents === undefined ? {} : { consents }),
    };
  } catch {
    return { failure: refusal(caseId, `the options ${unreadable}`) };
  }
  const copies: unknown[] = [];
  for (let index = 0; index < items.length; index++) {
    const once = eventOnce(items[index]);
    if ('issue' in once) return { failure: refusal(caseId, `event ${index} is not a recorded event: ${describeIssue(once.issue)}`, index) };
    copies.push(once.event);
  }
  return { events: copies as RecordedEvent[], options: read };
}

/**
 * `appendNewCases`' cases read once: the array, each case's fields, its events and projection.
 * A failure naming the entry when any of it throws while it is read.
 *
 * @internal
 */
export function newCasesInputOnce(
  cases: unknown,
): { readonly cases: readonly NewCase[] } | { readonly failure: AppendFailure; readonly entry: number } {
  const items = itemsOnce(cases);
  if (items === notArray) return { cases: cases as readonly NewCase[] };
  if (items === undefined) return { failure: refusal('', `the new cases ${unreadable}`), entry: 0 };
  const read: NewCase[] = [];
  for (let entry = 0; entry < items.length; entry++) {
    const item = items[entry];
    // Not an object: left for checkNewCases to refuse in its own words.
    if (typeof item !== 'object' || item === null) {
      read.push(item as NewCase);
      continue;
    }
    let caseId: unknown;
    let events: unknown;
    let projection: unknown;
    try {
      ({ caseId, events, projection } = item as NewCase);
    } catch {
      return { failure: refusal('', `new case ${entry} ${unreadable}`), entry };
    }
    const input = appendInputOnce(caseId, events, { expectedSeq: 0, projection });
    if ('failure' in input) return { failure: input.failure, entry };
    read.push({
      caseId,
      events: input.events,
      ...(input.options.projection === undefined ? {} : { projection: input.options.projection }),
    } as NewCase);
  }
  return { cases: read };
}
