import type { PathRule } from '../../src/path/index.js';
import { administrativeOutcomes, type IpsEvents } from './events.js';
import type { ipsMachine } from './machine.js';

type IpsRule<TId extends string> = PathRule<typeof ipsMachine, IpsEvents, TId>;

/** S1 `001_55550c4af1568658.txt`:331 and :259 — "saattaen vaihtaminen": no ending without a new plan and a support network. */
export const closingThroughHandover: IpsRule<'closing-through-handover'> = {
  id: 'closing-through-handover',
  name: {
    fi: 'uusi suunnitelma ja tukiverkosto varmistettu',
    sv: 'ny plan och stödnätverk säkrade',
    en: 'new plan and support network secured',
  },
  sentence: {
    fi:
      'Työhönvalmennus päättyy vain niin, että asiakkaalla on uudet suunnitelmat ja tukiverkosto varmistettuna ' +
      '(hallinnollisia päättymisiä lukuun ottamatta).',
    sv: 'Arbetsträningen avslutas endast när klienten har nya planer och ett säkrat stödnätverk (utom vid administrativa avslut).',
    en: 'Job coaching ends only when the client has a new plan and a secured support network (administrative closures aside).',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '331' },
  enforcedBy: ['handoverComplete', 'administrativeClosure'],
  holds: ({ from, event }) =>
    event.type !== 'CLOSED' ||
    administrativeOutcomes.has(event.payload.outcome) ||
    (from.value === 'handover' && from.context.newPlanSecured && from.context.supportNetworkConfirmed),
};

/** S1 `001_55550c4af1568658.txt`:258 — employment, work trial and rehabilitative work activity kept apart. */
export const outcomeMatchesHistory: IpsRule<'outcome-matches-history'> = {
  id: 'outcome-matches-history',
  name: { fi: 'lopputulos vastaa tapahtunutta', sv: 'utfallet motsvarar det som skett', en: 'outcome matches what happened' },
  sentence: {
    fi: 'Päättymissyy "työllistyi" edellyttää alkanutta työsuhdetta ja "työkokeilu" alkanutta työkokeilua.',
    sv: 'Avslutsorsaken "fick arbete" förutsätter en påbörjad anställning och "arbetsprövning" en påbörjad arbetsprövning.',
    en: 'The outcome "employed" needs an employment that started, and "work trial" a work trial that started.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '258' },
  enforcedBy: ['outcomeMatchesHistory'],
  holds: ({ from, event }) =>
    event.type !== 'CLOSED' ||
    ((event.payload.outcome !== 'employed' || from.context.hasBeenEmployed) &&
      (event.payload.outcome !== 'workTrial' || from.context.workTrialStarted)),
};

/** S1 `001_55550c4af1568658.txt`:263 — health first: a pause returns to the phase it left. */
export const resumeReturnsToPhaseLeft: IpsRule<'resume-returns-to-phase-left'> = {
  id: 'resume-returns-to-phase-left',
  name: { fi: 'palataan vaiheeseen, josta lähdettiin', sv: 'tillbaka till fasen man lämnade', en: 'back to the phase left' },
  sentence: {
    fi: 'Tauon tai keskeytetyn saattaen vaihtamisen jälkeen valmennus jatkuu siinä vaiheessa, josta se jäi.',
    sv: 'Efter en paus eller en avbruten överlämning fortsätter träningen i den fas där den blev.',
    en: 'After a pause or a called-off hand-over, coaching resumes in the phase it left.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '263' },
  enforcedBy: [],
  holds: ({ from, event, to }) =>
    event.type !== 'RESUMED' || (typeof to.value === 'object' && 'active' in to.value && to.value.active === from.context.phaseLeft),
};

/** The hard rules of IPS job coaching. */
export const ipsRules = [closingThroughHandover, outcomeMatchesHistory, resumeReturnsToPhaseLeft];
