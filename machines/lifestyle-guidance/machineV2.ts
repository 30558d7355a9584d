import { assign, setup } from 'xstate';
import type { MachineEventOf } from '../../src/path/index.js';
import type { LifestyleEventsV2 } from './eventsV2.js';

// Version 1's machine (machine.ts) stays as it was published, so that its stored cases replay
// exactly as before; this is version 2 beside it, the same states with three changes marked below.

/** What the version 2 machine remembers: version 1's, and how the client takes part. */
export interface LifestyleContextV2 {
  /** The personal plan exists (S1 `001_55550c4af1568658.txt`:217). */
  readonly planCreated: boolean;
  /** Individual guidance or a group (S1:220), from the enrolment; `null` before it. */
  readonly mode: 'individual' | 'group' | 'digitalGroup' | null;
  readonly outcome: 'completed' | 'discontinued' | 'transferred' | null;
}

const lifestyleSetupV2 = setup({
  types: { context: {} as LifestyleContextV2, events: {} as MachineEventOf<LifestyleEventsV2> },
  guards: {
    /**
     * S1:217 asks a personal plan of the personal, process-like guidance; the groups of S1:220 are
     * described without one, so a group client's guidance starts without a plan.
     */
    planCreatedOrGroup: ({ context }) => context.planCreated || (context.mode !== null && context.mode !== 'individual'),
    /** Before the follow-up period a case can only be discontinued or transferred (S1:220, a modelling choice). */
    notCompleted: ({ event }) => event.type === 'CLOSED' && event.payload.outcome !== 'completed',
    isFinalMeasurement: ({ event }) => event.type === 'MEASUREMENT_RECORDED' && event.payload.phase === 'final',
  },
  actions: {
    markPlanCreated: assign({ planCreated: true }),
    recordMode: assign(({ event }) => (event.type === 'ENROLLED' ? { mode: event.payload.mode } : {})),
    recordOutcome: assign(({ event }) => (event.type === 'CLOSED' ? { outcome: event.payload.outcome } : {})),
  },
});

const closeEarly = { CLOSED: { target: '#lifestyle.closed', guard: 'notCompleted', actions: 'recordOutcome' } } as const;
// Change 1: an offered session that was not held is recorded wherever a session can be held (S1:220).
const offeredNotHeld = { SESSION_OFFERED_NOT_HELD: {} } as const;

/**
 * Lifestyle guidance, version 2: as version 1 (see machine.ts), with offered sessions that were not
 * held on record (S1:220), a personal plan asked only of individual clients (S1:217, 220), and a plan
 * that may be made or revised during the guidance.
 */
export const lifestyleMachineV2 = lifestyleSetupV2.createMachine({
  id: 'lifestyle',
  initial: 'opened',
  context: { planCreated: false, mode: null, outcome: null },
  states: {
    opened: { on: { INFO_SESSION_ATTENDED: { target: 'interested' }, REFERRED: { target: 'interested' } } },
    interested: {
      on: { INFO_SESSION_ATTENDED: {}, REFERRED: {}, ENROLLED: { target: 'enrolled', actions: 'recordMode' }, ...closeEarly },
    },
    enrolled: {
      on: {
        MEASUREMENT_RECORDED: {},
        PLAN_CREATED: { target: 'planning', actions: 'markPlanCreated' },
        SESSION_HELD: { target: 'planning' },
        ...offeredNotHeld,
        ...closeEarly,
      },
    },
    planning: {
      on: {
        PLAN_CREATED: { actions: 'markPlanCreated' },
        MEASUREMENT_RECORDED: {},
        // Change 2: a session after the plan starts the guidance — or any session of a group client.
        SESSION_HELD: [{ target: 'intensiveGuidance', guard: 'planCreatedOrGroup' }, {}],
        ...offeredNotHeld,
        ...closeEarly,
      },
    },
    intensiveGuidance: {
      on: {
        SESSION_HELD: {},
        ...offeredNotHeld,
        // Change 3: a plan may be made or revised during guidance ("jonka toteutumista tuetaan prosessin
        // aikana", S1:217) — a group client's among them, whose guidance began without one.
        PLAN_CREATED: { actions: 'markPlanCreated' },
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
