import { and, assign, setup } from 'xstate';
import type { z } from 'zod';
import type { MachineEventOf } from '../../src/path/index.js';
import { administrativeOutcomes, type ipsOutcome, type IpsEvents } from './events.js';

/** The phases of the five-phase process (domain.md §1), as child states of `active`. */
export type IpsPhase = 'engagement' | 'vocationalProfiling' | 'jobSearch' | 'employerEngagement' | 'inWorkSupport';

/** What the machine remembers: only what guards and rules read. */
export interface IpsContext {
  /** At least one employment episode has started (a client may be employed more than once, S1:258). */
  readonly hasBeenEmployed: boolean;
  readonly workTrialStarted: boolean;
  readonly newPlanSecured: boolean;
  readonly supportNetworkConfirmed: boolean;
  /** The phase the client left for a pause or the hand-over; resuming returns there. */
  readonly phaseLeft: IpsPhase | null;
  readonly outcome: z.infer<typeof ipsOutcome> | 'declined' | null;
}

const initialContext: IpsContext = {
  hasBeenEmployed: false,
  workTrialStarted: false,
  newPlanSecured: false,
  supportNetworkConfirmed: false,
  phaseLeft: null,
  outcome: null,
};

const ipsSetup = setup({
  types: { context: {} as IpsContext, events: {} as MachineEventOf<IpsEvents> },
  guards: {
    /** S1:259, S1:331 — ending needs a new plan and a secured support network. */
    handoverComplete: ({ context }) => context.newPlanSecured && context.supportNetworkConfirmed,
    /**
     * The closures that need no hand-over (modelling choice, documented in the README). The outcomes
     * come in as params, so that the guard reads nothing from around it and the SCXML and BPMN
     * exports can run it (docs/analysts.md).
     */
    administrativeClosure: ({ event }, params: { readonly outcomes: readonly string[] }) =>
      event.type === 'CLOSED' && params.outcomes.includes(event.payload.outcome),
    /** S1:258 — outcomes kept apart: employed only after employment, work trial only after one. */
    outcomeMatchesHistory: ({ context, event }) =>
      event.type !== 'CLOSED' ||
      ((event.payload.outcome !== 'employed' || context.hasBeenEmployed) &&
        (event.payload.outcome !== 'workTrial' || context.workTrialStarted)),
  },
  actions: {
    markEmployed: assign({ hasBeenEmployed: true }),
    markWorkTrial: assign({ workTrialStarted: true }),
    markNewPlan: assign({ newPlanSecured: true }),
    markSupportNetwork: assign({ supportNetworkConfirmed: true }),
    // No `??`: the SCXML export carries this code, and SCION reads ECMAScript 2015 (docs/analysts.md).
    rememberPhase: assign(({ context }, params: { phase: IpsPhase }) => ({
      phaseLeft: context.phaseLeft !== null ? context.phaseLeft : params.phase,
    })),
    leaveHandover: assign({ phaseLeft: null, newPlanSecured: false, supportNetworkConfirmed: false }),
    recordOutcome: assign(({ event }) => (event.type === 'CLOSED' ? { outcome: event.payload.outcome } : {})),
    recordDeclined: assign({ outcome: 'declined' as const }),
  },
});

/** Events every phase of `active` takes; each phase adds its own moves. */
const leavePhase = (phase: IpsPhase) =>
  ({
    PAUSED: { target: '#ips.onHold', actions: { type: 'rememberPhase', params: { phase } } },
    HANDOVER_STARTED: { target: '#ips.handover', actions: { type: 'rememberPhase', params: { phase } } },
  }) as const;

/** S1:248 — non-linear: back to re-profiling or to the start from the later phases. */
const backwards = {
  REPROFILE_NEEDED: { target: 'vocationalProfiling' },
  REENGAGEMENT_NEEDED: { target: 'engagement' },
} as const;

const employmentStarted = { EMPLOYMENT_STARTED: { target: 'inWorkSupport', actions: 'markEmployed' } } as const;
const workTrialStarted = { WORK_TRIAL_STARTED: { actions: 'markWorkTrial' } } as const;

