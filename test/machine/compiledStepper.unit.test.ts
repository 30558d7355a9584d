// The compiled stepper answers every step the way XState's own `machine.transition()` does. The
// referee is XState itself: on every reachable state of every built-in and fixture path, with
// every input of the path's alphabet, and on random walks through machines built to reach what the
// compiler leaves to XState (nested final states with onDone, entry actions, parallel and deep
// history states, re-entering and wildcard transitions, raised events, a throwing guard).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  and,
  assign,
  createMachine,
  not,
  raise,
  setup,
  type AnyActorRef,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
} from 'xstate';
import { describeCompiledSteps, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from '../../machines/index.js';
import { compilePath } from '../../src/case/compilePath.js';
import { inertActorScope } from '../../src/case/machineStepper.js';
import { exploreStates } from '../../src/check/exploreStates.js';
import { compileStepper } from '../../src/machine/compiledStepper.js';
import { gatePath, pausePath, sessionPath, shapePath } from '../support/checkerFixtures.js';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';
import { reviewPathV2 } from '../support/reviewPathV2.js';

/** XState's own step, with an inert actor scope, the reference every compiled step is held to. */
function referenceOf(machine: AnyStateMachine) {
  const scope = inertActorScope(machine);
  const transition = (snapshot: AnyMachineSnapshot, event: EventObject) => machine.transition(snapshot, event, scope) as AnyMachineSnapshot;
  return {
    scope,
    transition,
    initial: machine.getInitialSnapshot(scope, undefined) as AnyMachineSnapshot,
    /** XState's answer, and whether it took a transition at all. */
    step(
      snapshot: AnyMachineSnapshot,
      event: EventObject,
    ): { readonly next: AnyMachineSnapshot; readonly taken: boolean; readonly enabled: boolean } | { readonly threw: string } {
      try {
        const next = transition(snapshot, event);
        const enabled = machine.getTransitionData(snapshot, event).length > 0;
        return { next, taken: next !== snapshot || enabled, enabled };
      } catch (error) {
        return { threw: (error as Error).message };
      }
    },
  };
}

/** What two snapshots are compared by: every field XState's createMachineSnapshot sets. */
function shapeOf(snapshot: AnyMachineSnapshot) {
  const history = snapshot.historyValue as Record<string, readonly { id: string }[]>;
  return {
    status: snapshot.status,
    value: snapshot.value,
    context: snapshot.context,
    nodes: (snapshot._nodes as readonly { id: string }[]).map((node) => node.id),
    tags: [...snapshot.tags],
    history: Object.fromEntries(Object.entries(history).map(([id, nodes]) => [id, nodes.map((node) => node.id)])),
    output: snapshot.output,
    error: snapshot.error,
    children: snapshot.children,
    machine: snapshot.machine,
    keys: Object.keys(snapshot),
  };
}

function compiledOf(machine: AnyStateMachine, reference: ReturnType<typeof referenceOf>) {
  return compileStepper(machine, reference.scope, reference.transition);
}

/** One step compared: the same verdict, the same snapshot, the same object kept when XState keeps it. */
function expectSameStep(
  compiled: ReturnType<typeof compiledOf>,
  reference: ReturnType<typeof referenceOf>,
  snapshot: AnyMachineSnapshot,
  event: EventObject,
): AnyMachineSnapshot | undefined {
  const expected = reference.step(snapshot, event);
  let actual: AnyMachineSnapshot | undefined;
  try {
    actual = compiled.step(snapshot, event);
  } catch (error) {
    expect('threw' in expected ? expected.threw : 'did not throw').toBe((error as Error).message);
    return undefined;
  }
  if ('threw' in expected) throw new Error(`XState threw '${expected.threw}', the compiled stepper did not`);
  expect(actual !== undefined).toBe(expected.taken);
  // accepts() answers as getTransitionData does, without taking the step.
  expect(compiled.accepts(snapshot, event)).toBe(expected.enabled);
  // mayAccept() may say yes too often, never no when a transition is enabled.
  if (expected.enabled) expect(compiled.mayAccept(snapshot, event.type)).toBe(true);
  const next = actual ?? snapshot;
  expect(next === snapshot).toBe(expected.next === snapshot);
  expect(next.context === snapshot.context).toBe(expected.next.context === snapshot.context);
  expect(shapeOf(next)).toEqual(shapeOf(expected.next));
  expectSameAdvance(compiled, snapshot, event, expected.next);
  return actual;
}

/**
 * `advance` answers as `step` does, except that it may keep the snapshot it was given, and then only
 * where XState's answer is equal to that snapshot field for field (a step that changes nothing).
 */
function expectSameAdvance(
  compiled: ReturnType<typeof compiledOf>,
  snapshot: AnyMachineSnapshot,
  event: EventObject,
  expected: AnyMachineSnapshot,
): void {
  const advanced = compiled.advance(snapshot, event) ?? snapshot;
  expect(shapeOf(advanced)).toEqual(shapeOf(expected));
  expect(Object.getOwnPropertyDescriptors(advanced.context)).toEqual(Object.getOwnPropertyDescriptors(expected.context));
  if (advanced === snapshot) expect(shapeOf(snapshot)).toEqual(shapeOf(expected));
}

const fixtures: readonly AnyPathDefinition[] = [
  ...(builtInPaths as readonly AnyPathDefinition[]),
  reviewPath,
  reviewPathV2,
  pausePath,
  sessionPath,
  shapePath,
  gatePath,
];

describe('unit: the compiled stepper equals XState on every reachable state with every input', () => {
  it.for(fixtures.map((definition) => [definition.id, definition] as const))('%s', ([, definition]) => {
    const exploration = exploreStates(definition, {
      maxStates: 200_000,
      timeBudget: undefined,
      counterCeilings: definition === sessionPath ? { sessions: 3 } : undefined,
      onProgress: undefined,
      progressEvery: 1_000,
    });
    expect(exploration.stop).toBeUndefined();
    const reference = referenceOf(definition.machine);
    const compiled = compilePath(definition).stepper;
    expect(shapeOf(compiled.initialSnapshot)).toEqual(shapeOf(reference.initial));
    const stepper = compiledOf(definition.machine, reference);
    let steps = 0;
    for (const snapshot of exploration.snapshots) {
      if (snapshot.status !== 'active') continue;
      for (const entry of exploration.alphabet.entries) {
        expectSameStep(stepper, reference, snapshot, entry.event as EventObject);
        steps++;
      }
    }
    expect(steps).toBeGreaterThan(exploration.snapshots.length);
  });

  it('compiles every transition of the built-in paths (none left to XState)', () => {
    for (const definition of builtInPaths) {
      const report = compilePath(definition as AnyPathDefinition).stepper.report;
      expect({ id: definition.id, compiled: report.compiled, fallbacks: report.fallbacks }).toEqual({
        id: definition.id,
        compiled: true,
        fallbacks: [],
      });
      expect(report.compiledTransitions).toBeGreaterThan(10);
    }
  });

  it('says why a machine or a transition is left to XState, through the public describeCompiledSteps', () => {
    expect(describeCompiledSteps(pausePath)).toMatchObject({
      compiled: false,
      reason: "state 'pause.paused' has entry or exit actions",
    });
    for (const definition of builtInPaths as readonly AnyPathDefinition[]) {
      expect(describeCompiledSteps(definition)).toBe(compilePath(definition).stepper.report);
    }
  });
});

// --- Machines built to reach what the compiler leaves to XState, and its edge cases. ---

type Walked = { type: string; n?: number; flag?: boolean };

const edgeSetup = setup({
  types: { context: {} as { count: number; seen: string[] }, events: {} as Walked },
  guards: {
    isEven: ({ event }) => (event.n ?? 0) % 2 === 0,
    flagged: ({ event }) => event.flag === true,
    countBelow: ({ context }, params: { limit: number }) => context.count < params.limit,
    explodes: ({ event }) => {
      if (event.n === 3) throw new Error('guard exploded');
      return false;
    },
  },
  actions: {
    bump: assign({ count: ({ context }) => context.count + 1 }),
    note: assign(({ context, event }) => ({ seen: [...context.seen, event.type] })),
    addBy: assign({ count: ({ context }, params: { by: number }) => context.count + params.by }),
    raiseGo: raise({ type: 'GO' }),
  },
});

const nestedMachine = edgeSetup.createMachine({
  id: 'nested',
  initial: 'a',
  context: { count: 0, seen: [] },
  on: { RESET: { target: '.a', actions: 'note' }, ANY_BUMP: { actions: 'bump' } },
  states: {
    a: {
      on: {
        GO: [
          { target: 'b', guard: 'isEven', actions: ['bump', 'note'] },
          { target: 'c.deep', guard: 'flagged' },
        ],
        STAY: { actions: { type: 'addBy', params: { by: 2 } } },
        SELF: { target: 'a' },
        REENTER: { target: 'a', reenter: true, actions: 'bump' },
        BOOM: { target: 'b', guard: 'explodes' },
        // Before the root's own ANY_BUMP, when its guard holds: the deeper state is asked first.
        ANY_BUMP: { guard: 'flagged', actions: 'note' },
      },
    },
    b: {
      initial: 'one',
      on: {
        UP: { target: 'a', guard: { type: 'countBelow', params: { limit: 3 } } },
        BACK: 'b.hist',
        DEEP: 'b.deepHist',
        NEXT: { target: 'a', actions: 'bump' },
      },
      states: {
        one: { on: { NEXT: 'two', SELF: { target: 'one' } } },
        two: { on: { NEXT: 'three', PARENT: { target: '#nested.b' } } },
        three: {
          initial: 'x',
          states: { x: { on: { NEXT: 'y' } }, y: { on: { NEXT: 'end' } }, end: { type: 'final' } },
          onDone: { target: '#nested.c', actions: 'note' },
        },
        hist: { type: 'history' },
        deepHist: { type: 'history', history: 'deep' },
      },
    },
    c: {
      initial: 'shallow',
      on: { BACK_TO_B: '#nested.b.hist', AND: { target: 'a', guard: and(['isEven', not('flagged')]) }, RAISE: { actions: 'raiseGo' } },
      states: { shallow: { on: { NEXT: 'deep' } }, deep: { on: { FINISH: '#nested.done' } } },
    },
    done: { type: 'final' },
  },
});

const parallelMachine = edgeSetup.createMachine({
  id: 'parallel',
  type: 'parallel',
  context: { count: 0, seen: [] },
  states: {
    left: { initial: 'l1', states: { l1: { on: { GO: 'l2' } }, l2: { on: { GO: 'l1', STAY: { actions: 'bump' } } } } },
    right: { initial: 'r1', states: { r1: { on: { NEXT: 'r2' } }, r2: { entry: 'note' } } },
  },
});

const entryMachine = edgeSetup.createMachine({
  id: 'entry',
  initial: 'a',
  context: { count: 0, seen: [] },
  states: {
    a: { on: { GO: 'b', STAY: { actions: 'bump' } } },
    b: { entry: 'bump', on: { GO: 'a', ANY_BUMP: { actions: 'note' } } },
  },
});

const wildcardMachine = edgeSetup.createMachine({
  id: 'wildcard',
  initial: 'a',
  context: { count: 0, seen: [] },
  states: { a: { on: { '*': { actions: 'note' }, GO: 'b' } }, b: { on: { NEXT: 'a' } } },
});

// Assigns in a row, each seeing the context the one before made, with params computed from it.
const chainMachine = edgeSetup.createMachine({
  id: 'chain',
  initial: 'a',
  context: { count: 1, seen: [] },
  states: {
    a: {
      on: {
        STAY: { actions: ['bump', { type: 'addBy', params: ({ context }) => ({ by: context.count }) }, 'note'] },
        GO: { target: 'b', actions: ['bump', 'bump'] },
      },
    },
    b: { on: { NEXT: 'a', STAY: { actions: assign(({ context }) => ({ count: context.count * 2 })) } } },
  },
});

const walkEvents = [
  'GO',
  'STAY',
  'SELF',
  'REENTER',
  'BOOM',
  'UP',
  'BACK',
  'DEEP',
  'NEXT',
  'PARENT',
  'BACK_TO_B',
  'AND',
  'RAISE',
  'FINISH',
  'RESET',
  'ANY_BUMP',
  'NOTHING',
];

const eventArbitrary: fc.Arbitrary<Walked> = fc.record(
  { type: fc.constantFrom(...walkEvents), n: fc.integer({ min: 0, max: 4 }), flag: fc.boolean() },
  { requiredKeys: ['type'] },
);

describe('unit: the compiled stepper equals XState on random walks through its edge cases', () => {
  it('compiles the nested machine but for what raises a done event or records and enters one history', () => {
    const reference = referenceOf(nestedMachine);
    const { report } = compiledOf(nestedMachine, reference);
    expect(report.compiled).toBe(true);
    expect(report.fallbacks.map((entry) => `${entry.state} ${entry.eventType}: ${entry.reason}`)).toEqual(
      expect.arrayContaining(['nested.b.three.y NEXT: enters a nested final state', 'nested.c RAISE: an action other than assign']),
    );
  });

  it.for([
    ['nested states, history, onDone, raise, a throwing guard', nestedMachine],
    ['parallel states', parallelMachine],
    ['entry actions', entryMachine],
    ['a wildcard transition', wildcardMachine],
    ['assigns in a row, with params from the context', chainMachine],
  ] as const)('%s', ([name, machine]) => {
    const reference = referenceOf(machine);
    const stepper = compiledOf(machine, reference);
    fc.assert(
      fc.property(fc.array(eventArbitrary, { maxLength: 40 }), (events) => {
        let snapshot = reference.initial;
        for (const event of events) {
          if (snapshot.status !== 'active') break;
          const next = expectSameStep(stepper, reference, snapshot, event);
          snapshot = next ?? snapshot;
        }
      }),
      propertyRun(`compiled stepper, ${name}`, 300),
    );
  });

  it('leaves an assign that spawns to XState when it runs, with the same state and children', () => {
    const child = createMachine({ id: 'child', initial: 'idle', states: { idle: {} } });
    const spawning = setup({
      types: { context: {} as { count: number; child?: AnyActorRef }, events: {} as Walked },
      actors: { child },
    }).createMachine({
      id: 'spawning',
      initial: 'a',
      context: { count: 0 },
      states: {
        a: {
          on: {
            GO: { target: 'b', actions: assign({ child: ({ spawn }) => spawn('child', { id: 'kid' }) }) },
            STAY: { actions: assign({ count: ({ context }) => context.count + 1 }) },
          },
        },
        b: {},
      },
    });
    const reference = referenceOf(spawning);
    const stepper = compiledOf(spawning, reference);
    // Nothing in the definition says the assign spawns: it is compiled, and handed over when it does.
    expect(stepper.report).toMatchObject({ compiled: true, fallbacks: [] });
    const stayed = stepper.step(reference.initial, { type: 'STAY' })!;
    expect(stayed.context).toEqual({ count: 1 });
    const spawned = stepper.step(stayed, { type: 'GO' })!;
    const expected = reference.transition(stayed, { type: 'GO' });
    expect(spawned.value).toBe(expected.value);
    expect(Object.keys(spawned.children)).toEqual(Object.keys(expected.children));
    expect(Object.keys(spawned.children)).toEqual(['kid']);
    expect((spawned.context as { child?: AnyActorRef }).child?.id).toBe('kid');
  });

  it('walks the built-in paths at random, each step equal to XState', () => {
    for (const definition of builtInPaths as readonly AnyPathDefinition[]) {
      const reference = referenceOf(definition.machine);
      const stepper = compiledOf(definition.machine, reference);
      const entries = exploreStates(definition, {
        maxStates: 200_000,
        timeBudget: undefined,
        counterCeilings: undefined,
        onProgress: undefined,
        progressEvery: 1_000,
      }).alphabet.entries;
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: entries.length - 1 }), { maxLength: 60 }), (picks) => {
          let snapshot = reference.initial;
          for (const pick of picks) {
            if (snapshot.status !== 'active') break;
            snapshot = expectSameStep(stepper, reference, snapshot, entries[pick]!.event as EventObject) ?? snapshot;
          }
        }),
        propertyRun(`compiled stepper, random walks on ${definition.id}`, 100),
      );
    }
  });
});

