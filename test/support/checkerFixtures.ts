import { and, assign, setup } from 'xstate';
import { z } from 'zod';
import { definePath, type MachineEventOf } from 'kykypolku';

/**
 * Small hand-made paths whose state spaces are counted by hand in the tests: a counter that
 * saturates, a history state, and a path with every kind of shape finding (a dead end, a loop that
 * never closes, a state and an event never reached, an event no role may record).
 */
const label = (en: string) => ({ fi: `fi: ${en}`, sv: `sv: ${en}`, en });
const source = { seed: 'test-fixture.txt', lines: '1' };
const common = {
  version: 1,
  deadlines: [],
  outcomes: { finished: label('Finished') },
  outcomeOf: () => undefined,
  sources: [{ id: 'T', seed: 'test-fixture.txt', title: 'test fixture' }],
} as const;

// --- A counter: three sessions before closing (like lifestyle guidance's ≥ 12 sessions). ---

const sessionEvents = { SESSION_HELD: z.strictObject({}), CLOSED: z.strictObject({}) };

export function sessionMachine(options: { readonly closeGuard?: boolean } = {}) {
  return setup({
    types: { context: {} as { sessions: number }, events: {} as MachineEventOf<typeof sessionEvents> },
    guards: { enoughSessions: ({ context }) => context.sessions >= 3 },
    actions: { countSession: assign({ sessions: ({ context }) => context.sessions + 1 }) },
  }).createMachine({
    id: 'sessions',
    initial: 'guidance',
    context: { sessions: 0 },
    states: {
      guidance: {
        on: {
          SESSION_HELD: { actions: 'countSession' },
          CLOSED: options.closeGuard === false ? { target: 'closed' } : { target: 'closed', guard: 'enoughSessions' },
        },
      },
      closed: { type: 'final' },
    },
  });
}

function sessionSpec(options: { readonly closeGuard?: boolean } = {}) {
  return {
    ...common,
    id: 'session-path',
    title: label('Sessions'),
    machine: sessionMachine(options),
    events: sessionEvents,
    roles: { coach: label('Coach') },
    permissions: { SESSION_HELD: ['coach'], CLOSED: ['coach'] },
    labels: {
      states: { guidance: label('Guidance'), closed: label('Closed') },
      events: { SESSION_HELD: label('Session held'), CLOSED: label('Closed') },
      guards: { enoughSessions: label('three sessions held') },
    },
    rules: [
      {
        id: 'three-sessions-before-closing',
        name: label('three sessions held'),
        sentence: label('A client is closed only after three sessions.'),
        source,
        enforcedBy: ['enoughSessions'],
        holds: ({ to }: { to: { value: unknown; context: { sessions: number } } }) => to.value !== 'closed' || to.context.sessions >= 3,
      },
    ],
  } as const;
}

export const sessionPath = definePath(sessionSpec());
export const sessionPathWithoutGuard = definePath({ ...sessionSpec({ closeGuard: false }), id: 'session-path-unguarded' });

// --- A history state: pausing remembers where work was, resuming goes back there. ---

const pauseEvents = {
  NEXT: z.strictObject({}),
  PAUSED: z.strictObject({}),
  RESUMED: z.strictObject({}),
  FINISHED: z.strictObject({}),
};

const pauseMachine = setup({
  types: { context: {} as { pausedOnce: boolean }, events: {} as MachineEventOf<typeof pauseEvents> },
  actions: { markPaused: assign({ pausedOnce: true }) },
}).createMachine({
  id: 'pause',
  initial: 'working',
  context: { pausedOnce: false },
  states: {
    working: {
      initial: 'first',
      states: {
        first: { on: { NEXT: 'second' } },
        second: { on: { FINISHED: '#pause.done' } },
        resume: { type: 'history' },
      },
      on: { PAUSED: 'paused' },
    },
    paused: { entry: 'markPaused', on: { RESUMED: 'working.resume' } },
    done: { type: 'final' },
  },
});

