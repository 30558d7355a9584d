// Issue 11, "Done when": a bounded, seeded fuzz test that drives hostile inputs through `record` on
// every built-in path. Each step takes an input the case would accept and, most of the time, makes
// it hostile: getters that throw or change between reads, Proxies (lying, throwing, revoked), NUL,
// lone surrogates, -0, NaN, Infinity, year 10000, huge strings, cycles, symbols, foreign prototypes.
// `record` must never throw; a refusal changes nothing; an input that only *looks* hostile (a
// pass-through Proxy, a getter or Proxy that lies only on later reads, a symbol key, an undefined
// optional key) records exactly what its plain twin records; and every accepted event is stored and read back equal by the memory store, PGlite and
// a real PostgreSQL server.
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  openCase,
  replayCase,
  type AnyPathCase,
  type AnyPathDefinition,
  type EventStore,
  type RecordedEvent,
} from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { createPgliteStore, createPostgresStore } from 'kykypolku/postgres';
import { acceptedNow, recordableInputs } from '../../src/testing/recordableInputs.js';
import { useThrowawayServer } from '../support/postgresServer.js';
import { propertyRun } from '../support/property.js';

const postgres = useThrowawayServer();
let db: PGlite;
const stores: { name: string; store: EventStore }[] = [];

beforeAll(async () => {
  db = new PGlite();
  const { pool } = await postgres.freshPool(2);
  const server = createPostgresStore({ pool });
  await server.migrate();
  stores.push(
    { name: 'memory', store: createMemoryStore() },
    { name: 'PGlite', store: await createPgliteStore({ db }) },
    { name: 'PostgreSQL', store: server },
  );
}, 120_000);

afterAll(async () => {
  await db?.close();
});

type Plain = Record<string, unknown>;

/** How a step changes the plain input; `transparent` ones must record exactly what the plain input records. */
const hostility = [
  'none',
  'none',
  'none',
  'undefined optional keys',
  'pass-through Proxy',
  'lying Proxy',
  'symbol key',
  'throwing getter',
  'changing getter',
  'revoked Proxy',
  'throwing Proxy trap',
  'NUL',
  'lone surrogate',
  'bad number',
  'year out of range',
  'huge string',
  'cycle',
  'symbol value',
  'foreign prototype',
  'not JSON',
] as const;
type Hostility = (typeof hostility)[number];
// A getter or Proxy is read once, into the copy: one that changes its answer on later reads
// records what it first said, exactly as the plain input does.
const transparent = new Set<Hostility>([
  'none',
  'undefined optional keys',
  'pass-through Proxy',
  'lying Proxy',
  'symbol key',
  'changing getter',
]);

/** Where in the input a change lands: the input itself, its actor, or its payload. */
function targetOf(input: Plain, where: number): Plain {
  const targets = [input, input.actor as Plain, input.payload as Plain];
  return targets[where % targets.length]!;
}

/** A string field of the input to spoil: envelope strings and the payload's own strings. */
function stringFieldOf(input: Plain, where: number): [Plain, string] {
  const payload = input.payload as Plain;
  const fields: [Plain, string][] = [
    [input, 'type'],
    [input.actor as Plain, 'id'],
    [input.actor as Plain, 'role'],
    [input, 'eventId'],
    ...Object.keys(payload)
      .filter((key) => typeof payload[key] === 'string')
      .map((key): [Plain, string] => [payload, key]),
  ];
  return fields[where % fields.length]!;
}

/** A Proxy that tells the truth on the first read of each key and lies on every later one. */
function lyingProxy(target: Plain): Plain {
  const seen = new Set<PropertyKey>();
  const firstTime = (key: PropertyKey) => !seen.has(key) && seen.add(key) !== undefined;
  return new Proxy(target, {
    get: (object, key) => (firstTime(key) ? Reflect.get(object, key) : 'LIED'),
    has: () => true,
  });
}

