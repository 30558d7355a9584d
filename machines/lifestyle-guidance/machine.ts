import { assign, setup } from 'xstate';
import type { MachineEventOf } from '../../src/path/index.js';
import type { LifestyleEvents } from './events.js';

/** What the machine remembers: only what guards and rules read. */
export interface LifestyleContext {
  /** The personal plan exists (S1 `001_55550c4af1568658.txt`:217). */
  readonly planCreated: boolean;
  readonly outcome: 'completed' | 'discontinued' | 'transferred' | null;
}

const lifestyleSetup = setup({
  types: { context: {} as LifestyleContext, events: {} as MachineEventOf<LifestyleEvents> },
  guards: {
    /** S1:217 — guidance follows the personal plan, so the plan comes first. */
    planCreated: ({ context }) => context.planCreated,
    /** Before the follow-up period a case can only be discontinued or transferred (S1:220, a modelling choice). */
    notCompleted: ({ event }) => event.type === 'CLOSED' && event.payload.outcome !== 'completed',
    isFinalMeasurement: ({ event }) => event.type === 'MEASUREMENT_RECORDED' && event.payload.phase === 'final',
  },
  actions: {
    markPlanCreated: assign({ planCreated: true }),
    recordOutcome: assign(({ event }) => (event.type === 'CLOSED' ? { outcome: event.payload.outcome } : {})),
  },
});

const closeEarly = { CLOSED: { target: '#lifestyle.closed', guard: 'notCompleted', actions: 'recordOutcome' } } as const;

/**
 * Lifestyle guidance (elintapaohjaus), domain.md §9(d): personal, process-like guidance on sleep,
 * nutrition and physical activity with a personal plan (S1:217); at least 12 sessions offered in the
 * first three months (a deadline, not a guard, S1:220); the intensive phase may run past three months
 * and past 12 sessions (S1:232); a follow-up period and the final measurements that were offered (S1:220).
 */
export const lifestyleMachine = lifestyleSetup.createMachine({
  id: 'lifestyle',
  initial: 'opened',
  context: { planCreated: false, outcome: null },
  states: {
    opened: { on: { INFO_SESSION_ATTENDED: { target: 'interested' }, REFERRED: { target: 'interested' } } },
    interested: {
      on: { INFO_SESSION_ATTENDED: {}, REFERRED: {}, ENROLLED: { target: 'enrolled' }, ...closeEarly },
    },
    enrolled: {
      on: {
        MEASUREMENT_RECORDED: {},
        PLAN_CREATED: { target: 'planning', actions: 'markPlanCreated' },
        SESSION_HELD: { target: 'planning' },
        ...closeEarly,
      },
    },
    planning: {
      on: {
        PLAN_CREATED: { actions: 'markPlanCreated' },
        MEASUREMENT_RECORDED: {},
        // A session after the plan starts the guidance; before it, sessions go on planning.
        SESSION_HELD: [{ target: 'intensiveGuidance', guard: 'planCreated' }, {}],
        ...closeEarly,
      },
    },
    intensiveGuidance: {
      on: {
        SESSION_HELD: {},
        INTERVAL_LENGTHENED: {},
        MEASUREMENT_RECORDED: {},
        INTENSIVE_PHASE_COMPLETED: { target: 'followUp' },
        ...closeEarly,
      },
    },
    followUp: {
      on: {
        FOLLOW_UP_SESSION_HELD: {},
        INTERVAL_LENGTHENED: {},
        MEASUREMENT_RECORDED: [{ target: 'finalMeasurement', guard: 'isFinalMeasurement' }, {}],
        // The measurements were only offered (S1:220): a client who declined them completes from here.
        CLOSED: { target: 'closed', actions: 'recordOutcome' },
      },
    },
    finalMeasurement: {
      on: { MEASUREMENT_RECORDED: {}, CLOSED: { target: 'closed', actions: 'recordOutcome' } },
    },
    closed: { type: 'final' },
  },
});