describe('unit: a compiled step makes fewer objects, and what it shares cannot be changed', () => {
  const tagged = setup({ types: { context: {} as { count: number }, events: {} as Walked } }).createMachine({
    id: 'tagged',
    initial: 'a',
    context: { count: 0 },
    states: {
      a: {
        tags: ['open'],
        on: { GO: 'b', STAY: { actions: assign({ count: ({ context }) => context.count + 1 }) } },
      },
      b: { tags: ['open', 'late'], on: { BACK: 'a', STAY: { actions: assign({ count: ({ context }) => context.count + 1 }) } } },
    },
  });

  it('gives the tags XState gives, one frozen Set per configuration shared by its snapshots', () => {
    const reference = referenceOf(tagged);
    const stepper = compiledOf(tagged, reference);
    const stayed = expectSameStep(stepper, reference, reference.initial, { type: 'STAY' })!;
    const again = expectSameStep(stepper, reference, stayed, { type: 'STAY' })!;
    const late = expectSameStep(stepper, reference, again, { type: 'GO' })!;
    const back = expectSameStep(stepper, reference, late, { type: 'BACK' })!;
    const lateAgain = expectSameStep(stepper, reference, back, { type: 'GO' })!;
    expect([...late.tags]).toEqual(['open', 'late']);
    expect(late.hasTag('late')).toBe(true);
    expect(again.tags).toBe(stayed.tags);
    expect(lateAgain.tags).toBe(late.tags);
    for (const snapshot of [stayed, late, back]) {
      expect(() => snapshot.tags.add('changed')).toThrow(TypeError);
      expect(() => snapshot.tags.delete('open')).toThrow(TypeError);
      expect(() => snapshot.tags.clear()).toThrow(TypeError);
      expect(Object.isFrozen(snapshot.tags)).toBe(true);
    }
    expect([...late.tags]).toEqual(['open', 'late']);
  });

  it('makes the next context as XState does, an own __proto__ key and a symbol key included', () => {
    const mark = Symbol('mark');
    const odd = setup({ types: { context: {} as Record<string, unknown>, events: {} as Walked } }).createMachine({
      id: 'odd',
      initial: 'a',
      context: JSON.parse('{"__proto__": {"x": 1}, "count": 0}') as Record<string, unknown>,
      states: {
        a: {
          on: {
            STAY: { actions: assign(({ context }) => ({ count: (context.count as number) + 1, [mark]: true })) },
            GO: { actions: assign(() => JSON.parse('{"__proto__": {"y": 2}}') as Record<string, unknown>) },
          },
        },
      },
    });
    const reference = referenceOf(odd);
    const stepper = compiledOf(odd, reference);
    let snapshot = reference.initial;
    for (const type of ['STAY', 'GO', 'STAY']) {
      const expected = reference.transition(snapshot, { type });
      const next = expectSameStep(stepper, reference, snapshot, { type })!;
      expect(Object.getPrototypeOf(next.context)).toEqual(Object.getPrototypeOf(expected.context));
      expect(Object.getOwnPropertyNames(next.context)).toEqual(Object.getOwnPropertyNames(expected.context));
      expect((next.context as Record<symbol, unknown>)[mark]).toBe((expected.context as Record<symbol, unknown>)[mark]);
      snapshot = next;
    }
  });

  it('builds a constant object update once, and one with a getter or a __proto__ key per step, as XState does', () => {
    let reads = 0;
    const counted = {
      get seen() {
        reads++;
        return 7;
      },
    };
    const objects = setup({ types: { context: {} as Record<string, unknown>, events: {} as Walked } }).createMachine({
      id: 'objects',
      initial: 'a',
      context: { flag: false, seen: 0 },
      states: {
        a: {
          on: {
            STAY: { actions: assign({ flag: true, level: 2 }) },
            GO: { actions: assign(counted as never) },
            BACK: { actions: assign(JSON.parse('{"__proto__": {"z": 3}, "flag": false}') as never) },
          },
        },
      },
    });
    const reference = referenceOf(objects);
    const stepper = compiledOf(objects, reference);
    let snapshot = reference.initial;
    for (const type of ['STAY', 'GO', 'STAY', 'BACK', 'GO', 'STAY']) {
      const expected = reference.transition(snapshot, { type });
      const next = expectSameStep(stepper, reference, snapshot, { type })!;
      expect(Object.getPrototypeOf(next.context)).toEqual(Object.getPrototypeOf(expected.context));
      expect(Object.isFrozen(next.context)).toBe(false);
      snapshot = next;
    }
    // The getter is read on every GO: by this test's XState step, expectSameStep's, the compiled step and advance.
    expect(reads).toBe(8);
  });
});

