import { assign, setup } from 'xstate';
import { z } from 'zod';
import { addDays, definePath, type MachineEventOf } from 'kykypolku';

/**
 * A small hand-made path for testing the engine apart from any real service path: a document is
 * submitted, reviewed, maybe paused, and can be done only once approved.
 */
export const reviewEvents = {
  SUBMITTED: z.strictObject({ priority: z.enum(['low', 'high']) }),
  REVIEWED: z.strictObject({ approved: z.boolean() }),
  COMMENTED: z.strictObject({ on: z.iso.date().optional() }),
  PAUSED: z.strictObject({}),
  RESUMED: z.strictObject({}),
  DONE: z.strictObject({}),
};

type ReviewEvent = MachineEventOf<typeof reviewEvents>;

export const reviewSetup = setup({
  types: { context: {} as { approved: boolean; priority: 'low' | 'high' | null }, events: {} as ReviewEvent },
  guards: {
    approved: ({ context }) => context.approved,
    highPriority: ({ event }) => event.type === 'SUBMITTED' && event.payload.priority === 'high',
  },
  actions: {
    recordPriority: assign(({ event }) => (event.type === 'SUBMITTED' ? { priority: event.payload.priority } : {})),
    recordReview: assign(({ event }) => (event.type === 'REVIEWED' ? { approved: event.payload.approved } : {})),
  },
});

/** Builds the review machine; `doneGuard: false` leaves the guard off DONE (a forgotten guard). */
export function reviewMachine(options: { readonly doneGuard?: boolean } = {}) {
  return reviewSetup.createMachine({
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
          review: { on: { REVIEWED: { actions: 'recordReview' } } },
          urgent: { on: { REVIEWED: { target: 'review', actions: 'recordReview' } } },
          waiting: {},
        },
        on: {
          COMMENTED: {},
          PAUSED: { target: '.waiting' },
          RESUMED: { target: '.review' },
          DONE: options.doneGuard === false ? { target: 'done' } : { target: 'done', guard: 'approved' },
        },
      },
      done: { type: 'final' },
    },
  });
}

const label = (en: string) => ({ fi: `fi: ${en}`, sv: `sv: ${en}`, en });

export function reviewSpec(options: { readonly doneGuard?: boolean } = {}) {
  const machine = reviewMachine(options);
  return {
    id: 'review-path',
    version: 1,
    title: label('Review'),
    machine,
    events: reviewEvents,
    roles: { author: label('Author'), reviewer: label('Reviewer') },
    permissions: {
      SUBMITTED: ['author'],
      REVIEWED: ['reviewer'],
      COMMENTED: ['author', 'reviewer'],
      PAUSED: ['reviewer'],
      RESUMED: ['reviewer'],
      DONE: ['reviewer'],
    },
    labels: {
      states: {
        draft: label('Draft'),
        active: label('Active'),
        'active.review': label('In review'),
        'active.urgent': label('Urgent review'),
        'active.waiting': label('Waiting'),
        done: label('Done'),
      },
      events: {
        SUBMITTED: label('Submitted'),
        REVIEWED: label('Reviewed'),
        COMMENTED: label('Commented'),
        PAUSED: label('Paused'),
        RESUMED: label('Resumed'),
        DONE: label('Done'),
      },
      guards: { approved: label('approved'), highPriority: label('high priority') },
    },
    rules: [
      {
        id: 'approved-before-done',
        name: label('approved'),
        sentence: label('A document is done only once approved.'),
        source: { seed: 'test-fixture.txt', lines: '1' },
        enforcedBy: ['approved'],
        holds: ({ to }: { to: { value: unknown; context: { approved: boolean } } }) => to.value !== 'done' || to.context.approved,
      },
    ],
    deadlines: [
      {
        id: 'review-within-a-week',
        label: label('Reviewed within a week'),
        source: { seed: 'test-fixture.txt', lines: '2' },
        kind: 'target',
        dueAt: (history: readonly { type: string; at: string }[]) => {
          const submitted = history.find((event) => event.type === 'SUBMITTED');
          if (!submitted || history.some((event) => event.type === 'REVIEWED')) return undefined;
          return addDays(submitted.at, 7);
        },
      },
    ],
    outcomes: { finished: label('Finished') },
    outcomeOf: ({ value }: { value: unknown }) => (value === 'done' ? ('finished' as const) : undefined),
    sources: [{ id: 'T', seed: 'test-fixture.txt', title: 'test fixture' }],
  } as const;
}

export const reviewPath = definePath(reviewSpec());

/** The same path with the guard on DONE forgotten: the runtime's rule check must still hold. */
export const reviewPathWithoutGuard = definePath({ ...reviewSpec({ doneGuard: false }), id: 'review-path-unguarded' });

export const author = { role: 'author', id: 'a-1' } as const;
export const reviewer = { role: 'reviewer', id: 'r-1' } as const;
