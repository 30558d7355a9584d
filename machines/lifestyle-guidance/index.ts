import { definePath } from '../../src/path/index.js';
import { lifestyleDeadlines } from './deadlines.js';
import { lifestyleEvents } from './events.js';
import { lifestyleLabels, lifestyleOutcomes } from './labels.js';
import { lifestyleMachine } from './machine.js';
import { lifestylePermissions, lifestylePerformers, lifestyleRoles } from './roles.js';
import { lifestyleRules } from './rules.js';
import { lifestyleSimulation } from './simulation.js';
import { hostChosenServiceTask } from '../shared/serviceTasks.js';

/**
 * Essote's lifestyle guidance (elintapaohjaus) for unemployed and partially work-able clients:
 * a personal plan before guidance, at least 12 sessions offered in three months, an intensive phase
 * that may run longer, follow-up and final measurements. Sources: S0 `000_a7d8ebcb45cc7bbc.txt`:13–56,
 * S1 `001_55550c4af1568658.txt`:217–232; domain.md §9(d).
 *
 * @example
 * ```ts
 * import { openCase } from 'kykypolku';
 * import { lifestyleGuidancePath } from 'kykypolku/paths';
 *
 * const caseRef = openCase(lifestyleGuidancePath, { caseId: 'lifestyle-1' });
 * ```
 */
export const lifestyleGuidancePath = definePath({
  id: 'lifestyle-guidance',
  version: 1,
  title: { fi: 'Elintapaohjaus', sv: 'Levnadsvanehandledning', en: 'Lifestyle guidance' },
  machine: lifestyleMachine,
  events: lifestyleEvents,
  roles: lifestyleRoles,
  permissions: lifestylePermissions,
  performers: lifestylePerformers,
  labels: lifestyleLabels,
  rules: lifestyleRules,
  deadlines: lifestyleDeadlines,
  outcomes: lifestyleOutcomes,
  outcomeOf: ({ context }) => context.outcome ?? undefined,
  sources: [
    {
      id: 'S0',
      seed: '000_a7d8ebcb45cc7bbc.txt',
      title: 'Essote: Työkykyä ja kumppanuutta sote-keskuksesta! -hanke päättyy vuoden lopussa (2022)',
    },
    { id: 'S1', seed: '001_55550c4af1568658.txt', title: 'Essote: Työkykyohjelman hankkeiden loppuraportti' },
  ],
  serviceTask: hostChosenServiceTask,
  simulation: lifestyleSimulation,
  // The lifestyle coach who enrolled the client and guides the process.
  assigneeOf: (history) => history.findLast((event) => event.type === 'ENROLLED' || event.type === 'PLAN_CREATED')?.actor.id,
});
