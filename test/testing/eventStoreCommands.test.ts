import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type AnyPathDefinition, type EventStore } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { eventStoreProperty } from 'kykypolku/testing';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';

const paths: readonly AnyPathDefinition[] = [...builtInPaths, reviewPath];

describe('model-based testing of an EventStore against a path', () => {
  it.each(paths.map((path) => [path.id, path] as const))('the memory store agrees with the model on %s', async (id, path) => {
    await fc.assert(eventStoreProperty(path, () => createMemoryStore()), propertyRun(`${id}: memory store against the model`, 60));
  });

  it('catches a store that forgets to check the expected seq', async () => {
    const careless = (): EventStore => {
      const store = createMemoryStore();
      return {
        ...store,
        // Appends at whatever seq the store is at: a stale writer's event lands twice.
        append: async (caseId, events) => store.append(caseId, events, { expectedSeq: (await store.read(caseId)).length }),
      };
    };
    const details = await fc.check(eventStoreProperty(reviewPath, careless), propertyRun('careless store is caught', 100));
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/stale append .* must get CONCURRENCY_CONFLICT/);
  });

  it('catches a store that loses the order of appends', async () => {
    const shuffling = (): EventStore => {
      const store = createMemoryStore();
      return {
        ...store,
        readAll: async function* () {
          const events = [];
          for await (const event of store.readAll()) events.push(event);
          yield* events.reverse();
        },
      };
    };
    const details = await fc.check(eventStoreProperty(reviewPath, shuffling), propertyRun('shuffling store is caught', 100));
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/readAll, in append order/);
  });
});
