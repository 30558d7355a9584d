import { setup } from 'xstate';
import { z } from 'zod';
import { addDays, definePath, type MachineEventOf } from 'kykypolku';

/**
 * A small path whose deadlines act when they fall due: a request must be answered within three
 * days, and a `system` actor records a reminder when it is not (the reminder meets the deadline);
 * a second deadline declares an event the rules refuse (the system may not close a request), so
 * its firing is reported, never forced.
 */
const events = {
  REQUESTED: z.strictObject({}),
  REMINDED: z.strictObject({ deadline: z.enum(['answer-within-3-days']) }),
  ANSWERED: z.strictObject({}),
};

const machine = setup({ types: { events: {} as MachineEventOf<typeof events> } }).createMachine({
  id: 'reminder',
  initial: 'new',
  states: {
    new: { on: { REQUESTED: 'waiting' } },
    waiting: { on: { REMINDED: 'reminded', ANSWERED: 'answered' } },
    reminded: { on: { ANSWERED: 'answered' } },
    answered: { type: 'final' },
  },
});

const label = (en: string) => ({ fi: `fi: ${en}`, sv: `sv: ${en}`, en });
type Event = { readonly type: string; readonly at: string };
const system = { role: 'system', id: 'deadline-worker' } as const;

export const reminderPath = definePath({
  id: 'reminder-path',
  version: 1,
  title: label('Reminders'),
  machine,
  events,
  roles: { clerk: label('Clerk'), system: label('System') },
  permissions: { REQUESTED: ['clerk'], REMINDED: ['system'], ANSWERED: ['clerk'] },
  labels: {
    states: { new: label('New'), waiting: label('Waiting'), reminded: label('Reminded'), answered: label('Answered') },
    events: { REQUESTED: label('Requested'), REMINDED: label('Reminded'), ANSWERED: label('Answered') },
    guards: {},
  },
  rules: [],
  deadlines: [
    {
      id: 'answer-within-3-days',
      label: label('Answered within three days'),
      source: { seed: 'test-fixture.txt', lines: '1' },
      kind: 'target',
      // Met by an answer or by the reminder it fires.
      dueAt: (history: readonly Event[]) => {
        const requested = history.find((event) => event.type === 'REQUESTED');
        if (!requested || history.some((event) => event.type === 'ANSWERED' || event.type === 'REMINDED')) return undefined;
        return addDays(requested.at, 3);
      },
      onDue: {
        kind: 'event',
        event: () => ({ type: 'REMINDED', actor: system, payload: { deadline: 'answer-within-3-days' as const } }),
      },
    },
    {
      id: 'close-within-10-days',
      label: label('Closed within ten days'),
      source: { seed: 'test-fixture.txt', lines: '2' },
      kind: 'decision',
      dueAt: (history: readonly Event[]) => {
        const requested = history.find((event) => event.type === 'REQUESTED');
        if (!requested || history.some((event) => event.type === 'ANSWERED')) return undefined;
        return addDays(requested.at, 10);
      },
      // The system may not answer: the rules refuse it, and the firing is reported.
      onDue: { kind: 'event', event: () => ({ type: 'ANSWERED', actor: system, payload: {} }) },
    },
  ],
  outcomes: { answered: label('Answered') },
  outcomeOf: ({ value }: { value: unknown }) => (value === 'answered' ? ('answered' as const) : undefined),
  sources: [{ id: 'T', seed: 'test-fixture.txt', title: 'test fixture' }],
} as const);

export const clerk = { role: 'clerk', id: 'c-1' } as const;
