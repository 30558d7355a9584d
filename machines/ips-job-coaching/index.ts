import { definePath } from '../../src/path/index.js';
import { ipsIndicators } from './indicators.js';
import { ipsDeadlines, ipsDeadlinesV1 } from './deadlines.js';
import { ipsEvents, ipsEventsV2 } from './events.js';
import { ipsLabels, ipsLabelsV1, ipsOutcomes } from './labels.js';
import { ipsMachine, ipsMachineV1 } from './machine.js';
import { ipsPermissions, ipsPermissionsV1, ipsPerformers, ipsRoles } from './roles.js';
import { ipsRules } from './rules.js';
import { ipsSimulation, ipsSimulationV1 } from './simulation.js';
import { employmentSupportServiceTask } from '../shared/serviceTasks.js';

/** The parts every version shares. */
const shared = {
  id: 'ips-job-coaching',
  title: { fi: 'IPS-työhönvalmennus', sv: 'IPS-jobbcoachning', en: 'IPS job coaching' },
  roles: ipsRoles,
  performers: ipsPerformers,
  rules: ipsRules,
  outcomes: ipsOutcomes,
  sources: [{ id: 'S1', seed: '001_55550c4af1568658.txt', title: 'Essote: Työkykyohjelman hankkeiden loppuraportti' }],
  serviceTask: employmentSupportServiceTask,
} as const;

/**
 * Version 1 of IPS job coaching, kept for the cases recorded under it: no review with the referrer.
 * Its parts are the `…V1` ones, frozen: a published version replays its cases as it always did.
 *
 * @example
 * ```ts
 * import { createPathCatalogue } from 'kykypolku';
 * import { ipsJobCoachingPath, ipsJobCoachingPathV1 } from 'kykypolku/paths';
 *
 * const catalogue = createPathCatalogue([ipsJobCoachingPathV1, ipsJobCoachingPath]);
 * ```
 */
export const ipsJobCoachingPathV1 = definePath({
  ...shared,
  version: 1,
  machine: ipsMachineV1,
  events: ipsEvents,
  permissions: ipsPermissionsV1,
  labels: ipsLabelsV1,
  deadlines: ipsDeadlinesV1,
  outcomeOf: ({ context }) => context.outcome ?? undefined,
  simulation: ipsSimulationV1,
  // The coach is the client's own worker (S1:242): the last coach who took the client.
  assigneeOf: (history) => history.findLast((event) => event.type === 'COACH_ASSIGNED')?.actor.id,
});

/**
 * IPS five-phase job coaching ("Sijoita ja valmenna!", laatukriteereihin perustuva työhönvalmennus)
 * as Essote ran it: engagement, vocational profiling, job search and employer engagement, on- and
 * off-job support; non-linear, unlimited in time, ended only through an accompanied hand-over. Version 2
 * adds the review with the referrer when the case has not moved for a while (S1:331).
 * Sources: S1 `001_55550c4af1568658.txt`:240–263, 331; domain.md §1, §9(b). The coach's caseload is
 * checked by the host with `checkCaseload`, not by the path.
 *
 * @example
 * ```ts
 * import { openCase } from 'kykypolku';
 * import { ipsJobCoachingPath } from 'kykypolku/paths';
 *
 * const caseRef = openCase(ipsJobCoachingPath, { caseId: 'ips-1' });
 * ```
 */
export const ipsJobCoachingPath = definePath({
  ...shared,
  version: 2,
  indicators: ipsIndicators,
  machine: ipsMachine,
  events: ipsEventsV2,
  permissions: ipsPermissions,
  labels: ipsLabels,
  deadlines: ipsDeadlines,
  outcomeOf: ({ context }) => context.outcome ?? undefined,
  simulation: ipsSimulation,
  assigneeOf: (history) => history.findLast((event) => event.type === 'COACH_ASSIGNED')?.actor.id,
  // Every version 1 event means the same under version 2: an open case moves as it is.
  migrations: [{ from: 1 }],
});
