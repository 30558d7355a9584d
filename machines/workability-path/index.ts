import { definePath } from '../../src/path/index.js';
import { workabilityIndicators } from './indicators.js';
import { workabilityDeadlines, workabilityDeadlinesV2 } from './deadlines.js';
import { workabilityEvents, workabilityEventsV2 } from './events.js';
import { workabilityLabels, workabilityLabelsV2, workabilityOutcomes } from './labels.js';
import { type WorkabilityContext, workabilityMachine } from './machine.js';
import { workabilityMachineV2 } from './machineV2.js';
import { workabilityMigrationsV2 } from './migrations.js';
import { workabilityPermissions, workabilityPermissionsV2, workabilityRoles } from './roles.js';
import { workabilityRules, workabilityRulesV2 } from './rules.js';
import { workabilitySimulation, workabilitySimulationV2 } from './simulation.js';
import { employmentSupportServiceTask } from '../shared/serviceTasks.js';

/** What every version of the path shares: its id, name, roles, end reasons and seeds. */
const shared = {
  id: 'workability-path',
  title: { fi: 'Työkyvyn tuen palvelu', sv: 'Tjänsten för stöd för arbetsförmågan', en: 'Work-ability support service' },
  roles: workabilityRoles,
  outcomes: workabilityOutcomes,
  outcomeOf: ({ context }: { readonly context: WorkabilityContext }) => context.endReason ?? undefined,
  sources: [
    {
      id: 'S0',
      seed: '000_a7d8ebcb45cc7bbc.txt',
      title: 'Essote: Työkykyä ja kumppanuutta sote-keskuksesta! -hanke päättyy vuoden lopussa (2022)',
    },
    { id: 'S1', seed: '001_55550c4af1568658.txt', title: 'Essote: Työkykyohjelman hankkeiden loppuraportti' },
  ],
  serviceTask: employmentSupportServiceTask,
  // The coordinator is the one who follows a case through (S1:167); before one is assigned, nobody is.
  assigneeOf: (history: readonly { readonly type: string; readonly actor: { readonly id: string } }[]) =>
    history.findLast((event) => event.type === 'COORDINATOR_ASSIGNED')?.actor.id,
} as const;

/**
 * Version 1 of the Essote work-ability support path, as it was published: kept unchanged so that the cases
 * recorded under it replay as they did (closed ones for good, open ones until they move to version 2). Give it,
 * with {@link workabilityPath}, to the catalogue of a store that holds version-1 cases (`builtInPathVersions`).
 *
 * @example
 * ```ts
 * import { createPathCatalogue } from 'kykypolku';
 * import { workabilityPath, workabilityPathV1 } from 'kykypolku/paths';
 *
 * const catalogue = createPathCatalogue([workabilityPathV1, workabilityPath]);
 * ```
 */
export const workabilityPathV1 = definePath({
  ...shared,
  version: 1,
  machine: workabilityMachine,
  events: workabilityEvents,
  permissions: workabilityPermissions,
  labels: workabilityLabels,
  rules: workabilityRules,
  deadlines: workabilityDeadlines,
  simulation: workabilitySimulation,
});

/**
 * The Essote work-ability support path (työkyvyn tuen palvelu), version 2: initial assessment, the nurse's
 * health check, the work-ability coordinator and the work-ability doctor, with the hard rules that the client's
 * situation is mapped before the doctor's visit and that every case past the coordinator's assignment has
 * exactly one case manager; a professional can record that no further visit is needed. Sources: S0
 * `000_a7d8ebcb45cc7bbc.txt`, S1 `001_55550c4af1568658.txt`; domain.md §9(a). Open version-1 cases move to it
 * (`migrations`).
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
  ...shared,
  version: 2,
  indicators: workabilityIndicators,
  machine: workabilityMachineV2,
  events: workabilityEventsV2,
  permissions: workabilityPermissionsV2,
  labels: workabilityLabelsV2,
  rules: workabilityRulesV2,
  deadlines: workabilityDeadlinesV2,
  simulation: workabilitySimulationV2,
  migrations: workabilityMigrationsV2,
});

export { workabilityEvents, workabilityEventsV2 } from './events.js';
export { workabilityMachine, type WorkabilityContext } from './machine.js';
export { workabilityMachineV2 } from './machineV2.js';
