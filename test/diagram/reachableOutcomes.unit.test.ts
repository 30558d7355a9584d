import { assign, setup } from 'xstate';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { checkPath, definePath, PathRuntimeError, type MachineEventOf } from 'kykypolku';
import { toBpmn } from 'kykypolku/diagram';
import { workabilityPath } from 'kykypolku/paths';
import { reachableOutcomes } from '../../src/diagram/reachableOutcomes.js';
import { sessionPath } from '../support/checkerFixtures.js';

// reachableOutcomes (which end reasons each final state can carry, for BPMN's end events) walks the
// machine the way the checker does: the same explorer, the same state key, the same treatment of a
// definition whose own code throws — a PathRuntimeError, never a step silently left out.

const label = (en: string) => ({ fi: `fi: ${en}`, sv: `sv: ${en}`, en });
const events = { STARTED: z.strictObject({}), CLOSED: z.strictObject({ reason: z.enum(['done', 'dropped']) }) };
const machine = setup({
  types: { context: {} as { reason: 'done' | 'dropped' | null }, events: {} as MachineEventOf<typeof events> },
  guards: {
    // A bug in the definition: the guard throws on one end reason.
    reasonKnown: ({ event }) => {
      if (event.type === 'CLOSED' && event.payload.reason === 'dropped') throw new Error('guard bug');
      return true;
    },
  },
}).createMachine({
  id: 'throwing',
  initial: 'open',
  context: { reason: null },
  states: {
    open: { on: { STARTED: 'working' } },
    working: {
      on: { CLOSED: { target: 'closed', guard: 'reasonKnown', actions: assign({ reason: ({ event }) => event.payload.reason }) } },
    },
    closed: { type: 'final' },
  },
});
const throwingPath = definePath({
  id: 'throwing-guard-path',
  version: 1,
  title: label('Throwing guard'),
  machine,
  events,
  roles: { worker: label('Worker') },
  permissions: { STARTED: ['worker'], CLOSED: ['worker'] },
  labels: {
    states: { open: label('Open'), working: label('Working'), closed: label('Closed') },
    events: { STARTED: label('Started'), CLOSED: label('Closed') },
    guards: { reasonKnown: label('reason known') },
  },
  rules: [],
  deadlines: [],
  outcomes: { done: label('Done'), dropped: label('Dropped') },
  outcomeOf: ({ context }) => context.reason ?? undefined,
  sources: [{ id: 'T', seed: 'test-fixture.txt', title: 'test fixture' }],
});

describe('reachableOutcomes', () => {
  it('throws PathRuntimeError naming the path and event when a guard throws, as the checker does', () => {
    expect(() => checkPath(throwingPath)).toThrow(PathRuntimeError);
    let thrown: unknown;
    try {
      reachableOutcomes(throwingPath);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PathRuntimeError);
    expect(thrown).toMatchObject({ pathId: 'throwing-guard-path', eventType: 'CLOSED' });
  });

  it('makes toBpmn fail with the same PathRuntimeError instead of drawing a diagram without the step', async () => {
    await expect(toBpmn(throwingPath)).rejects.toBeInstanceOf(PathRuntimeError);
  });

  it('finds each final state’s end reasons when the state space fits the budget, and every one when it does not', () => {
    const found = reachableOutcomes(workabilityPath);
    expect(found.complete).toBe(true);
    const closedStates = [...found.byFinalState.keys()];
    expect(closedStates.length).toBeGreaterThan(0);
    for (const reasons of found.byFinalState.values())
      for (const reason of reasons) expect(Object.keys(workabilityPath.outcomes)).toContain(reason);
    // An unbounded counter: past the state budget every end reason is drawn for every final state.
    expect(reachableOutcomes(sessionPath)).toEqual({ byFinalState: new Map([['closed', ['finished']]]), complete: false });
  });
});
