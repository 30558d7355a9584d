import type { RecordedEvent } from '../path/recordedEvent.js';
import { AdoptObject } from './adoptObject.js';

// An SQL store rebuilds each event it reads from the row's columns, all PostgreSQL text (or
// integers): text that holds no NUL and no lone surrogate, since PostgreSQL cannot store a NUL in
// text and hands back UTF-8, which has no lone surrogates. The value domain's string check
// (`stringProblem`) can never fail on such an envelope, so replay need not run it for every event
// it loads (issue 19: a tenth of a replay of events read from PGlite). Only the store's own objects
// are marked, in a private field no other code can read or copy, and the envelope is frozen when
// marked (the event, its actor, its path), so no string can be swapped in after the store made it.
// Everything else is still checked: the envelope's shape, lengths and instant, and the payload whole.

class ReadFromText extends AdoptObject {
  readonly #fromText = true;

  static holds(value: object): boolean {
    return #fromText in value;
  }
}

/**
 * Marks an event an SQL store has just made from a row's text columns, and freezes its envelope
 * (the event, `actor` and `path`; the payload is the caller's and is checked whole on replay).
 * Returns the event.
 *
 * @internal
 */
export function markReadFromText<Event extends RecordedEvent>(event: Event): Event {
  new ReadFromText(event);
  Object.freeze(event.actor);
  Object.freeze(event.path);
  return Object.freeze(event);
}

/**
 * Whether the value is an event an SQL store made from text columns ({@link markReadFromText}):
 * its envelope's strings are inside the value domain by construction, and cannot have changed.
 *
 * @internal
 */
export function isReadFromText(value: object): boolean {
  return ReadFromText.holds(value);
}