/** The hostile version of `input` (a fresh object; `input` itself is left plain). */
function makeHostile(input: Plain, kind: Hostility, where: number, junk: unknown): unknown {
  const copy: Plain = { ...input, actor: { ...(input.actor as Plain) }, payload: { ...(input.payload as Plain) } };
  switch (kind) {
    case 'none':
      return copy;
    case 'undefined optional keys':
      return { ...copy, eventId: copy.eventId ?? undefined, payload: { ...(copy.payload as Plain), notAField: undefined } };
    case 'pass-through Proxy':
      return where % 2 === 0
        ? new Proxy(copy, {})
        : { ...copy, actor: new Proxy(copy.actor as Plain, {}), payload: new Proxy(copy.payload as Plain, {}) };
    case 'lying Proxy':
      return where % 2 === 0 ? lyingProxy(copy) : { ...copy, actor: lyingProxy(copy.actor as Plain) };
    case 'symbol key':
      targetOf(copy, where)[Symbol('hidden') as unknown as string] = 'ignored';
      return copy;
    case 'throwing getter': {
      const [target, key] = stringFieldOf(copy, where);
      Object.defineProperty(target, key, {
        enumerable: true,
        configurable: true,
        get: () => {
          throw new Error('getter');
        },
      });
      return copy;
    }
    case 'changing getter': {
      // Right on the first read, wrong on every later one: a forbidden role, a time before the case.
      const [target, key] = stringFieldOf(copy, where);
      const right = target[key];
      let reads = 0;
      const wrong = key === 'role' ? 'intruder' : key === 'at' ? '1999-01-01T00:00:00Z' : junk;
      Object.defineProperty(target, key, { enumerable: true, configurable: true, get: () => (reads++ === 0 ? right : wrong) });
      if (where % 3 === 0) {
        let atReads = 0;
        const at = copy.at;
        Object.defineProperty(copy, 'at', {
          enumerable: true,
          configurable: true,
          get: () => (atReads++ === 0 ? at : '1999-01-01T00:00:00Z'),
        });
      }
      return copy;
    }
    case 'revoked Proxy': {
      const { proxy, revoke } = Proxy.revocable(where % 3 === 0 ? copy : targetOf(copy, where), {});
      revoke();
      if (where % 3 === 0) return proxy;
      return where % 3 === 1 ? { ...copy, actor: proxy } : { ...copy, payload: proxy };
    }
    case 'throwing Proxy trap': {
      const traps = ['ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf'] as const;
      const trap = traps[where % traps.length]!;
      return new Proxy(copy, {
        [trap]: () => {
          throw new Error('trap');
        },
      });
    }
    case 'NUL': {
      const [target, key] = stringFieldOf(copy, where);
      target[key] = `${String(target[key] ?? 'id')}\u0000`;
      return copy;
    }
    case 'lone surrogate': {
      const [target, key] = stringFieldOf(copy, where);
      target[key] = where % 2 === 0 ? `${String(target[key] ?? 'id')}\uD800` : `\uDC00${String(target[key] ?? 'id')}`;
      return copy;
    }
    case 'bad number': {
      const bad = [-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY][where % 4];
      const payload = copy.payload as Plain;
      const numeric = Object.keys(payload).find((key) => typeof payload[key] === 'number');
      payload[numeric ?? 'count'] = bad;
      return copy;
    }
    case 'year out of range':
      return {
        ...copy,
        at: ['+010000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0050-06-01T00:00:00Z', '0000-01-01T00:00:00Z'][where % 4],
      };
    case 'huge string': {
      const [target, key] = stringFieldOf(copy, where);
      target[key] = 'x'.repeat(150_000);
      return copy;
    }
    case 'cycle': {
      const target = targetOf(copy, where);
      target.self = where % 2 === 0 ? target : copy;
      return copy;
    }
    case 'symbol value': {
      const [target, key] = stringFieldOf(copy, where);
      target[key] = Symbol('value');
      return copy;
    }
    case 'foreign prototype': {
      const prototype = { eventId: 'inherited', role: 'intruder', extra: true };
      const target = targetOf(copy, where);
      const foreign = Object.create(prototype, Object.getOwnPropertyDescriptors(target)) as Plain;
      if (target === copy) return foreign;
      return target === copy.actor ? { ...copy, actor: foreign } : { ...copy, payload: foreign };
    }
    case 'not JSON': {
      const values = [10n, () => 1, new Date(0), new Map(), [undefined], new Uint8Array(2)];
      const target = targetOf(copy, where);
      target[where % 2 === 0 ? 'extra' : (Object.keys(target)[0] ?? 'extra')] = values[where % values.length];
      return copy;
    }
  }
}

/** Everything that must not change on a refusal. */
function snapshotOf(caseRef: AnyPathCase) {
  return { state: caseRef.state, stateName: caseRef.stateName, seq: caseRef.seq, history: [...caseRef.history] };
}

