import type { PathRule } from '../../src/path/index.js';
import type { LifestyleEvents } from './events.js';
import type { LifestyleEventsV2 } from './eventsV2.js';
import type { lifestyleMachine } from './machine.js';
import type { lifestyleMachineV2 } from './machineV2.js';

type LifestyleRule<TId extends string> = PathRule<typeof lifestyleMachine, LifestyleEvents, TId>;
type LifestyleRuleV2<TId extends string> = PathRule<typeof lifestyleMachineV2, LifestyleEventsV2, TId>;

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

/** The hard rules of lifestyle guidance, version 1. */
export const lifestyleRules = [planBeforeGuidance, completedOnlyAfterIntensivePhase];

/**
 * Version 2 — S1:217 "Elintapaohjauksessa asiakkaalle laaditaan henkilökohtainen suunnitelma" speaks
 * of the personal, process-like guidance ("henkilökohtaista, prosessimaista neuvontaa"); the groups
 * of S1:220 are described by what they did, with no plan. A plan is asked of individual clients only:
 * no rule stricter than its source.
 */
export const planBeforeIndividualGuidance: LifestyleRuleV2<'plan-before-guidance'> = {
  id: 'plan-before-guidance',
  name: { fi: 'suunnitelma laadittu tai ryhmäasiakas', sv: 'plan upprättad eller gruppklient', en: 'plan created, or a group client' },
  sentence: {
    fi:
      'Yksilöohjaus alkaa vasta, kun asiakkaalle on laadittu henkilökohtainen suunnitelma; ' +
      'ryhmäohjaukselta lähde ei suunnitelmaa edellytä.',
    sv: 'Individuell handledning börjar först när en personlig plan har upprättats; för grupphandledning kräver källan ingen plan.',
    en: 'Individual guidance starts only once the client has a personal plan; the source asks no plan of group guidance.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '217, 220' },
  enforcedBy: ['planCreatedOrGroup'],
  holds: ({ to }) =>
    typeof to.value !== 'string' ||
    !guidanceStates.has(to.value) ||
    to.context.planCreated ||
    (to.context.mode !== null && to.context.mode !== 'individual'),
};

/** Version 2 keeps version 1's completion rule as it is (it reads only the state and the event). */
export const completedOnlyAfterIntensivePhaseV2: LifestyleRuleV2<'completed-only-after-intensive-phase'> = {
  ...completedOnlyAfterIntensivePhase,
  enforcedBy: ['notCompleted'],
  holds: ({ from, event }) =>
    event.type !== 'CLOSED' ||
    event.payload.outcome !== 'completed' ||
    (typeof from.value === 'string' && completableStates.has(from.value)),
};

/** The hard rules of lifestyle guidance, version 2. */
export const lifestyleRulesV2 = [planBeforeIndividualGuidance, completedOnlyAfterIntensivePhaseV2];
