// Integration: the events an SQL store reads back are made from PostgreSQL text columns, so replay
// skips the value domain's string check on their envelope (src/case/readFromText.ts). That is only
// sound while nothing can put another string into such an event, and only for the store's own
// objects: these tests hold both, and hold the replay of a store's events equal to the replay of
// the same events as plain JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCase, simulateCohort, type AnyPathDefinition, type RecordedEvent } from '../../src/index.js';
import { builtInPaths } from '../../machines/index.js';
import { isReadFromText } from '../../src/case/readFromText.js';
import { createPgliteStore } from '../../src/store/postgres/pgliteStore.js';
import { eventFromRow, rowDigest, type EventRow } from '../../src/store/postgres/eventRow.js';

type Store = Awaited<ReturnType<typeof createPgliteStore>>;

let store: Store;
const read = new Map<string, readonly RecordedEvent[]>();

beforeAll(async () => {
  store = await createPgliteStore();
  for (const definition of builtInPaths as readonly AnyPathDefinition[]) {
    const cohort = simulateCohort(definition, { clients: 20, seed: 7, faultRate: 0 });
    for (const live of cohort.cases) {
      const saved = await store.append(live.caseId, live.history, { expectedSeq: 0 });
      if (!saved.ok) throw new Error(saved.failure.code);
      read.set(live.caseId, await store.read(live.caseId));
    }
  }
}, 120_000);

afterAll(async () => {
  await store.close();
});

describe('events an SQL store reads from its text columns', () => {
  it('are marked, and their envelope is frozen: event, actor and path', () => {
    for (const events of read.values()) {
      for (const event of events) {
        expect(isReadFromText(event)).toBe(true);
        expect(Object.isFrozen(event)).toBe(true);
        expect(Object.isFrozen(event.actor)).toBe(true);
        expect(Object.isFrozen(event.path)).toBe(true);
      }
    }
  });

  it('cannot be given another string after the store made them (the module is strict: assignment throws)', () => {
    const [event] = read.values().next().value!;
    expect(() => {
      (event!.actor as { id: string }).id = 'a\u0000b';
    }).toThrow(TypeError);
    expect(() => {
      (event as { type: string }).type = 'X\uD800';
    }).toThrow(TypeError);
    expect(event!.actor.id).not.toContain('\u0000');
  });

  it('replay exactly as the same events parsed from JSON, on every built-in path', () => {
    const byPath = new Map((builtInPaths as readonly AnyPathDefinition[]).map((definition) => [definition.id, definition]));
    let replayed = 0;
    for (const events of read.values()) {
      const definition = byPath.get(events[0]!.path.id)!;
      const fromStore = replayCase(definition, events);
      const fromJson = replayCase(definition, JSON.parse(JSON.stringify(events)) as RecordedEvent[]);
      expect(fromStore.ok && fromJson.ok).toBe(true);
      if (!fromStore.ok || !fromJson.ok) continue;
      expect(JSON.stringify(fromStore.case.history)).toBe(JSON.stringify(fromJson.case.history));
      expect(fromStore.case.state).toEqual(fromJson.case.state);
      replayed++;
    }
    expect(replayed).toBe(read.size);
  });

  it('lose the mark in a copy or a Proxy, whose strings replay checks again', () => {
    const events = read.values().next().value!;
    const definition = (builtInPaths as readonly AnyPathDefinition[]).find((path) => path.id === events[0]!.path.id)!;
    const withNul = events.map((event, index) => (index === 1 ? { ...event, actor: { ...event.actor, id: 'coach\u0000' } } : event));
    expect(isReadFromText(withNul[1]!)).toBe(false);
    const copied = replayCase(definition, withNul);
    expect(copied.ok).toBe(false);
    if (!copied.ok) expect(copied.failure).toMatchObject({ code: 'MALFORMED_EVENT', index: 1 });

    const lonely = new Proxy(events[1]!, {
      get: (target, key) => (key === 'type' ? 'X\uD800' : Reflect.get(target, key)),
    });
    expect(isReadFromText(lonely)).toBe(false);
    const proxied = replayCase(definition, [events[0]!, lonely, ...events.slice(2)]);
    expect(proxied.ok).toBe(false);
    if (!proxied.ok) expect(proxied.failure).toMatchObject({ code: 'MALFORMED_EVENT', index: 1 });
  });

  it('are still checked for their lengths and instant, which a text column does not bound', () => {
    // A row written outside the store, digest and all (no integrity key): its text can be any text.
    const events = read.values().next().value!;
    const definition = (builtInPaths as readonly AnyPathDefinition[]).find((path) => path.id === events[0]!.path.id)!;
    const original = events[1]!;
    const forged = (change: Partial<EventRow>) => {
      const row: EventRow = {
        seq: original.seq,
        event_id: original.eventId ?? null,
        path_id: original.path.id,
        path_version: original.path.version,
        type: original.type,
        at: original.at,
        actor_role: original.actor.role,
        actor_id: original.actor.id,
        payload: JSON.stringify(original.payload),
        digest: '',
        chain: null,
        ...change,
      };
      const event = eventFromRow(original.caseId, { ...row, digest: rowDigest(original.caseId, row) });
      expect(isReadFromText(event)).toBe(true);
      return replayCase(definition, [events[0]!, event]);
    };
    expect(forged({}).ok).toBe(true);
    for (const change of [{ at: '2025-02-30T09:00:00Z' }, { at: '2025-02-03 09:00:00+00' }, { actor_id: 'x'.repeat(10_000) }]) {
      const replayed = forged(change);
      expect(replayed.ok).toBe(false);
      if (!replayed.ok) expect(replayed.failure).toMatchObject({ code: 'MALFORMED_EVENT', index: 1 });
    }
  });
});
