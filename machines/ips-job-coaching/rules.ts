import type { MachineEventOf, StateView } from '../../src/path/index.js';
import { administrativeOutcomes, type IpsEvents } from './events.js';
import type { ipsMachineV1 } from './machine.js';

/**
 * What the rules read of a step, in every version: the states (the same in each version) and the
 * latest events, which every version 1 event is one of, so the same rule serves both versions.
 */
interface IpsStep {
  readonly from: StateView<typeof ipsMachineV1>;
  readonly event: MachineEventOf<IpsEvents>;
  readonly to: StateView<typeof ipsMachineV1>;
}

/** S1 `001_55550c4af1568658.txt`:331 and :259 — "saattaen vaihtaminen": no ending without a new plan and a support network. */
export const closingThroughHandover = {
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
  holds: ({ from, event }: IpsStep) =>
    event.type !== 'CLOSED' ||
    administrativeOutcomes.has(event.payload.outcome) ||
    (from.value === 'handover' && from.context.newPlanSecured && from.context.supportNetworkConfirmed),
} as const;

/** S1 `001_55550c4af1568658.txt`:258 — employment, work trial and rehabilitative work activity kept apart. */
export const outcomeMatchesHistory = {
  id: 'outcome-matches-history',
  name: { fi: 'lopputulos vastaa tapahtunutta', sv: 'utfallet motsvarar det som skett', en: 'outcome matches what happened' },
  sentence: {
    fi: 'Päättymissyy "työllistyi" edellyttää alkanutta työsuhdetta ja "työkokeilu" alkanutta työkokeilua.',
    sv: 'Avslutsorsaken "fick arbete" förutsätter en påbörjad anställning och "arbetsprövning" en påbörjad arbetsprövning.',
    en: 'The outcome "employed" needs an employment that started, and "work trial" a work trial that started.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '258' },
  enforcedBy: ['outcomeMatchesHistory'],
  holds: ({ from, event }: IpsStep) =>
    event.type !== 'CLOSED' ||
    ((event.payload.outcome !== 'employed' || from.context.hasBeenEmployed) &&
      (event.payload.outcome !== 'workTrial' || from.context.workTrialStarted)),
} as const;

/** S1 `001_55550c4af1568658.txt`:263 — health first: a pause returns to the phase it left. */
export const resumeReturnsToPhaseLeft = {
  id: 'resume-returns-to-phase-left',
  name: { fi: 'palataan vaiheeseen, josta lähdettiin', sv: 'tillbaka till fasen man lämnade', en: 'back to the phase left' },
  sentence: {
    fi: 'Tauon tai keskeytetyn saattaen vaihtamisen jälkeen valmennus jatkuu siinä vaiheessa, josta se jäi.',
    sv: 'Efter en paus eller en avbruten överlämning fortsätter träningen i den fas där den blev.',
    en: 'After a pause or a called-off hand-over, coaching resumes in the phase it left.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '263' },
  enforcedBy: [],
  holds: ({ from, event, to }: IpsStep) =>
    event.type !== 'RESUMED' || (typeof to.value === 'object' && 'active' in to.value && to.value.active === from.context.phaseLeft),
} as const;

/** The hard rules of IPS job coaching: the same in every version (version 2 adds no rule, S1:331 asks for a review, not a gate). */
export const ipsRules = [closingThroughHandover, outcomeMatchesHistory, resumeReturnsToPhaseLeft];