export const pausePath = definePath({
  ...common,
  id: 'pause-path',
  title: label('Pause'),
  machine: pauseMachine,
  events: pauseEvents,
  roles: { worker: label('Worker') },
  permissions: { NEXT: ['worker'], PAUSED: ['worker'], RESUMED: ['worker'], FINISHED: ['worker'] },
  labels: {
    states: {
      working: label('Working'),
      'working.first': label('First step'),
      'working.second': label('Second step'),
      paused: label('Paused'),
      done: label('Done'),
    },
    events: { NEXT: label('Next'), PAUSED: label('Paused'), RESUMED: label('Resumed'), FINISHED: label('Finished') },
    guards: {},
  },
  rules: [
    {
      id: 'finished-from-the-second-step',
      name: label('second step'),
      sentence: label('Work finishes only from the second step.'),
      source,
      enforcedBy: [],
      holds: ({ from, event }) => event.type !== 'FINISHED' || JSON.stringify(from.value) === JSON.stringify({ working: 'second' }),
    },
  ],
});

// --- Every shape finding at once. ---

const shapeEvents = {
  STARTED: z.strictObject({ way: z.enum(['stuck', 'loop', 'finish']) }),
  PINGED: z.strictObject({}),
  ORPHAN_LEFT: z.strictObject({}),
  ADMIN_CLOSED: z.strictObject({}),
};

const shapeMachine = setup({
  types: { context: {} as Record<string, never>, events: {} as MachineEventOf<typeof shapeEvents> },
  guards: {
    wayIsStuck: ({ event }) => event.type === 'STARTED' && event.payload.way === 'stuck',
    wayIsLoop: ({ event }) => event.type === 'STARTED' && event.payload.way === 'loop',
  },
}).createMachine({
  id: 'shape',
  initial: 'idle',
  context: {},
  states: {
    idle: {
      on: {
        STARTED: [{ target: 'stuck', guard: 'wayIsStuck' }, { target: 'loop', guard: 'wayIsLoop' }, { target: 'done' }],
        ADMIN_CLOSED: 'done',
      },
    },
    stuck: {},
    loop: { on: { PINGED: {} } },
    orphan: { on: { ORPHAN_LEFT: 'done' } },
    done: { type: 'final' },
  },
});

export const shapePath = definePath({
  ...common,
  id: 'shape-path',
  title: label('Shapes'),
  machine: shapeMachine,
  events: shapeEvents,
  roles: { worker: label('Worker') },
  permissions: { STARTED: ['worker'], PINGED: ['worker'], ORPHAN_LEFT: ['worker'], ADMIN_CLOSED: [] },
  labels: {
    states: { idle: label('Idle'), stuck: label('Stuck'), loop: label('Loop'), orphan: label('Orphan'), done: label('Done') },
    events: {
      STARTED: label('Started'),
      PINGED: label('Pinged'),
      ORPHAN_LEFT: label('Orphan left'),
      ADMIN_CLOSED: label('Closed by an admin'),
    },
    guards: { wayIsStuck: label('the stuck way'), wayIsLoop: label('the loop way') },
  },
  rules: [],
});

// --- Guards of every verdict: one no rule stands behind, a dead one, an unused one. ---

const gateEvents = { READIED: z.strictObject({}), WENT: z.strictObject({}), CAME_BACK: z.strictObject({}) };

const gateMachine = setup({
  types: { context: {} as { ready: boolean; archived: boolean }, events: {} as MachineEventOf<typeof gateEvents> },
  guards: {
    isReady: ({ context }) => context.ready,
    notArchived: ({ context }) => !context.archived,
    spare: () => true,
  },
  actions: { markReady: assign({ ready: true }) },
}).createMachine({
  id: 'gate',
  initial: 'waiting',
  context: { ready: false, archived: false },
  states: {
    waiting: {
      on: {
        READIED: { actions: 'markReady' },
        WENT: { target: 'going', guard: and(['isReady', 'notArchived']) },
      },
    },
    going: { on: { CAME_BACK: 'waiting' } },
  },
});

