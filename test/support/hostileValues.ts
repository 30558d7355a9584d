// Host values that cannot be read, or answer differently on each read: what a store's boundary
// must refuse or read once (src/store/appendInput.ts).
import type { RecordedEvent } from 'kykypolku';

/** A Proxy every one of whose traps throws: a host value that cannot be read at all. */
export function throwingProxy<Target extends object>(target: Target): Target {
  const boom = () => {
    throw new Error('boom');
  };
  return new Proxy(target, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom });
}

/** A copy of the event whose `key` is a getter answering `read()`. */
export function withGetter(event: RecordedEvent, key: string, read: () => unknown): RecordedEvent {
  const copy = { ...event } as Record<string, unknown>;
  delete copy[key];
  Object.defineProperty(copy, key, { get: read, enumerable: true });
  return copy as unknown as RecordedEvent;
}
