import { and, assign, setup } from 'xstate';
import type { z } from 'zod';
import type { MachineEventOf } from '../../src/path/index.js';
import type { contactRoute, endReason, WorkabilityEvents, WorkabilityEventsV2 } from './events.js';

/**
 * What the machine remembers of a case: only what its guards and rules read, so that the model
 * checker can explore every reachable state. Times stay in the history; deadlines read them there.
 */
export interface WorkabilityContext {
  readonly route: z.infer<typeof contactRoute> | null;
  readonly hasOccupationalOrStudentHealthCare: boolean | null;
  readonly workAbilityConcern: boolean | null;
  /** The client's situation has been mapped and clarified (S1 `001_55550c4af1568658.txt`:185). */
  readonly situationMapped: boolean;
  readonly coordinatorIsCaseManager: boolean;
  readonly clientHasSocialCareOwnWorker: boolean;
  readonly endReason: z.infer<typeof endReason> | null;
}

/** A new case: nothing known yet. Version 2 starts from the same context. */
export const initialContext: WorkabilityContext = {
  route: null,
  hasOccupationalOrStudentHealthCare: null,
  workAbilityConcern: null,
  situationMapped: false,
  coordinatorIsCaseManager: false,
  clientHasSocialCareOwnWorker: false,
  endReason: null,
};

/** An event of either version as the guards and context updates both versions share see it. */
type StepArgs = { readonly context: WorkabilityContext; readonly event: MachineEventOf<WorkabilityEventsV2> };

/**
 * The guards both versions share, typed for the wider version-2 event set so that each version's setup
 * accepts them. Version 2 redefines only `caseManagerAllowed` (machineV2.ts).
 */
export const sharedGuards = {
  /** S1:165 — the service is for those without occupational or student health care. */
  clientEligible: ({ event }: StepArgs) =>
    event.type === 'CONTACT_RECEIVED' && !event.payload.hasOccupationalOrStudentHealthCare && event.payload.workAbilityConcern,
  /** S1:185 — a relationship may start from a network meeting, with the coordinator present. */
  cameThroughNetworkMeeting: ({ context }: StepArgs) => context.route === 'networkMeeting',
  nextRoleIsNurse: ({ event }: StepArgs) => event.type === 'INITIAL_ASSESSMENT_DONE' && event.payload.nextRole === 'nurse',
  nextRoleIsCoordinator: ({ event }: StepArgs) => event.type === 'INITIAL_ASSESSMENT_DONE' && event.payload.nextRole === 'coordinator',
  /** S1:185 — the only precondition of the doctor's visit. */
  situationMapped: ({ context }: StepArgs) => context.situationMapped,
};

/** What each action writes into the context, shared by both versions (each wraps them in `assign`). */
export const contextUpdates = {
  recordContact: ({ event }: StepArgs): Partial<WorkabilityContext> =>
    event.type === 'CONTACT_RECEIVED'
      ? {
          route: event.payload.route,
          hasOccupationalOrStudentHealthCare: event.payload.hasOccupationalOrStudentHealthCare,
          workAbilityConcern: event.payload.workAbilityConcern,
        }
      : {},
  assignCoordinator: ({ event }: StepArgs): Partial<WorkabilityContext> =>
    event.type === 'COORDINATOR_ASSIGNED'
      ? {
          coordinatorIsCaseManager: event.payload.asCaseManager,
          clientHasSocialCareOwnWorker: event.payload.clientHasSocialCareOwnWorker,
        }
      : {},
  markSituationMapped: (): Partial<WorkabilityContext> => ({ situationMapped: true }),
  recordEndReason: ({ event }: StepArgs): Partial<WorkabilityContext> =>
    event.type === 'CLOSED' ? { endReason: event.payload.endReason } : {},
};

const workabilitySetup = setup({
  types: {
    context: {} as WorkabilityContext,
    events: {} as MachineEventOf<WorkabilityEvents>,
  },
  guards: {
    ...sharedGuards,
    /** S1:167 — the coordinator is case manager only without a social-care own-worker. */
    caseManagerAllowed: ({ event }) =>
      event.type !== 'COORDINATOR_ASSIGNED' || !(event.payload.asCaseManager && event.payload.clientHasSocialCareOwnWorker),
  },
  actions: {
    recordContact: assign(contextUpdates.recordContact),
    assignCoordinator: assign(contextUpdates.assignCoordinator),
    markSituationMapped: assign(contextUpdates.markSituationMapped),
    recordEndReason: assign(contextUpdates.recordEndReason),
  },
});

