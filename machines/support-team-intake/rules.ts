import type { PathRule } from '../../src/path/index.js';
import type { TeamIntakeEvents } from './events.js';
import type { teamIntakeMachine } from './machine.js';

type TeamIntakeRule<TId extends string> = PathRule<typeof teamIntakeMachine, TeamIntakeEvents, TId>;

const teamStates = new Set(['teamCase', 'supportPlanActive']);

/** S2 `002_f1ffdd193307e45a.txt`:48 — "asiakasvastaavamallin kehittäminen": a team case has a named case manager. */
export const teamCaseHasCaseManager: TeamIntakeRule<'team-case-has-case-manager'> = {
  id: 'team-case-has-case-manager',
  name: { fi: 'asiakasvastaava nimetty', sv: 'klientansvarig utsedd', en: 'case manager named' },
  sentence: {
    fi: 'Tiimin asiakkuudella on nimetty asiakasvastaava.',
    sv: 'Ett teamärende har en utsedd klientansvarig.',
    en: 'A team case has a named case manager.',
  },
  source: { seed: '002_f1ffdd193307e45a.txt', lines: '48' },
  enforcedBy: ['caseManagerNamed'],
  holds: ({ to }) => typeof to.value !== 'string' || !teamStates.has(to.value) || to.context.caseManagerNamed,
};

/**
 * Cross-organisation team work with identifiable data needs the client's consent; an anonymous
 * consultation does not. A modelling choice consistent with the consent rule of S3
 * `003_b3609eb1a20809d4.txt`:338 and the data-protection problem the seeds report (S0, S1).
 */
export const consentBeforeIdentifiableTeamWork: TeamIntakeRule<'consent-before-identifiable-team-work'> = {
  id: 'consent-before-identifiable-team-work',
  name: {
    fi: 'suostumus tai anonyymi konsultaatio',
    sv: 'samtycke eller anonym konsultation',
    en: 'consent, or an anonymous consultation',
  },
  sentence: {
    fi:
      'Asiakkaan tunnistettavat tiedot käsitellään moniammatillisessa tiimissä vain asiakkaan suostumuksella; ' +
      'anonyymi konsultaatio ei sitä vaadi.',
    sv:
      'Klientens identifierbara uppgifter behandlas i det mångprofessionella teamet endast med klientens samtycke; ' +
      'en anonym konsultation kräver det inte.',
    en:
      'The multi-professional team handles a client’s identifiable data only with the client’s consent; ' +
      'an anonymous consultation does not need it.',
  },
  source: { seed: '003_b3609eb1a20809d4.txt', lines: '338' },
  enforcedBy: ['consentForTeamWork'],
  holds: ({ from, event, to }) =>
    (event.type !== 'CONSULTED_TEAM' || event.payload.anonymous || from.context.consentGiven) &&
    (typeof to.value !== 'string' || !teamStates.has(to.value) || to.context.consentGiven),
};

/** A plan is completed only from an active support plan (modelling choice). */
export const planCompletedOnlyWithPlan: TeamIntakeRule<'plan-completed-only-with-plan'> = {
  id: 'plan-completed-only-with-plan',
  name: { fi: 'suunnitelma olemassa', sv: 'plan finns', en: 'a plan exists' },
  sentence: {
    fi: 'Asiakkuus päättyy toteutuneeseen suunnitelmaan vain, jos työkyvyn tuen suunnitelma on laadittu.',
    sv: 'Ett ärende avslutas med genomförd plan endast om en plan för stöd för arbetsförmågan har upprättats.',
    en: 'A case ends with its plan completed only if a work-ability support plan was made.',
  },
  source: { seed: '002_f1ffdd193307e45a.txt', lines: '49' },
  enforcedBy: ['notPlanCompleted'],
  holds: ({ from, event }) => event.type !== 'CLOSED' || event.payload.outcome !== 'planCompleted' || from.value === 'supportPlanActive',
};

/** The hard rules of the team intake. */
export const teamIntakeRules = [teamCaseHasCaseManager, consentBeforeIdentifiableTeamWork, planCompletedOnlyWithPlan];
