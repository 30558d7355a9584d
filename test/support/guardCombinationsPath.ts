import { and, assign, not, or, setup } from 'xstate';
import { z } from 'zod';
import { definePath, type MachineEventOf } from 'kykypolku';

/**
 * A small path whose guards are combined every way XState allows (`and`, `or` and `not`, nested),
 * each guard labelled differently from the rule it enforces, so that a diagram naming a condition
 * by its rule, or combining the labels wrongly, shows in the test.
 */
const label = (en: string) => ({ fi: `fi: ${en}`, sv: `sv: ${en}`, en });

const combinationEvents = {
  FILED: z.strictObject({ urgent: z.boolean(), signed: z.boolean() }),
  WITHDRAWN: z.strictObject({}),
  STAMPED: z.strictObject({}),
};

const combinationMachine = setup({
  types: { context: {} as { stamped: boolean }, events: {} as MachineEventOf<typeof combinationEvents> },
  guards: {
    isUrgent: ({ event }) => event.type === 'FILED' && event.payload.urgent,
    isSigned: ({ event }) => event.type === 'FILED' && event.payload.signed,
    isStamped: ({ context }) => context.stamped,
  },
  actions: { markStamped: assign({ stamped: true }) },
}).createMachine({
  id: 'combinations',
  initial: 'inbox',
  context: { stamped: false },
  states: {
    inbox: {
      on: {
        STAMPED: { actions: 'markStamped' },
        FILED: [
          { target: 'fastLane', guard: or(['isUrgent', and(['isSigned', not('isStamped')])]) },
          { target: 'archive', guard: not(or(['isUrgent', 'isSigned'])) },
          { target: 'queue' },
        ],
        WITHDRAWN: { target: 'archive', guard: not('isStamped') },
      },
    },
    fastLane: {},
    queue: {},
    archive: { type: 'final' },
  },
});

export const guardCombinationsPath = definePath({
  id: 'guard-combinations',
  version: 1,
  title: label('Combinations'),
  machine: combinationMachine,
  events: combinationEvents,
  roles: { clerk: label('Clerk') },
  permissions: { FILED: ['clerk'], WITHDRAWN: ['clerk'], STAMPED: ['clerk'] },
  labels: {
    states: { inbox: label('Inbox'), fastLane: label('Fast lane'), queue: label('Queue'), archive: label('Archive') },
    events: { FILED: label('Filed'), WITHDRAWN: label('Withdrawn'), STAMPED: label('Stamped') },
    guards: { isUrgent: label('urgent'), isSigned: label('signed'), isStamped: label('stamped') },
  },
  rules: [
    {
      id: 'stamped-stays',
      name: label('a stamped document is never withdrawn'),
      sentence: label('A stamped document is not withdrawn.'),
      source: { seed: 'test-fixture.txt', lines: '1' },
      enforcedBy: ['isStamped'],
      holds: ({ from, event }) => event.type !== 'WITHDRAWN' || !from.context.stamped,
    },
  ],
  deadlines: [],
  outcomes: { archived: label('Archived') },
  outcomeOf: ({ value }) => (value === 'archive' ? 'archived' : undefined),
  sources: [{ id: 'T', seed: 'test-fixture.txt', title: 'test fixture' }],
});