/** Events every open state accepts: the weekly team review, the next appointment, closing. */
export const whileOpen = {
  TEAM_REVIEWED: {},
  NEXT_APPOINTMENT_SET: {},
  CLOSED: { target: '#workability.closed', actions: 'recordEndReason' },
} as const;

/**
 * Booking the doctor, always behind the situation-mapped guard, from every state where the situation
 * can have been mapped: the hard rule holds on every route, the network-meeting route included
 * (S1:185). Not from `contacted`: nothing can be mapped there yet, and a transition whose guard can
 * never hold would only be a dead edge in the diagrams.
 */
const doctorVisitBooked = { DOCTOR_VISIT_BOOKED: { target: '#workability.doctorAssessment', guard: 'situationMapped' } } as const;

const situationMapped = { SITUATION_MAPPED: { actions: 'markSituationMapped' } } as const;

/**
 * The states of the path around what every open state accepts (`whileOpen`). Version 1 and version 2
 * (machineV2.ts) share this one table; version 2 only adds to `whileOpen` and redefines one guard, so
 * the two can never drift apart by accident.
 */
export function workabilityStates<const TWhileOpen extends object>(whileOpen: TWhileOpen) {
  return {
    opened: {
      on: {
        CONTACT_RECEIVED: { target: 'contacted', guard: 'clientEligible', actions: 'recordContact' },
      },
    },
    contacted: {
      on: {
        ...whileOpen,
        INITIAL_ASSESSMENT_BOOKED: { target: 'initialAssessment' },
        COORDINATOR_ASSIGNED: {
          target: 'coordinatorSupport',
          guard: and(['cameThroughNetworkMeeting', 'caseManagerAllowed']),
          actions: 'assignCoordinator',
        },
      },
    },
    initialAssessment: {
      on: {
        ...whileOpen,
        ...doctorVisitBooked,
        ...situationMapped,
        INITIAL_ASSESSMENT_BOOKED: {},
        INITIAL_ASSESSMENT_DONE: [
          { target: 'healthCheck', guard: 'nextRoleIsNurse' },
          { target: 'coordinatorSupport', guard: 'nextRoleIsCoordinator' },
        ],
      },
    },
    healthCheck: {
      on: {
        ...whileOpen,
        ...doctorVisitBooked,
        ...situationMapped,
        HEALTH_CHECK_DONE: {},
        COORDINATOR_ASSIGNED: { target: 'coordinatorSupport', guard: 'caseManagerAllowed', actions: 'assignCoordinator' },
        FOLLOW_UP_PLAN_MADE: { target: 'servicePlanning' },
        REFERRED_ONWARD: {},
      },
    },
    coordinatorSupport: {
      on: {
        ...whileOpen,
        ...doctorVisitBooked,
        ...situationMapped,
        COORDINATOR_ASSIGNED: { guard: 'caseManagerAllowed', actions: 'assignCoordinator' },
        HEALTH_CHECK_DONE: { target: 'healthCheck' },
        FOLLOW_UP_PLAN_MADE: { target: 'servicePlanning' },
        REFERRED_ONWARD: {},
      },
    },
    doctorAssessment: {
      on: {
        ...whileOpen,
        ...doctorVisitBooked,
        DOCTOR_ASSESSMENT_DONE: { target: 'servicePlanning' },
        REFERRED_ONWARD: {},
      },
    },
    servicePlanning: {
      on: {
        ...whileOpen,
        ...doctorVisitBooked,
        ...situationMapped,
        FOLLOW_UP_PLAN_MADE: {},
        REFERRED_ONWARD: {},
        COORDINATOR_ASSIGNED: { target: 'coordinatorSupport', guard: 'caseManagerAllowed', actions: 'assignCoordinator' },
      },
    },
    closed: { type: 'final' },
  } as const;
}

/**
 * The Essote work-ability support path (työkyvyn tuen palvelu), domain.md §9(a): contact, initial
 * assessment, the nurse's health check and the coordinator in either order, the work-ability
 * doctor only once the situation is mapped, then service planning and closing.
 */
export const workabilityMachine = workabilitySetup.createMachine({
  id: 'workability',
  initial: 'opened',
  context: initialContext,
  states: workabilityStates(whileOpen),
});
