import { and, assign, setup } from 'xstate';
import type { MachineEventOf } from '../../src/path/index.js';
import type { CoordinatorEvents, CoordinatorEventsV1 } from './events.js';
import { coordinatorServices, type NetworkPartner } from './services.js';

/** The exits of the coordinator service (domain.md §9(c)). */
export type CoordinatorExit =
  | 'employedOrStudying'
  | 'independent'
  | 'transferredToTyp'
  | 'redirectedToTyp'
  | 'notInTargetGroup'
  | 'clientWithdrew'
  | 'moved'
  | 'unreachable'
  | 'other';

/** What the machine remembers: only what guards and rules read. */
export interface CoordinatorContext {
  /** Consent for data exchange, per partner (S3 `003_b3609eb1a20809d4.txt`:338). */
  readonly consent: Readonly<Record<NetworkPartner, boolean>>;
  readonly functionalCapacityAssessed: boolean;
  /** A job or study place was gained (S3:433). */
  readonly placeGained: boolean;
  /** An interim review has been held since the place was gained. */
  readonly reviewedSincePlace: boolean;
  readonly exit: CoordinatorExit | null;
  /**
   * Version 2: the client was directed here because TYP does not suit (S3:573), so the months of
   * unemployment do not decide eligibility. Absent on version 1, whose context stays as it was.
   */
  readonly typNotSuitable?: boolean;
}

const initialContext: CoordinatorContext = {
  consent: { employmentServices: false, kela: false, socialHealth: false },
  functionalCapacityAssessed: false,
  placeGained: false,
  reviewedSincePlace: false,
  exit: null,
};

type CoordinatorMachineEvent = MachineEventOf<CoordinatorEvents>;

/**
 * What a guard or an action reads. Typed with the latest events: every version 1 event is one of
 * them, so the same implementations serve both versions' setups.
 */
interface CoordinatorArgs {
  readonly context: CoordinatorContext;
  readonly event: SharedEvent;
}

/** The events the shared guards and updates read, as in every version; any other event passes by its type alone. */
type SharedEventType =
  | 'NETWORK_WORK_DONE'
  | 'REFERRED_TO_SERVICE'
  | 'CLOSED'
  | 'CONSENT_GIVEN'
  | 'CONSENT_WITHDRAWN'
  | 'ELIGIBILITY_FAILED';
type SharedEvent =
  | Extract<CoordinatorMachineEvent, { readonly type: SharedEventType }>
  | { readonly type: Exclude<CoordinatorMachineEvent['type'], SharedEventType> };

/** The guards every version shares (each version adds the eligibility gate it uses). */
const sharedGuards = {
  /** S3:338 — network work with a partner needs the client's consent for it. */
  consentForPartner: ({ context, event }: CoordinatorArgs) => event.type === 'NETWORK_WORK_DONE' && context.consent[event.payload.partner],
  /**
   * S3:338 — a referral that shares data with the employment services or Kela needs that consent. The services table
   * comes in as params (as in the next guard), so that the guard reads nothing from around it and
   * the SCXML and BPMN exports can run it (docs/analysts.md).
   */
  consentForService: ({ context, event }: CoordinatorArgs, params: { readonly services: typeof coordinatorServices }) => {
    if (event.type !== 'REFERRED_TO_SERVICE') return false;
    // As referralNeedsConsent: the area's own social and health services need no consent here.
    const { partner } = params.services[event.payload.service];
    return partner === 'socialHealth' || context.consent[partner];
  },
  /** S3:570 — no employment-promoting service before functional capacity is assessed. */
  capacityAssessedIfEmploymentPromoting: ({ context, event }: CoordinatorArgs, params: { readonly services: typeof coordinatorServices }) =>
    event.type === 'REFERRED_TO_SERVICE' &&
    (!params.services[event.payload.service].employmentPromoting || context.functionalCapacityAssessed),
  /** S3:433 — support goes on until the next interim review after a place, unless an early-close reason is given. */
  closingAllowed: ({ context, event }: CoordinatorArgs) =>
    event.type === 'CLOSED' &&
    (event.payload.exit !== 'employedOrStudying' ||
      (context.placeGained && (context.reviewedSincePlace || event.payload.earlyCloseReason !== undefined))),
};

