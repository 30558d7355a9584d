import { definePath } from '../../src/path/index.js';
import { coordinatorDeadlines } from './deadlines.js';
import { coordinatorEvents } from './events.js';
import { coordinatorLabels, coordinatorOutcomes } from './labels.js';
import { coordinatorMachine } from './machine.js';
import { coordinatorPermissions, coordinatorPerformers, coordinatorRoles } from './roles.js';
import { coordinatorRules } from './rules.js';
import { coordinatorSimulation } from './simulation.js';
import { hostChosenServiceTask } from '../shared/serviceTasks.js';

/**
 * The Eksote (Etelä-Karjala) work-ability coordinator service: a personal coordinator walks alongside
 * an unemployed client during the first 12 months of unemployment, with consent before network work
 * and a functional capacity assessment before employment-promoting services. Sources: S3
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
  id: 'coordinator-service',
  version: 1,
  title: { fi: 'Työkykykoordinaattoripalvelu', sv: 'Arbetsförmågekoordinatortjänsten', en: 'Work-ability coordinator service' },
  machine: coordinatorMachine,
  events: coordinatorEvents,
  roles: coordinatorRoles,
  permissions: coordinatorPermissions,
  performers: coordinatorPerformers,
  labels: coordinatorLabels,
  rules: coordinatorRules,
  deadlines: coordinatorDeadlines,
  outcomes: coordinatorOutcomes,
  outcomeOf: ({ context }) => context.exit ?? undefined,
  sources: [
    {
      id: 'S3',
      seed: '003_b3609eb1a20809d4.txt',
      title: 'Socomin aamukahveilla 16.2.2023: Työ- ja toimintakyvyn tuen ekosysteemimäisen mallin kehittäminen (Eksote)',
    },
    { id: 'S4', seed: '004_23d4cbe064c012a3.txt', title: 'Innokylä: Työtä – Etelä-Karjalan osatyökykyisten työkykyohjelma 2020–2022' },
  ],
  serviceTask: hostChosenServiceTask,
  simulation: coordinatorSimulation,
  // The coordinator who walks alongside: the last coordinator to record on the case.
  assigneeOf: (history) => history.findLast((event) => event.actor.role === 'coordinator')?.actor.id,
});
