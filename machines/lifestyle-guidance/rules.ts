import type { PathRule } from '../../src/path/index.js';
import type { LifestyleEvents } from './events.js';
import type { lifestyleMachine } from './machine.js';

type LifestyleRule<TId extends string> = PathRule<typeof lifestyleMachine, LifestyleEvents, TId>;

const guidanceStates = new Set(['intensiveGuidance', 'followUp', 'finalMeasurement']);

/** S1 `001_55550c4af1568658.txt`:217 — "asiakkaalle laaditaan henkilökohtainen suunnitelma, jonka toteutumista tuetaan". */
export const planBeforeGuidance: LifestyleRule<'plan-before-guidance'> = {
  id: 'plan-before-guidance',
  name: { fi: 'suunnitelma laadittu', sv: 'plan upprättad', en: 'plan created' },
  sentence: {
    fi: 'Ohjaus alkaa vasta, kun asiakkaalle on laadittu henkilökohtainen suunnitelma.',
    sv: 'Handledningen börjar först när en personlig plan har upprättats för klienten.',
    en: 'Guidance starts only once the client has a personal plan.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '217' },
  enforcedBy: ['planCreated'],
  holds: ({ to }) => typeof to.value !== 'string' || !guidanceStates.has(to.value) || to.context.planCreated,
};

/**
 * S1:220 — the individual process includes the follow-up period: a case is "completed" only after the
 * final measurements; before that it is discontinued or transferred (a modelling choice for keeping
 * the completion figure honest).
 */
export const completedOnlyAfterFinalMeasurement: LifestyleRule<'completed-only-after-final-measurement'> = {
  id: 'completed-only-after-final-measurement',
  name: { fi: 'loppumittaukset tehty', sv: 'slutmätningar gjorda', en: 'final measurements done' },
  sentence: {
    fi: 'Ohjausprosessi on päättynyt suoritettuna vain, kun loppumittaukset on tehty.',
    sv: 'Handledningsprocessen är slutförd först när slutmätningarna är gjorda.',
    en: 'A guidance process is completed only after the final measurements.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '220' },
  enforcedBy: ['notCompleted'],
  holds: ({ from, event }) => event.type !== 'CLOSED' || event.payload.outcome !== 'completed' || from.value === 'finalMeasurement',
};

/** The hard rules of lifestyle guidance. */
export const lifestyleRules = [planBeforeGuidance, completedOnlyAfterFinalMeasurement];
