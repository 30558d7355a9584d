import type { PathRule } from '../../src/path/index.js';
import type { WorkabilityEvents, WorkabilityEventsV2 } from './events.js';
import type { sharedGuards, WorkabilityContext, workabilityMachine } from './machine.js';
import type { workabilityMachineV2 } from './machineV2.js';

type WorkabilityRule<TId extends string> = PathRule<typeof workabilityMachine, WorkabilityEvents, TId>;
type WorkabilityRuleV2<TId extends string> = PathRule<typeof workabilityMachineV2, WorkabilityEventsV2, TId>;

/** A state as the rules both versions share read it (both versions keep the same context). */
interface SharedView {
  readonly value: unknown;
  readonly context: WorkabilityContext;
}

/**
 * A rule both versions share: it reads only what both versions' steps have, so it is a rule of each version
 * (a version-1 rule as such is not one of version 2, whose events are more).
 */
interface SharedRule<TId extends string> extends Omit<WorkabilityRule<TId>, 'holds' | 'enforcedBy'> {
  readonly enforcedBy: readonly (keyof typeof sharedGuards)[];
  holds(step: { readonly from: SharedView; readonly event: { readonly type: string }; readonly to: SharedView }): boolean;
}

/** S1 `001_55550c4af1568658.txt`:165 — who the service is for. */
export const eligibleAtEntry: SharedRule<'eligible-at-entry'> = {
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
export const situationMappedBeforeDoctor: SharedRule<'situation-mapped-before-doctor'> = {
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
export const initialAssessmentUnlessNetworkMeeting: SharedRule<'initial-assessment-unless-network-meeting'> = {
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

/** The hard rules of the work-ability support path (version 1). */
export const workabilityRules = [
  eligibleAtEntry,
  situationMappedBeforeDoctor,
  coordinatorCaseManagerOnlyWithoutOwnWorker,
  initialAssessmentUnlessNetworkMeeting,
];

/**
 * S1 `001_55550c4af1568658.txt`:167, "Työkykykoordinaattori toimii niiden asiakkaiden asiakasvastaavana, joilla ei
 * ole sosiaalihuollon omatyöntekijää", read both ways: without an own-worker the coordinator *is* the case
 * manager; with one, the own-worker is and the coordinator is not. So every case past the coordinator's
 * assignment has exactly one case manager. The two flags change only on `COORDINATOR_ASSIGNED`, so checking each
 * assignment keeps the invariant in every later state. Version 2.
 */
export const exactlyOneCaseManager: WorkabilityRuleV2<'exactly-one-case-manager'> = {
  id: 'exactly-one-case-manager',
  name: {
    fi: 'yksi asiakasvastaava: koordinaattori tai omatyöntekijä',
    sv: 'en klientansvarig: koordinatorn eller den egna kontaktpersonen',
    en: 'one case manager: the coordinator or the own-worker',
  },
  sentence: {
    fi:
      'Työkykykoordinaattorin nimeämisestä lähtien asiakkaalla on täsmälleen yksi asiakasvastaava: työkykykoordinaattori, ' +
      'jos asiakkaalla ei ole sosiaalihuollon omatyöntekijää, muuten omatyöntekijä.',
    sv:
      'Från det att arbetsförmågekoordinatorn utses har klienten exakt en klientansvarig: koordinatorn, om klienten ' +
      'inte har en egen kontaktperson inom socialvården, annars den egna kontaktpersonen.',
    en:
      'From the coordinator’s assignment on, the client has exactly one case manager: the coordinator when the client ' +
      'has no social-care own-worker, otherwise the own-worker.',
  },
  source: { seed: '001_55550c4af1568658.txt', lines: '167' },
  enforcedBy: ['caseManagerAllowed'],
  holds: ({ event, to }) =>
    event.type !== 'COORDINATOR_ASSIGNED' || to.context.coordinatorIsCaseManager !== to.context.clientHasSocialCareOwnWorker,
};

/**
 * The hard rules of version 2: version 1's, with `coordinator-case-manager-only-without-own-worker` replaced by
 * `exactly-one-case-manager`, which says all it said (no coordinator as case manager beside an own-worker) and
 * its other half (no case without a case manager). One guard enforces both halves, and a refusal names one rule.
 */
export const workabilityRulesV2 = [
  eligibleAtEntry,
  situationMappedBeforeDoctor,
  exactlyOneCaseManager,
  initialAssessmentUnlessNetworkMeeting,
];
