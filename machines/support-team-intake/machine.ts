import { and, assign, setup } from 'xstate';
import type { MachineEventOf } from '../../src/path/index.js';
import type { TeamIntakeEvents } from './events.js';

/** What the machine remembers: only what guards and rules read. */
export interface TeamIntakeContext {
  readonly consentGiven: boolean;
  /** A named case manager (asiakasvastaava) follows the client (S2 `002_f1ffdd193307e45a.txt`:48). */
  readonly caseManagerNamed: boolean;
  readonly outcome: 'resolvedInIntake' | 'planCompleted' | 'transferred' | 'other' | null;
}

const teamIntakeSetup = setup({
  types: { context: {} as TeamIntakeContext, events: {} as MachineEventOf<TeamIntakeEvents> },
  guards: {
    /** S2:48 — a team case has a named case manager. */
    caseManagerNamed: ({ context }) => context.caseManagerNamed,
    /** Identifiable data goes to the multi-organisation team only with consent (cf. S3 `003_b3609eb1a20809d4.txt`:338). */
    consentForTeamWork: ({ context, event }) => (event.type === 'CONSULTED_TEAM' && event.payload.anonymous) || context.consentGiven,
    /** A plan is completed only where there is a plan. */
    notPlanCompleted: ({ event }) => event.type === 'CLOSED' && event.payload.outcome !== 'planCompleted',
  },
  actions: {
    markConsent: assign({ consentGiven: true }),
    markCaseManager: assign({ caseManagerNamed: true }),
    recordResolvedInIntake: assign({ outcome: 'resolvedInIntake' as const }),
    recordOutcome: assign(({ event }) => (event.type === 'CLOSED' ? { outcome: event.payload.outcome } : {})),
  },
});

const closeWithoutPlan = { CLOSED: { target: '#teamIntake.closed', guard: 'notPlanCompleted', actions: 'recordOutcome' } } as const;

// The states of version 1, as published: version 2 reuses them with one change, and version 1's
// machine below must keep replaying its stored cases exactly as before.
const teamIntakeStatesV1 = {
  opened: { on: { NEED_IDENTIFIED: { target: 'needIdentified' } } },
  needIdentified: { on: { INTAKE_STARTED: { target: 'intakeService' }, ...closeWithoutPlan } },
  intakeService: {
    on: {
      CONSENT_GIVEN: { actions: 'markConsent' },
      CONSULTED_TEAM: { guard: 'consentForTeamWork' },
      REFERRED_TO_TEAM: { target: 'teamReferralDecision' },
      HANDLED_IN_INTAKE: { target: 'closed', actions: 'recordResolvedInIntake' },
      ...closeWithoutPlan,
    },
  },
  teamReferralDecision: {
    on: {
      CONSENT_GIVEN: { actions: 'markConsent' },
      CASE_MANAGER_ASSIGNED: { actions: 'markCaseManager' },
      // The team takes the case at its meeting, with a named case manager and the client's consent.
      TEAM_MEETING_HELD: { target: 'teamCase', guard: and(['caseManagerNamed', 'consentForTeamWork']) },
      HANDLED_IN_INTAKE: { target: 'closed', actions: 'recordResolvedInIntake' },
      ...closeWithoutPlan,
    },
  },
  teamCase: {
    on: {
      TEAM_MEETING_HELD: {},
      CASE_MANAGER_ASSIGNED: { actions: 'markCaseManager' },
      SUPPORT_PLAN_CREATED: { target: 'supportPlanActive' },
      ...closeWithoutPlan,
    },
  },
  supportPlanActive: {
    on: {
      PLAN_FOLLOWED_UP: {},
      TEAM_MEETING_HELD: {},
      CASE_MANAGER_ASSIGNED: { actions: 'markCaseManager' },
      CLOSED: { target: 'closed', actions: 'recordOutcome' },
    },
  },
  closed: { type: 'final' },
} as const;

/**
 * The Keski-Suomi work-ability support team intake (työkyvyn tuen tiimi), domain.md §9(e): a need is
 * identified, the intake service (alkupalvelu) handles it or refers the client to the
 * multi-professional team; a team case has a named case manager and ends in a work-ability support
 * plan. In Sampoharju 14 of 40 intake clients went on to the team (S2 `002_f1ffdd193307e45a.txt`:72).
 */
export const teamIntakeMachine = teamIntakeSetup.createMachine({
  id: 'teamIntake',
  initial: 'opened',
  context: { consentGiven: false, caseManagerNamed: false, outcome: null },
  states: teamIntakeStatesV1,
});

/**
 * The team intake, version 2: as version 1, and a client may go straight to the team without the
 * intake service, as in Viitasaari ("Työkyvyn tuen tiimiin asiakkaita on ohjautunut 18") and
 * Hankasalmi ("Työkyvyn tuen tiimissä käsitelty 15 asiakasta"), where the seed names no intake
 * (S2 `002_f1ffdd193307e45a.txt`:73, 75). The team's own conditions (a case manager, consent) hold
 * as before.
 */
export const teamIntakeMachineV2 = teamIntakeSetup.createMachine({
  id: 'teamIntake',
  initial: 'opened',
  context: { consentGiven: false, caseManagerNamed: false, outcome: null },
  states: {
    ...teamIntakeStatesV1,
    needIdentified: {
      on: { ...teamIntakeStatesV1.needIdentified.on, REFERRED_TO_TEAM: { target: 'teamReferralDecision' } },
    },
  },
});