/** A value JSON and PostgreSQL keep as it is: no NUL, no lone surrogate, no -0, nothing undefined. */
function expectStorable(event: RecordedEvent): void {
  const text = JSON.stringify(event);
  expect(JSON.parse(text)).toEqual(event);
  expect(text.includes('\\u0000')).toBe(false);
  expect((text as unknown as { isWellFormed(): boolean }).isWellFormed()).toBe(true);
  const year = new Date(event.at).getUTCFullYear();
  expect(year >= 1000 && year <= 8999).toBe(true);
}

const step = fc.record({
  choice: fc.nat(),
  gapMinutes: fc.integer({ min: 0, max: 20_160 }),
  kind: fc.nat({ max: hostility.length - 1 }),
  where: fc.nat(),
  withEventId: fc.boolean(),
  junk: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)),
});

let run = 0;

describe('record on every built-in path, fed hostile input', () => {
  for (const definition of builtInPaths as readonly AnyPathDefinition[]) {
    it(`${definition.id}: never throws, a refusal changes nothing, every accepted event round-trips through all three stores`, async () => {
      const candidates = recordableInputs(definition);
      const counts = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
          const caseId = `fuzz-${definition.id}-${++run}`;
          const caseRef: AnyPathCase = openCase(definition, { caseId });
          const twin: AnyPathCase = openCase(definition, { caseId });
          let at = Date.UTC(2025, 0, 1, 8);
          for (const [n, { choice, gapMinutes, kind, where, withEventId, junk }] of steps.entries()) {
            const accepted = acceptedNow(caseRef, candidates);
            if (accepted.length === 0) break;
            const candidate = accepted[choice % accepted.length]!;
            at += gapMinutes * 60_000;
            const plain: Plain = {
              type: candidate.type,
              at: new Date(at).toISOString(),
              actor: { role: candidate.role, id: `${candidate.role}-1` },
              payload: candidate.payload,
            };
            if (withEventId) plain.eventId = `${caseId}-e${n}`;
            const name = hostility[kind]!;
            const hostile = makeHostile(plain, name, where, junk);
            const before = snapshotOf(caseRef);
            let outcome: ReturnType<AnyPathCase['record']>;
            try {
              outcome = caseRef.record(hostile as never);
            } catch (error) {
              throw new Error(`record threw on a '${name}' input: ${String(error)}`);
            }
            counts.set(
              `${name}: ${outcome.ok ? 'accepted' : outcome.rejection?.code}`,
              (counts.get(`${name}: ${outcome.ok ? 'accepted' : outcome.rejection?.code}`) ?? 0) + 1,
            );
            if (transparent.has(name)) {
              // Recorded exactly as its plain twin is, on a twin case in the same state.
              const expected = twin.record(plain as never);
              expect(outcome.ok, `'${name}' on ${candidate.type}`).toBe(expected.ok);
              if (expected.ok) expect(outcome.event).toEqual(expected.event);
            } else {
              expect(outcome.ok, `'${name}' on ${candidate.type} was accepted`).toBe(false);
              expect(outcome.rejection?.code).toBe('INVALID_EVENT');
            }
            if (outcome.ok) {
              expect(caseRef.seq).toBe(before.seq + 1);
              expect(definition.permissions[outcome.event!.type]).toContain(outcome.event!.actor.role);
              expectStorable(outcome.event!);
            } else {
              expect(snapshotOf(caseRef)).toEqual(before);
              for (const [index, event] of before.history.entries()) expect(caseRef.history[index]).toBe(event);
            }
          }
          const history = caseRef.history;
          for (const { name, store } of stores) {
            expect(await store.append(caseId, history, { expectedSeq: 0 }), name).toEqual({
              ok: true,
              seq: history.length,
              alreadyRecorded: false,
            });
            const read = await store.read(caseId);
            expect(read, name).toEqual(history);
            const replayed = replayCase(definition, read, { caseId });
            expect(replayed.ok, name).toBe(true);
            expect(replayed.case?.history).toEqual(history);
          }
        }),
        propertyRun(`hostile input through record on ${definition.id}`, 40),
      );
      process.stdout.write(
        `[fuzz] ${definition.id}: ${[...counts]
          .sort()
          .map(([outcome, count]) => `${outcome} ×${count}`)
          .join(', ')}\n`,
      );
    }, 120_000);
  }
});