/** In-state events of the open, non-final states: network, Kykyviisari, benefits, a new coach. */
const alongside = {
  NETWORK_MEETING_HELD: {},
  KYKYVIISARI_RECORDED: {},
  BENEFITS_COUNSELLING_GIVEN: {},
  COACH_ASSIGNED: {},
} as const;

const administrativeClosure = { type: 'administrativeClosure', params: { outcomes: [...administrativeOutcomes] } } as const;

const administrativeClose = { CLOSED: { target: '#ips.closed', guard: administrativeClosure, actions: 'recordOutcome' } } as const;

/**
 * IPS five-phase job coaching ("Sijoita ja valmenna!"), domain.md §9(b): engagement, vocational
 * profiling, job search and employer engagement (interleaved), in-work support; pause and resume to
 * the phase left; hand-over before closing. No time-outs: the service is unlimited in time (S1:242).
 */
export const ipsMachine = ipsSetup.createMachine({
  id: 'ips',
  initial: 'opened',
  context: initialContext,
  states: {
    opened: { on: { REFERRAL_RECEIVED: { target: 'referred' } } },
    referred: {
      on: {
        COACH_ASSIGNED: { target: 'active' },
        CLIENT_DECLINED: { target: 'closed', actions: 'recordDeclined' },
        NETWORK_MEETING_HELD: {},
        ...administrativeClose,
      },
    },
    active: {
      initial: 'engagement',
      on: { ...alongside, ...administrativeClose },
      states: {
        engagement: {
          on: {
            ...leavePhase('engagement'),
            CLIENT_CHOSE_SUPPORTED_EMPLOYMENT: { target: 'vocationalProfiling' },
            CLIENT_DECLINED: { target: '#ips.closed', actions: 'recordDeclined' },
          },
        },
        vocationalProfiling: {
          on: {
            ...leavePhase('vocationalProfiling'),
            ...workTrialStarted,
            REENGAGEMENT_NEEDED: { target: 'engagement' },
            PROFILE_COMPLETED: { target: 'jobSearch' },
          },
        },
        jobSearch: {
          on: {
            ...leavePhase('jobSearch'),
            ...backwards,
            ...employmentStarted,
            ...workTrialStarted,
            EMPLOYER_CONTACTED: { target: 'employerEngagement' },
          },
        },
        employerEngagement: {
          on: {
            ...leavePhase('employerEngagement'),
            ...backwards,
            ...employmentStarted,
            ...workTrialStarted,
            EMPLOYER_CONTACTED: {},
            JOB_MATCHED: {},
            JOB_SEARCH_RESUMED: { target: 'jobSearch' },
          },
        },
        inWorkSupport: {
          on: {
            ...leavePhase('inWorkSupport'),
            ...backwards,
            JOB_ENDED: { target: 'jobSearch' },
            // Another job while supported in work: a new employment episode.
            EMPLOYMENT_STARTED: { actions: 'markEmployed' },
          },
        },
        phaseLeft: { type: 'history', history: 'shallow' },
      },
    },
    onHold: {
      on: {
        ...alongside,
        ...administrativeClose,
        RESUMED: { target: 'active.phaseLeft', actions: 'leaveHandover' },
        HANDOVER_STARTED: { target: 'handover' },
      },
    },
    handover: {
      on: {
        ...alongside,
        NEW_PLAN_SECURED: { actions: 'markNewPlan' },
        SUPPORT_NETWORK_CONFIRMED: { actions: 'markSupportNetwork' },
        // Closing reconsidered: back to the phase the client left.
        RESUMED: { target: 'active.phaseLeft', actions: 'leaveHandover' },
        // The hand-over first, so that a refusal names the hand-over rule, or the outcome rule when
        // the hand-over is complete but the outcome does not match what happened.
        CLOSED: [
          { target: 'closed', guard: and(['handoverComplete', 'outcomeMatchesHistory']), actions: 'recordOutcome' },
          { target: 'closed', guard: administrativeClosure, actions: 'recordOutcome' },
        ],
      },
    },
    closed: { type: 'final' },
  },
});
