import { assign, setup } from 'xstate';
import { z } from 'zod';
import { definePath, type MachineEventOf } from 'kykypolku';
import { reviewEvents, reviewSpec } from './reviewPath.js';

/**
 * Version 2 of the hand-made review path: a real v1 → v2 change. A reviewer may now escalate a
 * document under review (the new state `active.escalated`, the new event ESCALATED), and the path
 * names who is responsible (the last reviewer). Every v1 event means the same in v2, so the
 * migration from v1 rewrites nothing.
 */
export const reviewEventsV2 = { ...reviewEvents, ESCALATED: z.strictObject({ to: z.enum(['lead', 'board']) }) };

const label = (en: string) => ({ fi: `fi: ${en}`, sv: `sv: ${en}`, en });

// Written out whole, as a host writes a new version beside the old one: v1 stays as it was, for
// the cases recorded under it.
const reviewSetupV2 = setup({
  types: { context: {} as { approved: boolean; priority: 'low' | 'high' | null }, events: {} as MachineEventOf<typeof reviewEventsV2> },
  guards: {
    approved: ({ context }) => context.approved,
    highPriority: ({ event }) => event.type === 'SUBMITTED' && event.payload.priority === 'high',
  },
  actions: {
    recordPriority: assign(({ event }) => (event.type === 'SUBMITTED' ? { priority: event.payload.priority } : {})),
    recordReview: assign(({ event }) => (event.type === 'REVIEWED' ? { approved: event.payload.approved } : {})),
  },
});

export const reviewMachineV2 = reviewSetupV2.createMachine({
  id: 'review',
  initial: 'draft',
  context: { approved: false, priority: null },
  states: {
    draft: {
      on: {
        SUBMITTED: [
          { target: 'active.urgent', guard: 'highPriority', actions: 'recordPriority' },
          { target: 'active', actions: 'recordPriority' },
        ],
      },
    },
    active: {
      initial: 'review',
      states: {
        review: { on: { REVIEWED: { actions: 'recordReview' }, ESCALATED: { target: 'escalated' } } },
        urgent: { on: { REVIEWED: { target: 'review', actions: 'recordReview' }, ESCALATED: { target: 'escalated' } } },
        waiting: {},
        escalated: { on: { REVIEWED: { target: 'review', actions: 'recordReview' } } },
      },
      on: {
        COMMENTED: {},
        PAUSED: { target: '.waiting' },
        RESUMED: { target: '.review' },
        DONE: { target: 'done', guard: 'approved' },
      },
    },
    done: { type: 'final' },
  },
});

export function reviewSpecV2() {
  const v1 = reviewSpec();
  return {
    ...v1,
    version: 2,
    machine: reviewMachineV2,
    events: reviewEventsV2,
    permissions: { ...v1.permissions, ESCALATED: ['reviewer'] },
    labels: {
      ...v1.labels,
      states: { ...v1.labels.states, 'active.escalated': label('Escalated') },
      events: { ...v1.labels.events, ESCALATED: label('Escalated') },
    },
    assigneeOf: (history: readonly { type: string; actor: { id: string } }[]) =>
      history.findLast((event) => event.type === 'REVIEWED' || event.type === 'ESCALATED')?.actor.id,
    migrations: [{ from: 1 }],
  } as const;
}

export const reviewPathV2 = definePath(reviewSpecV2());

/**
 * A v2 that tightens a permission instead: only reviewers may comment. A v1 case where the author
 * commented does not replay under it, which is what `migrate-check` must find before a deploy.
 */
export const reviewPathV2AuthorsSilenced = definePath({
  ...reviewSpecV2(),
  permissions: { ...reviewSpecV2().permissions, COMMENTED: ['reviewer'] },
});