export const gatePath = definePath({
  ...common,
  id: 'gate-path',
  title: label('Gates'),
  machine: gateMachine,
  events: gateEvents,
  roles: { worker: label('Worker') },
  permissions: { READIED: ['worker'], WENT: ['worker'], CAME_BACK: ['worker'] },
  labels: {
    states: { waiting: label('Waiting'), going: label('Going') },
    events: { READIED: label('Readied'), WENT: label('Went'), CAME_BACK: label('Came back') },
    guards: { isReady: label('ready'), notArchived: label('not archived'), spare: label('spare') },
  },
  rules: [
    {
      id: 'nothing-archived-moves',
      name: label('not archived'),
      sentence: label('An archived case does not move.'),
      source,
      enforcedBy: ['notArchived'],
      holds: ({ from, to }) => !from.context.archived || JSON.stringify(from.value) === JSON.stringify(to.value),
    },
  ],
});

// --- A guard that branches on a date: the checker samples dates, so it says so. ---

const datedEvents = { BOOKED: z.strictObject({ on: z.iso.date() }) };

export const datedPath = definePath({
  ...common,
  id: 'dated-path',
  title: label('Dated'),
  machine: setup({
    types: { context: {} as Record<string, never>, events: {} as MachineEventOf<typeof datedEvents> },
    guards: { inFuture: ({ event }) => event.payload.on > '2025-06-01' },
  }).createMachine({
    id: 'dated',
    initial: 'open',
    context: {},
    states: { open: { on: { BOOKED: { target: 'booked', guard: 'inFuture' } } }, booked: { type: 'final' } },
  }),
  events: datedEvents,
  roles: { worker: label('Worker') },
  permissions: { BOOKED: ['worker'] },
  labels: {
    states: { open: label('Open'), booked: label('Booked') },
    events: { BOOKED: label('Booked') },
    guards: { inFuture: label('in the future') },
  },
  rules: [],
});

// --- A forgotten guard: the team meets without consent, so a rule is broken before any guard is
// removed; removing the plan guard "breaks" that same rule again, which justifies nothing. ---

const meetingEvents = { CONSENT_GIVEN: z.strictObject({}), PLAN_AGREED: z.strictObject({}), TEAM_MEETING_HELD: z.strictObject({}) };

const meetingMachine = setup({
  types: { context: {} as { consent: boolean; planAgreed: boolean }, events: {} as MachineEventOf<typeof meetingEvents> },
  guards: { planAgreed: ({ context }) => context.planAgreed },
  actions: { markConsent: assign({ consent: true }), markPlan: assign({ planAgreed: true }) },
}).createMachine({
  id: 'meeting',
  initial: 'preparing',
  context: { consent: false, planAgreed: false },
  states: {
    preparing: {
      on: {
        CONSENT_GIVEN: { actions: 'markConsent' },
        PLAN_AGREED: { actions: 'markPlan' },
        // The consent guard is missing here: the meeting needs only the plan.
        TEAM_MEETING_HELD: { target: 'meeting', guard: 'planAgreed' },
      },
    },
    meeting: { type: 'final' },
  },
});

export const forgottenConsentPath = definePath({
  ...common,
  id: 'forgotten-consent-path',
  title: label('Team meeting'),
  machine: meetingMachine,
  events: meetingEvents,
  roles: { worker: label('Worker') },
  permissions: { CONSENT_GIVEN: ['worker'], PLAN_AGREED: ['worker'], TEAM_MEETING_HELD: ['worker'] },
  labels: {
    states: { preparing: label('Preparing'), meeting: label('Team meeting') },
    events: { CONSENT_GIVEN: label('Consent given'), PLAN_AGREED: label('Plan agreed'), TEAM_MEETING_HELD: label('Team meeting held') },
    guards: { planAgreed: label('plan agreed') },
  },
  rules: [
    {
      id: 'consent-before-team-meeting',
      name: label('consent given'),
      sentence: label('The team meets about a client only with the client’s consent.'),
      source,
      enforcedBy: [],
      holds: ({ to }) => to.value !== 'meeting' || to.context.consent,
    },
  ],
});
