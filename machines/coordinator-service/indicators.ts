import type { PathIndicator } from '../../src/path/index.js';
import type { coordinatorEvents } from './events.js';

type CoordinatorEventType = keyof typeof coordinatorEvents & string;

/**
 * The indicators of the coordinator service: its exits (S3:433–437), the three the client's own
 * words name and those that close the case at the eligibility check or by the closing event.
 */
export const coordinatorIndicators = [
  {
    id: 'coordinator-exits',
    kind: 'distribution',
    outcomes: true,
    name: { fi: 'Palvelusta poistuminen', sv: 'Utträden ur tjänsten', en: 'Exits from the service' },
    definition: {
      fi: 'Kauden aikana päättyneet asiakkuudet poistumisen tavan mukaan.',
      sv: 'Klientskap som avslutats under perioden, efter sätt att lämna tjänsten.',
      en: 'The cases closed in the period, by the way the client left the service.',
    },
    source: { seed: '003_b3609eb1a20809d4.txt', lines: '433-437' },
    period: { by: 'closing' },
    categories: [
      { event: { type: 'CLOSED' }, field: 'exit' },
      { event: { type: 'CLIENT_COPES_INDEPENDENTLY' }, category: 'independent' },
      { event: { type: 'TYP_CRITERIA_MET' }, category: 'transferredToTyp' },
      {
        event: { type: 'ELIGIBILITY_FAILED', where: { field: 'reason', equals: ['unemployedOver12Months'] } },
        category: 'redirectedToTyp',
      },
      { event: { type: 'ELIGIBILITY_FAILED', where: { field: 'reason', equals: ['notInTargetGroup'] } }, category: 'notInTargetGroup' },
    ],
  },
] as const satisfies readonly PathIndicator<CoordinatorEventType>[];