/**
 * The context updates every version shares, each wrapped in `assign` by the version's setup.
 * Object.assign, not object spread: the SCXML export carries this code, and SCXML interpreters that
 * read ECMAScript 2015 (SCION) know no object spread (docs/analysts.md).
 */
const sharedUpdates = {
  giveConsent: ({ context, event }: CoordinatorArgs): Partial<CoordinatorContext> =>
    event.type === 'CONSENT_GIVEN' ? { consent: Object.assign({}, context.consent, { [event.payload.scope]: true }) } : {},
  withdrawConsent: ({ context, event }: CoordinatorArgs): Partial<CoordinatorContext> =>
    event.type === 'CONSENT_WITHDRAWN' ? { consent: Object.assign({}, context.consent, { [event.payload.scope]: false }) } : {},
  markReviewed: ({ context }: CoordinatorArgs): Partial<CoordinatorContext> => ({ reviewedSincePlace: context.placeGained }),
  recordClosingExit: ({ event }: CoordinatorArgs): Partial<CoordinatorContext> =>
    event.type === 'CLOSED' ? { exit: event.payload.exit } : {},
  recordFailedEligibility: ({ event }: CoordinatorArgs): Partial<CoordinatorContext> =>
    event.type === 'ELIGIBILITY_FAILED'
      ? { exit: event.payload.reason === 'unemployedOver12Months' ? ('redirectedToTyp' as const) : ('notInTargetGroup' as const) }
      : {},
};

// Version 1 of the eligibility gate, frozen: stored version 1 cases replay with it.
const coordinatorSetup = setup({
  types: { context: {} as CoordinatorContext, events: {} as MachineEventOf<CoordinatorEventsV1> },
  guards: {
    /** S3:363 — unemployed under 12 months; longer, and TYP is the service. */
    unemployedUnder12Months: ({ event }) => event.type === 'ELIGIBILITY_CONFIRMED' && event.payload.unemploymentMonths < 12,
    ...sharedGuards,
  },
  // Written out in each version's setup, since `assign` takes its event type from there.
  actions: {
    giveConsent: assign(sharedUpdates.giveConsent),
    withdrawConsent: assign(sharedUpdates.withdrawConsent),
    markCapacityAssessed: assign({ functionalCapacityAssessed: true }),
    markPlaceGained: assign({ placeGained: true, reviewedSincePlace: false }),
    markReviewed: assign(sharedUpdates.markReviewed),
    recordClosingExit: assign(sharedUpdates.recordClosingExit),
    recordFailedEligibility: assign(sharedUpdates.recordFailedEligibility),
    recordIndependent: assign({ exit: 'independent' as const }),
    recordTransferredToTyp: assign({ exit: 'transferredToTyp' as const }),
  },
});

/** Consent, Kykyviisari, capacity, the team and network work: the coordinator's work from mapping on. */
const alongside = {
  CONSENT_GIVEN: { actions: 'giveConsent' },
  CONSENT_WITHDRAWN: { actions: 'withdrawConsent' },
  KYKYVIISARI_RECORDED: {},
  FUNCTIONAL_CAPACITY_ASSESSED: { actions: 'markCapacityAssessed' },
  TEAM_CONSULTED: {},
  NETWORK_WORK_DONE: { guard: 'consentForPartner' },
  TYP_CRITERIA_MET: { target: '#coordinator.closed', actions: 'recordTransferredToTyp' },
} as const;

/** What active support and the interim review share: referrals, follow-up, a place gained, the exits. */
const support = {
  ...alongside,
  REFERRED_TO_SERVICE: {
    guard: and([
      { type: 'consentForService', params: { services: coordinatorServices } },
      { type: 'capacityAssessedIfEmploymentPromoting', params: { services: coordinatorServices } },
    ]),
  },
  SERVICE_FOLLOWED_UP: {},
  JOB_OR_STUDY_PLACE_GAINED: { actions: 'markPlaceGained' },
  CLIENT_COPES_INDEPENDENTLY: { target: '#coordinator.closed', actions: 'recordIndependent' },
  CLOSED: { target: '#coordinator.closed', guard: 'closingAllowed', actions: 'recordClosingExit' },
} as const;

const closeBeforeSupport = { CLOSED: { target: '#coordinator.closed', guard: 'closingAllowed', actions: 'recordClosingExit' } } as const;

