import { definePath } from '../../src/path/index.js';
import { hostChosenServiceTask } from '../shared/serviceTasks.js';
import { lifestyleDeadlines, lifestyleDeadlinesV2 } from './deadlines.js';
import { lifestyleEvents } from './events.js';
import { lifestyleEventsV2 } from './eventsV2.js';
import { lifestyleLabels, lifestyleLabelsV2, lifestyleOutcomes } from './labels.js';
import { lifestyleMachine } from './machine.js';
import { lifestyleMachineV2 } from './machineV2.js';
import { lifestylePermissions, lifestylePermissionsV2, lifestylePerformers, lifestyleRoles } from './roles.js';
import { lifestyleRules, lifestyleRulesV2 } from './rules.js';
import { lifestyleSimulation, lifestyleSimulationV2 } from './simulation.js';

/** What both versions share: the path's name, roles, outcomes, sources and service task. */
const lifestyleCommon = {
  id: 'lifestyle-guidance',
  title: { fi: 'Elintapaohjaus', sv: 'Levnadsvanehandledning', en: 'Lifestyle guidance' },
  roles: lifestyleRoles,
  performers: lifestylePerformers,
  outcomes: lifestyleOutcomes,
  sources: [
    {
      id: 'S0',
      seed: '000_a7d8ebcb45cc7bbc.txt',
      title: 'Essote: Työkykyä ja kumppanuutta sote-keskuksesta! -hanke päättyy vuoden lopussa (2022)',
    },
    { id: 'S1', seed: '001_55550c4af1568658.txt', title: 'Essote: Työkykyohjelman hankkeiden loppuraportti' },
  ],
  serviceTask: hostChosenServiceTask,
} as const;

/**
 * Lifestyle guidance, version 1, as published: kept so that its stored cases replay exactly as they
 * did (the catalogue `builtInPathVersions` holds it). Its 12-session target counts sessions held, and
 * it asks a personal plan of every client. New cases open on {@link lifestyleGuidancePath}.
 *
 * @example
 * ```ts
 * import { createPathCatalogue } from 'kykypolku';
 * import { lifestyleGuidancePath, lifestyleGuidancePathV1 } from 'kykypolku/paths';
 *
 * const catalogue = createPathCatalogue([lifestyleGuidancePathV1, lifestyleGuidancePath]);
 * ```
 */
export const lifestyleGuidancePathV1 = definePath({
  ...lifestyleCommon,
  version: 1,
  machine: lifestyleMachine,
  events: lifestyleEvents,
  permissions: lifestylePermissions,
  labels: lifestyleLabels,
  rules: lifestyleRules,
  deadlines: lifestyleDeadlines,
  outcomeOf: ({ context }) => context.outcome ?? undefined,
  simulation: lifestyleSimulation,
  // The lifestyle coach who enrolled the client and guides the process.
  assigneeOf: (history) => history.findLast((event) => event.type === 'ENROLLED' || event.type === 'PLAN_CREATED')?.actor.id,
});

/**
 * Essote's lifestyle guidance (elintapaohjaus) for unemployed and partially work-able clients:
 * a personal plan before individual guidance, at least 12 sessions offered in three months (held,
 * or offered and not held), an intensive phase that may run longer, follow-up and final
 * measurements offered. Sources: S0 `000_a7d8ebcb45cc7bbc.txt`:13–56, S1
 * `001_55550c4af1568658.txt`:217–232; domain.md §9(d). Version 2; open version 1 cases move to it
 * unchanged (`migrations: [{ from: 1 }]`).
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
  ...lifestyleCommon,
  version: 2,
  machine: lifestyleMachineV2,
  events: lifestyleEventsV2,
  permissions: lifestylePermissionsV2,
  labels: lifestyleLabelsV2,
  rules: lifestyleRulesV2,
  deadlines: lifestyleDeadlinesV2,
  outcomeOf: ({ context }) => context.outcome ?? undefined,
  simulation: lifestyleSimulationV2,
  assigneeOf: (history) => history.findLast((event) => event.type === 'ENROLLED' || event.type === 'PLAN_CREATED')?.actor.id,
  // Every version 1 event means the same in version 2: held sessions were offered ones, and a
  // version 1 case had a plan before guidance whatever its mode.
  migrations: [{ from: 1 }],
});
