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

const completableStates = new Set(['followUp', 'finalMeasurement']);

/**
 * S1:220 — "yksilöprosessit seurantajaksoineen": an individual process includes its follow-up period,
 * so a case is "completed" only once the intensive phase is over; before that it is discontinued or
 * transferred. The final measurements are not required: the measurement package was *offered*
 * ("tarjottiin mahdollisuus osallistua … hyvinvointimittauskokonaisuuteen", S1:220), so a client who
 * declined it and finished the guidance is completed. Drawing the line at the end of the intensive
 * phase is a modelling choice for keeping the completion figure honest.
 */
export const completedOnlyAfterIntensivePhase: LifestyleRule<'completed-only-after-intensive-phase'> = {
  id: 'completed-only-after-intensive-phase',
  name: { fi: 'tiivis ohjausjakso päättynyt', sv: 'intensiva perioden avslutad', en: 'intensive phase over' },
  sentence: {
    fi: 'Ohjausprosessi on päättynyt suoritettuna vain tiiviin ohjausjakson jälkeen; loppumittauksia ei vaadita, koska ne tarjottiin.',
    sv: 'Handledningsprocessen är slutförd först efter den intensiva perioden; slutmätningar krävs inte, eftersom de erbjöds.',
    en: 'A guidance process is completed only after the intensive phase; final measurements are not required, since they were offered.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '220' },
  enforcedBy: ['notCompleted'],
  holds: ({ from, event }) =>
    event.type !== 'CLOSED' ||
    event.payload.outcome !== 'completed' ||
    (typeof from.value === 'string' && completableStates.has(from.value)),
};

/** The hard rules of lifestyle guidance. */
export const lifestyleRules = [planBeforeGuidance, completedOnlyAfterIntensivePhase];
