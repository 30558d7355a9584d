import type { PathIndicator } from '../../src/path/index.js';
import type { teamIntakeEvents } from './events.js';

type TeamIntakeEventType = keyof typeof teamIntakeEvents & string;

/** The indicators of the support-team intake: the funnel from the intake service to the team (S2:72). */
export const teamIntakeIndicators = [
  {
    id: 'intake-to-team',
    kind: 'share',
    name: { fi: 'Alkupalvelusta tiimiin', sv: 'Från inledande tjänst till teamet', en: 'From intake to the team' },
    definition: {
      fi: 'Alkupalveluun ohjautuneista se osuus, joka eteni työkyvyn tuen tiimiin.',
      sv: 'Av dem som kom till den inledande tjänsten, andelen som gick vidare till teamet för stöd för arbetsförmågan.',
      en: 'Of the clients who came to the intake service, the share who went on to the work-ability support team.',
    },
    source: { seed: '002_f1ffdd193307e45a.txt', lines: '72' },
    period: { by: 'event', event: { type: 'INTAKE_STARTED' } },
    numerator: { type: 'REFERRED_TO_TEAM' },
    seedFigure: {
      value: 14 / 40,
      note: {
        fi: 'Sampoharju: 40 alkupalvelussa, 14 tiimiin (S2:72)',
        sv: 'Sampoharju: 40 i inledande tjänst, 14 till teamet (S2:72)',
        en: 'Sampoharju: 40 in intake, 14 to the team (S2:72)',
      },
    },
  },
] as const satisfies readonly PathIndicator<TeamIntakeEventType>[];
