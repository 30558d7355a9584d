import type { PathRule } from '../../src/path/index.js';
import type { WorkabilityEvents } from './events.js';
import type { workabilityMachine } from './machine.js';

type WorkabilityRule<TId extends string> = PathRule<typeof workabilityMachine, WorkabilityEvents, TId>;

/** S1 `001_55550c4af1568658.txt`:165 — who the service is for. */
export const eligibleAtEntry: WorkabilityRule<'eligible-at-entry'> = {
  id: 'eligible-at-entry',
  name: { fi: 'asiakas kuuluu palvelun piiriin', sv: 'klienten hör till målgruppen', en: 'client eligible' },
  sentence: {
    fi: 'Palvelu on työikäiselle, jolla ei ole työ- tai opiskeluterveydenhuoltoa ja jolla on työkyvyn haasteita.',
    sv: 'Tjänsten är för en person i arbetsför ålder som saknar företags- eller studerandehälsovård och har utmaningar med arbetsförmågan.',
    en: 'The service is for a working-age person without occupational or student health care who has work-ability challenges.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '165' },
  enforcedBy: ['clientEligible'],
  holds: ({ to }) =>
    to.value === 'opened' || (to.context.hasOccupationalOrStudentHealthCare === false && to.context.workAbilityConcern === true),
};

/** S1 `001_55550c4af1568658.txt`:185 — "the only precondition". */
export const situationMappedBeforeDoctor: WorkabilityRule<'situation-mapped-before-doctor'> = {
  id: 'situation-mapped-before-doctor',
  name: { fi: 'tilanne kartoitettu', sv: 'situationen kartlagd', en: 'situation mapped' },
  sentence: {
    fi: 'Asiakkaan tilanne on kartoitettu ja selvitetty ennen kuin lääkärin vastaanotto varataan tai pidetään.',
    sv: 'Klientens situation är kartlagd och utredd innan läkarbesöket bokas eller hålls.',
    en: "The client's situation is mapped and clarified before the doctor's visit is booked or held.",
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '185' },
  enforcedBy: ['situationMapped'],
  holds: ({ from, event, to }) =>
    (to.value !== 'doctorAssessment' || to.context.situationMapped) &&
    ((event.type !== 'DOCTOR_VISIT_BOOKED' && event.type !== 'DOCTOR_ASSESSMENT_DONE') || from.context.situationMapped),
};

/** S1 `001_55550c4af1568658.txt`:167 — the case-manager model. */
export const coordinatorCaseManagerOnlyWithoutOwnWorker: WorkabilityRule<'coordinator-case-manager-only-without-own-worker'> = {
  id: 'coordinator-case-manager-only-without-own-worker',
  name: {
    fi: 'asiakasvastaavana vain ilman sosiaalihuollon omatyöntekijää',
    sv: 'klientansvarig endast utan egen kontaktperson inom socialvården',
    en: 'case manager only without a social-care own-worker',
  },
  sentence: {
    fi: 'Työkykykoordinaattori toimii asiakasvastaavana vain asiakkaalle, jolla ei ole sosiaalihuollon omatyöntekijää.',
    sv: 'Arbetsförmågekoordinatorn är klientansvarig endast för en klient som inte har en egen kontaktperson inom socialvården.',
    en: 'The coordinator is case manager only for a client who has no social-care own-worker.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '167' },
  enforcedBy: ['caseManagerAllowed'],
  holds: ({ to }) => !(to.context.coordinatorIsCaseManager && to.context.clientHasSocialCareOwnWorker),
};

/**
 * S0 `000_a7d8ebcb45cc7bbc.txt`:133, S1 `001_55550c4af1568658.txt`:185 — after the contact comes the
 * initial assessment; only a relationship that began at a network meeting, with the coordinator
 * there, goes straight to the coordinator.
 */
export const initialAssessmentUnlessNetworkMeeting: WorkabilityRule<'initial-assessment-unless-network-meeting'> = {
  id: 'initial-assessment-unless-network-meeting',
  name: { fi: 'alkoi verkostopalaverista', sv: 'började vid ett nätverksmöte', en: 'started at a network meeting' },
  sentence: {
    fi:
      'Yhteydenoton jälkeen tehdään alkukartoitus; suoraan työkykykoordinaattorille siirrytään vain, ' +
      'jos asiakkuus alkoi verkostopalaverista.',
    sv:
      'Efter kontakten görs en inledande kartläggning; direkt till koordinatorn går man bara om klientrelationen ' +
      'började vid ett nätverksmöte.',
    en: 'After the contact comes the initial assessment; a case goes straight to the coordinator only when it began at a network meeting.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '185' },
  enforcedBy: ['cameThroughNetworkMeeting'],
  holds: ({ from, event }) =>
    event.type !== 'COORDINATOR_ASSIGNED' || from.value !== 'contacted' || from.context.route === 'networkMeeting',
};

/** The hard rules of the work-ability support path. */
export const workabilityRules = [
  eligibleAtEntry,
  situationMappedBeforeDoctor,
  coordinatorCaseManagerOnlyWithoutOwnWorker,
  initialAssessmentUnlessNetworkMeeting,
];
