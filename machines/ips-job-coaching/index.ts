import { definePath } from '../../src/path/index.js';
import { ipsDeadlines } from './deadlines.js';
import { ipsEvents } from './events.js';
import { ipsLabels, ipsOutcomes } from './labels.js';
import { ipsMachine } from './machine.js';
import { ipsPermissions, ipsPerformers, ipsRoles } from './roles.js';
import { ipsRules } from './rules.js';
import { ipsSimulation } from './simulation.js';
import { employmentSupportServiceTask } from '../shared/serviceTasks.js';

/**
 * IPS five-phase job coaching ("Sijoita ja valmenna!", laatukriteereihin perustuva työhönvalmennus)
 * as Essote ran it: engagement, vocational profiling, job search and employer engagement, on- and
 * off-job support; non-linear, unlimited in time, ended only through an accompanied hand-over.
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
  id: 'ips-job-coaching',
  version: 1,
  title: { fi: 'IPS-työhönvalmennus', sv: 'IPS-jobbcoachning', en: 'IPS job coaching' },
  machine: ipsMachine,
  events: ipsEvents,
  roles: ipsRoles,
  permissions: ipsPermissions,
  performers: ipsPerformers,
  labels: ipsLabels,
  rules: ipsRules,
  deadlines: ipsDeadlines,
  outcomes: ipsOutcomes,
  outcomeOf: ({ context }) => context.outcome ?? undefined,
  sources: [{ id: 'S1', seed: '001_55550c4af1568658.txt', title: 'Essote: Työkykyohjelman hankkeiden loppuraportti' }],
  serviceTask: employmentSupportServiceTask,
  simulation: ipsSimulation,
  // The coach is the client's own worker (S1:242): the last coach who took the client.
  assigneeOf: (history) => history.findLast((event) => event.type === 'COACH_ASSIGNED')?.actor.id,
});
