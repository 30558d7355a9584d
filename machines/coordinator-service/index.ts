import { definePath } from '../../src/path/index.js';
import { coordinatorIndicators } from './indicators.js';
import { coordinatorDeadlines, coordinatorDeadlinesV1 } from './deadlines.js';
import { coordinatorEvents, coordinatorEventsV2 } from './events.js';
import { coordinatorLabels, coordinatorLabelsV1, coordinatorOutcomes } from './labels.js';
import { coordinatorMachine, coordinatorMachineV1 } from './machine.js';
import { coordinatorPermissions, coordinatorPerformers, coordinatorRoles } from './roles.js';
import { coordinatorRules, coordinatorRulesV1 } from './rules.js';
import { coordinatorSimulation, coordinatorSimulationV1 } from './simulation.js';
import { hostChosenServiceTask } from '../shared/serviceTasks.js';

const sources = [
  {
    id: 'S3',
    seed: '003_b3609eb1a20809d4.txt',
    title: 'Socomin aamukahveilla 16.2.2023: Työ- ja toimintakyvyn tuen ekosysteemimäisen mallin kehittäminen (Eksote)',
  },
  { id: 'S4', seed: '004_23d4cbe064c012a3.txt', title: 'Innokylä: Työtä – Etelä-Karjalan osatyökykyisten työkykyohjelma 2020–2022' },
];

/** The parts every version shares. */
const shared = {
  id: 'coordinator-service',
  title: { fi: 'Työkykykoordinaattoripalvelu', sv: 'Arbetsförmågekoordinatortjänsten', en: 'Work-ability coordinator service' },
  roles: coordinatorRoles,
  permissions: coordinatorPermissions,
  performers: coordinatorPerformers,
  outcomes: coordinatorOutcomes,
  sources,
  serviceTask: hostChosenServiceTask,
  // Consent per network partner (S3 `003_b3609eb1a20809d4.txt`:338): a partner organisation may read
  // the case while the consent naming its kind is in force (the host maps kinds to organisations).
  consent: { given: 'CONSENT_GIVEN', withdrawn: 'CONSENT_WITHDRAWN', scope: 'scope' },
} as const;

/**
 * Version 1 of the coordinator service, kept for the cases recorded under it: only a client
 * unemployed under 12 months passes the eligibility check, and no follow-up of a referral is due.
 * Its parts are the `…V1` ones, frozen: a published version replays its cases as it always did.
 *
 * @example
 * ```ts
 * import { createPathCatalogue } from 'kykypolku';
 * import { coordinatorServicePath, coordinatorServicePathV1 } from 'kykypolku/paths';
 *
 * const catalogue = createPathCatalogue([coordinatorServicePathV1, coordinatorServicePath]);
 * ```
 */
export const coordinatorServicePathV1 = definePath({
  ...shared,
  version: 1,
  machine: coordinatorMachineV1,
  events: coordinatorEvents,
  labels: coordinatorLabelsV1,
  rules: coordinatorRulesV1,
  deadlines: coordinatorDeadlinesV1,
  outcomeOf: ({ context }) => context.exit ?? undefined,
  simulation: coordinatorSimulationV1,
  // The coordinator who walks alongside: the last coordinator to record on the case.
  assigneeOf: (history) => history.findLast((event) => event.actor.role === 'coordinator')?.actor.id,
});

/**
 * The Eksote (Etelä-Karjala) work-ability coordinator service: a personal coordinator walks alongside
 * an unemployed client during the first 12 months of unemployment, with consent before network work
 * and a functional capacity assessment before employment-promoting services. Version 2 also admits a
 * disability pensioner without months of unemployment (S3:362) and a client for whom TYP does not
 * suit (S3:573), and asks for a follow-up after each referral (S3:231). Sources: S3
 * `003_b3609eb1a20809d4.txt`:227–460, 565–573; S4 `004_23d4cbe064c012a3.txt`; domain.md §9(c).
 *
 * @example
 * ```ts
 * import { openCase } from 'kykypolku';
 * import { coordinatorServicePath } from 'kykypolku/paths';
 *
 * const caseRef = openCase(coordinatorServicePath, { caseId: 'ekhva-1' });
 * ```
 */
export const coordinatorServicePath = definePath({
  ...shared,
  version: 2,
  indicators: coordinatorIndicators,
  machine: coordinatorMachine,
  events: coordinatorEventsV2,
  labels: coordinatorLabels,
  rules: coordinatorRules,
  deadlines: coordinatorDeadlines,
  outcomeOf: ({ context }) => context.exit ?? undefined,
  simulation: coordinatorSimulation,
  assigneeOf: (history) => history.findLast((event) => event.actor.role === 'coordinator')?.actor.id,
  // Every version 1 event means the same under version 2: an open case moves as it is.
  migrations: [{ from: 1 }],
});