/**
 * The states of the coordinator service, with the guard of the eligibility check each version names:
 * everything after that check is the same in every version.
 */
const coordinatorStates = <TGate extends string, TReferral extends { readonly target: 'eligibilityCheck' }>(
  eligibilityGate: TGate,
  referral: TReferral,
) =>
  ({
    opened: { on: { REFERRED: referral } },
    eligibilityCheck: {
      on: {
        ELIGIBILITY_CONFIRMED: { target: 'consentPending', guard: eligibilityGate },
        ELIGIBILITY_FAILED: { target: 'closed', actions: 'recordFailedEligibility' },
        ...closeBeforeSupport,
      },
    },
    consentPending: {
      on: {
        CONSENT_GIVEN: { target: 'mapping', actions: 'giveConsent' },
        // Without consent the coordinator still works with the client alone (domain.md §9(c), limited mode).
        CONSENT_DECLINED: { target: 'mapping' },
        ...closeBeforeSupport,
      },
    },
    mapping: { on: { ...alongside, PLAN_AGREED: { target: 'activeSupport' }, ...closeBeforeSupport } },
    activeSupport: { on: { ...support, INTERIM_REVIEW_HELD: { target: 'interimReview', actions: 'markReviewed' } } },
    interimReview: { on: { ...support, PLAN_AGREED: { target: 'activeSupport' } } },
    closed: { type: 'final' },
  }) as const;

/**
 * Version 1 of the Eksote work-ability coordinator service (työkykykoordinaattoripalvelu), domain.md
 * §9(c): a personal coordinator walks alongside an unemployed client for the first 12 months of
 * unemployment (S3:330), after eligibility, consent, mapping, active support and interim reviews. Only
 * a client unemployed under 12 months passes the eligibility check.
 */
export const coordinatorMachineV1 = coordinatorSetup.createMachine({
  id: 'coordinator',
  initial: 'opened',
  context: initialContext,
  states: coordinatorStates('unemployedUnder12Months', { target: 'eligibilityCheck' } as const),
});

const coordinatorSetupV2 = setup({
  types: { context: {} as CoordinatorContext, events: {} as CoordinatorMachineEvent },
  guards: {
    /**
     * S3:363 — unemployed under 12 months; and besides them (S3:362) a disability pensioner, whom the
     * months of unemployment do not measure, and (S3:573) a client directed here because TYP does not suit now.
     */
    admittedToService: ({ context, event }) =>
      event.type === 'ELIGIBILITY_CONFIRMED' &&
      (event.payload.targetGroup === 'disabilityPensioner' ||
        context.typNotSuitable === true ||
        (event.payload.unemploymentMonths !== undefined && event.payload.unemploymentMonths < 12)),
    ...sharedGuards,
  },
  actions: {
    recordTypNotSuitable: assign(({ event }) => ({
      typNotSuitable: event.type === 'REFERRED' && event.payload.typNotSuitable !== undefined,
    })),
    giveConsent: assign(sharedUpdates.giveConsent),
    withdrawConsent: assign(sharedUpdates.withdrawConsent),
    markCapacityAssessed: assign({ functionalCapacityAssessed: true }),
    markPlaceGained: assign({ placeGained: true, reviewedSincePlace: false }),
    markReviewed: assign(sharedUpdates.markReviewed),
    recordClosingExit: assign(sharedUpdates.recordClosingExit),
    recordFailedEligibility: assign(sharedUpdates.recordFailedEligibility),
    recordIndependent: assign({ exit: 'independent' as const }),
    recordTransferredToTyp: assign({ exit: 'transferredToTyp' as const }),
  },
});

/**
 * The Eksote work-ability coordinator service (työkykykoordinaattoripalvelu), domain.md §9(c), version
 * 2: as version 1, and the eligibility check also admits a disability pensioner without months of
 * unemployment (S3:362) and a client directed here because TYP does not suit (S3:573, from the referral).
 */
export const coordinatorMachine = coordinatorSetupV2.createMachine({
  id: 'coordinator',
  initial: 'opened',
  context: { ...initialContext, typNotSuitable: false },
  states: coordinatorStates('admittedToService', { target: 'eligibilityCheck', actions: 'recordTypNotSuitable' } as const),
});
