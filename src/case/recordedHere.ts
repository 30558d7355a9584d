import type { RecordedEvent } from '../path/recordedEvent.js';
import type { CompiledPath } from './compilePath.js';
import { AdoptObject } from './adoptObject.js';

// Events this library's pipeline made carry, in a private field, the compiled path that made them.
// Such an event is frozen and was checked field by field when it was made: replaying it under the
// same compiled path need not check its envelope, its value domain or its payload again, and it can
// be the history entry itself. A private field, not a WeakMap: millions of recorded events would
// make every garbage collection walk the map; and unlike a symbol no other code can read or copy it,
// so a Proxy, a copy or a look-alike of such an event is checked like any host value.

class RecordedHere extends AdoptObject {
  readonly #plan: CompiledPath;

  constructor(event: object, plan: CompiledPath) {
    super(event);
    this.#plan = plan;
  }

  static planOf(value: object): CompiledPath | undefined {
    return #plan in value ? (value as RecordedHere).#plan : undefined;
  }
}

/** Whether every object inside the value (not the value itself) is frozen, all the way down. */
function isFrozenBelow(value: object): boolean {
  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key];
    if (typeof inner === 'object' && inner !== null && (!Object.isFrozen(inner) || !isFrozenBelow(inner))) return false;
  }
  return true;
}

/**
 * Marks an event `plan` is about to freeze as made by it. Only an event every object inside whose
 * payload is frozen (the pipeline freezes them all) is marked: anything nested left changeable could
 * be changed by whoever holds it after the event was checked. Call before the event is frozen.
 *
 * @internal
 */
export function markRecordedHere(event: RecordedEvent, plan: CompiledPath): void {
  if (isFrozenBelow(event.payload as object)) markFrozenRecordedHere(event, plan);
}

/**
 * {@link markRecordedHere} for an event whose payload the pipeline has just frozen all the way down
 * (`frozenPayloadOf`): the walk that would find it so is skipped, once per recorded or replayed event.
 *
 * @internal
 */
export function markFrozenRecordedHere(event: RecordedEvent, plan: CompiledPath): void {
  new RecordedHere(event, plan);
}

/**
 * The compiled path that made this event, when this library's pipeline made it (it is frozen, so
 * it cannot have changed since); `undefined` for any other value.
 *
 * @internal
 */
export function planThatRecorded(value: unknown): CompiledPath | undefined {
  return typeof value === 'object' && value !== null ? RecordedHere.planOf(value) : undefined;
}
