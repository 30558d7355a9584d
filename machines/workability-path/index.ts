import { definePath } from '../../src/path/index.js';
import { workabilityDeadlines } from './deadlines.js';
import { workabilityEvents } from './events.js';
import { workabilityLabels, workabilityOutcomes } from './labels.js';
import { workabilityMachine } from './machine.js';
import { workabilityPermissions, workabilityRoles } from './roles.js';
import { workabilityRules } from './rules.js';
import { workabilitySimulation } from './simulation.js';

/**
 * The Essote work-ability support path (työkyvyn tuen palvelu): initial assessment, the nurse's
 * health check, the work-ability coordinator and the work-ability doctor, with the hard rule that
 * the client's situation is mapped before the doctor's visit. Sources: S0
 * `000_a7d8ebcb45cc7bbc.txt`, S1 `001_55550c4af1568658.txt`; domain.md §9(a).
 *
 * @example
 * ```ts
 * import { openCase } from 'kykypolku';
 * import { workabilityPath } from 'kykypolku/paths';
 *
 * const caseRef = openCase(workabilityPath, { caseId: 'case-1' });
 * ```
 */
export const workabilityPath = definePath({
  id: 'workability-path',
  version: 1,
  title: { fi: 'Työkyvyn tuen palvelu', sv: 'Tjänsten för stöd för arbetsförmågan', en: 'Work-ability support service' },
  machine: workabilityMachine,
  events: workabilityEvents,
  roles: workabilityRoles,
  permissions: workabilityPermissions,
  labels: workabilityLabels,
  rules: workabilityRules,
  deadlines: workabilityDeadlines,
  outcomes: workabilityOutcomes,
  outcomeOf: ({ context }) => context.endReason ?? undefined,
  sources: [
    {
      id: 'S0',
      seed: '000_a7d8ebcb45cc7bbc.txt',
      title: 'Essote: Työkykyä ja kumppanuutta sote-keskuksesta! -hanke päättyy vuoden lopussa (2022)',
    },
    { id: 'S1', seed: '001_55550c4af1568658.txt', title: 'Essote: Työkykyohjelman hankkeiden loppuraportti' },
  ],
  simulation: workabilitySimulation,
  // The coordinator is the one who follows a case through (S1:167); before one is assigned, nobody is.
  assigneeOf: (history) => history.findLast((event) => event.type === 'COORDINATOR_ASSIGNED')?.actor.id,
});

export { workabilityEvents } from './events.js';
export { workabilityMachine, type WorkabilityContext } from './machine.js';