describe('unit: advance keeps the snapshot only for a step that changes nothing', () => {
  const marker = Symbol('marker');
  const on = {
    SAME_CONSTANT: { actions: assign({ flag: false }) },
    SAME_FUNCTION: { actions: assign(({ context }: { context: { count: number } }) => ({ count: context.count })) },
    SET_FLAG: { actions: assign({ flag: true }) },
    MINUS_ZERO: { actions: assign({ zero: -0 }) },
    SYMBOL_KEY: { actions: assign(() => ({ count: 0, [marker]: true }) as never) },
    MOVE: { target: 'b', actions: assign({ flag: false }) },
  };
  const machineOf = (context: object) =>
    createMachine({
      id: 'keeping',
      initial: 'a',
      context: context as Record<string, unknown>,
      states: { a: { on: on as never }, b: {} },
    }) as AnyStateMachine;
  const types = ['SAME_CONSTANT', 'SAME_FUNCTION', 'SET_FLAG', 'MINUS_ZERO', 'SYMBOL_KEY', 'MOVE'] as const;

  it('keeps it for a constant or computed update the context already holds, where step (as XState) makes a new one', () => {
    const machine = machineOf({ count: 0, flag: false, zero: 0 });
    const reference = referenceOf(machine);
    const stepper = compiledOf(machine, reference);
    expect(stepper.advance(reference.initial, { type: 'SAME_CONSTANT' })).toBe(reference.initial);
    expect(stepper.advance(reference.initial, { type: 'SAME_FUNCTION' })).toBe(reference.initial);
    expect(stepper.step(reference.initial, { type: 'SAME_CONSTANT' })).not.toBe(reference.initial);
    const flagged = stepper.advance(reference.initial, { type: 'SET_FLAG' })!;
    expect(flagged).not.toBe(reference.initial);
    expect(stepper.advance(flagged, { type: 'SET_FLAG' })).toBe(flagged);
    // -0 over 0 and a symbol key change the context; a move to another state changes the snapshot.
    expect(Object.is(stepper.advance(reference.initial, { type: 'MINUS_ZERO' })!.context.zero, -0)).toBe(true);
    expect(Object.getOwnPropertySymbols(stepper.advance(reference.initial, { type: 'SYMBOL_KEY' })!.context)).toEqual([marker]);
    expect(stepper.advance(reference.initial, { type: 'MOVE' })!.value).toBe('b');
  });

  it.for([
    ['a plain context', () => ({ count: 0, flag: false, zero: 0 })],
    [
      'an initial context with a getter (never kept: XState copies its value)',
      () => Object.defineProperty({ count: 0, flag: false, zero: 0 }, 'lazy', { get: () => true, enumerable: true }),
    ],
    [
      'an initial context with a key that is not enumerable',
      () => Object.defineProperty({ count: 0, flag: false, zero: 0 }, 'hidden', { value: 1 }),
    ],
  ] as const)('answers every event as XState does from %s', ([, contextOf]) => {
    const machine = machineOf(contextOf());
    const reference = referenceOf(machine);
    const stepper = compiledOf(machine, reference);
    for (const first of types) {
      const from = reference.transition(reference.initial, { type: first });
      for (const snapshot of [reference.initial, from]) for (const type of types) expectSameStep(stepper, reference, snapshot, { type });
    }
  });
});
