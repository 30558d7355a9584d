import { and, assign, setup } from 'xstate';
import type { z } from 'zod';
import type { MachineEventOf } from '../../src/path/index.js';
import { administrativeOutcomes, type ipsOutcome, type IpsEvents, type IpsEventsV1 } from './events.js';

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

type IpsMachineEvent = MachineEventOf<IpsEvents>;

/**
 * What the shared guards and updates read: the CLOSED event as in every version, any other event by
 * its type alone, so that the same implementations serve each version's setup without making the
 * latest version's events those of version 1.
 */
interface IpsArgs {
  readonly context: IpsContext;
  readonly event: Extract<IpsMachineEvent, { readonly type: 'CLOSED' }> | { readonly type: Exclude<IpsMachineEvent['type'], 'CLOSED'> };
}

/** The guards of every version. */
const ipsGuards = {
  /** S1:259, S1:331 — ending needs a new plan and a secured support network. */
  handoverComplete: ({ context }: IpsArgs) => context.newPlanSecured && context.supportNetworkConfirmed,
  /**
   * The closures that need no hand-over (modelling choice, documented in the README). The outcomes
   * come in as params, so that the guard reads nothing from around it and the SCXML and BPMN
   * exports can run it (docs/analysts.md).
   */
  administrativeClosure: ({ event }: IpsArgs, params: { readonly outcomes: readonly string[] }) =>
    event.type === 'CLOSED' && params.outcomes.includes(event.payload.outcome),
  /** S1:258 — outcomes kept apart: employed only after employment, work trial only after one. */
  outcomeMatchesHistory: ({ context, event }: IpsArgs) =>
    event.type !== 'CLOSED' ||
    ((event.payload.outcome !== 'employed' || context.hasBeenEmployed) &&
      (event.payload.outcome !== 'workTrial' || context.workTrialStarted)),
};

/** The context updates of every version, each wrapped in `assign` by the version's setup. */
const ipsUpdates = {
  // No `??`: the SCXML export carries this code, and SCION reads ECMAScript 2015 (docs/analysts.md).
  rememberPhase: ({ context }: IpsArgs, params: { phase: IpsPhase }): Partial<IpsContext> => ({
    phaseLeft: context.phaseLeft !== null ? context.phaseLeft : params.phase,
  }),
  recordOutcome: ({ event }: IpsArgs): Partial<IpsContext> => (event.type === 'CLOSED' ? { outcome: event.payload.outcome } : {}),
};

// Version 1's setup, frozen: stored version 1 cases replay with it.
const ipsSetup = setup({
  types: { context: {} as IpsContext, events: {} as MachineEventOf<IpsEventsV1> },
  guards: ipsGuards,
  // Written out in each version's setup, since `assign` takes its event type from there.
  actions: {
    markEmployed: assign({ hasBeenEmployed: true }),
    markWorkTrial: assign({ workTrialStarted: true }),
    markNewPlan: assign({ newPlanSecured: true }),
    markSupportNetwork: assign({ supportNetworkConfirmed: true }),
    rememberPhase: assign(ipsUpdates.rememberPhase),
    leaveHandover: assign({ phaseLeft: null, newPlanSecured: false, supportNetworkConfirmed: false }),
    recordOutcome: assign(ipsUpdates.recordOutcome),
    recordDeclined: assign({ outcome: 'declined' as const }),
  },
});

const ipsSetupV2 = setup({
  types: { context: {} as IpsContext, events: {} as IpsMachineEvent },
  guards: ipsGuards,
  actions: {
    markEmployed: assign({ hasBeenEmployed: true }),
    markWorkTrial: assign({ workTrialStarted: true }),
    markNewPlan: assign({ newPlanSecured: true }),
    markSupportNetwork: assign({ supportNetworkConfirmed: true }),
    rememberPhase: assign(ipsUpdates.rememberPhase),
    leaveHandover: assign({ phaseLeft: null, newPlanSecured: false, supportNetworkConfirmed: false }),
    recordOutcome: assign(ipsUpdates.recordOutcome),
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
const alongsideV1 = {
  NETWORK_MEETING_HELD: {},
  KYKYVIISARI_RECORDED: {},
  BENEFITS_COUNSELLING_GIVEN: {},
  COACH_ASSIGNED: {},
} as const;

/** Version 2: and thinking the situation over with the referrer (S1:331), wherever the coach works with the client. */
const alongsideV2 = { ...alongsideV1, REVIEWED_WITH_REFERRER: {} } as const;

const administrativeClosure = { type: 'administrativeClosure', params: { outcomes: [...administrativeOutcomes] } } as const;

const administrativeClose = { CLOSED: { target: '#ips.closed', guard: administrativeClosure, actions: 'recordOutcome' } } as const;

/** The states of IPS job coaching, with the in-state events each version takes alongside the phases. */
const ipsStates = <TAlongside extends typeof alongsideV1>(alongside: TAlongside) =>
  ({
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
  }) as const;

/**
 * IPS five-phase job coaching ("Sijoita ja valmenna!"), domain.md §9(b), version 1: engagement, vocational
 * profiling, job search and employer engagement (interleaved), in-work support; pause and resume to
 * the phase left; hand-over before closing. No time-outs: the service is unlimited in time (S1:242).
 */
export const ipsMachineV1 = ipsSetup.createMachine({
  id: 'ips',
  initial: 'opened',
  context: initialContext,
  states: ipsStates(alongsideV1),
});

/**
 * IPS job coaching, version 2: as version 1, and the coach may think the client's situation over with
 * the referrer in any open state after a coach took the client (S1:331).
 */
export const ipsMachine = ipsSetupV2.createMachine({
  id: 'ips',
  initial: 'opened',
  context: initialContext,
  states: ipsStates(alongsideV2),
});
