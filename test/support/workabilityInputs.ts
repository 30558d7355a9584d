import type { CaseInputOf } from 'kykypolku';
import type { workabilityPath, workabilityPathV1 } from 'kykypolku/paths';

/** Inputs of the work-ability path for tests, named after what happened. */
export type WorkabilityInput = CaseInputOf<typeof workabilityPath>;

/** Inputs of version 1 of the path, kept for its stored cases. */
export type WorkabilityV1Input = CaseInputOf<typeof workabilityPathV1>;

/** The same inputs for version 1: each is one of version 1's, except the one event version 2 added. */
export function asV1(inputs: readonly WorkabilityInput[]): WorkabilityV1Input[] {
  return inputs.map((input) => {
    if (input.type === 'NO_FURTHER_VISIT_NEEDED') throw new TypeError('NO_FURTHER_VISIT_NEEDED is not an event of version 1');
    return input;
  });
}

export const nurse = { role: 'nurse', id: 'nurse-1' } as const;
export const coordinator = { role: 'coordinator', id: 'coordinator-1' } as const;
export const doctor = { role: 'doctor', id: 'doctor-1' } as const;
export const client = { role: 'client', id: 'client-1' } as const;
export const socialWorker = { role: 'socialWorker', id: 'social-1' } as const;

let minute = 0;
/** Increasing instants, one minute apart, so the inputs of a test are always in time order. */
export function nextAt(): string {
  minute += 1;
  return new Date(Date.UTC(2025, 2, 3, 8, 0) + minute * 60_000).toISOString();
}

export const contactReceived = (
  route: 'selfBooking' | 'outreach' | 'jointReception' | 'networkMeeting' | 'internalReferral' = 'selfBooking',
): WorkabilityInput => ({
  type: 'CONTACT_RECEIVED',
  at: nextAt(),
  actor: nurse,
  payload: { route, hasOccupationalOrStudentHealthCare: false, workAbilityConcern: true },
});
export const assessmentBooked = (): WorkabilityInput => ({
  type: 'INITIAL_ASSESSMENT_BOOKED',
  at: nextAt(),
  actor: client,
  payload: { channel: 'eBooking' },
});
export const assessmentDone = (nextRole: 'nurse' | 'coordinator'): WorkabilityInput => ({
  type: 'INITIAL_ASSESSMENT_DONE',
  at: nextAt(),
  actor: nurse,
  payload: { nextRole },
});
export const healthCheckDone = (): WorkabilityInput => ({
  type: 'HEALTH_CHECK_DONE',
  at: nextAt(),
  actor: nurse,
  payload: { mode: 'clinic' },
});
export const coordinatorAssigned = (asCaseManager = true, clientHasSocialCareOwnWorker = false): WorkabilityInput => ({
  type: 'COORDINATOR_ASSIGNED',
  at: nextAt(),
  actor: coordinator,
  payload: { asCaseManager, clientHasSocialCareOwnWorker },
});
export const situationMapped = (actor: WorkabilityInput['actor'] = nurse): WorkabilityInput => ({
  type: 'SITUATION_MAPPED',
  at: nextAt(),
  actor,
});
export const doctorVisitBooked = (actor: WorkabilityInput['actor'] = nurse): WorkabilityInput => ({
  type: 'DOCTOR_VISIT_BOOKED',
  at: nextAt(),
  actor,
  payload: { visitOn: '2025-04-01' },
});
export const doctorAssessmentDone = (): WorkabilityInput => ({ type: 'DOCTOR_ASSESSMENT_DONE', at: nextAt(), actor: doctor });
export const followUpPlanMade = (): WorkabilityInput => ({ type: 'FOLLOW_UP_PLAN_MADE', at: nextAt(), actor: nurse });
export const referredOnward = (): WorkabilityInput => ({
  type: 'REFERRED_ONWARD',
  at: nextAt(),
  actor: coordinator,
  payload: { target: 'kelaVocationalRehabilitation' },
});
export const teamReviewed = (): WorkabilityInput => ({
  type: 'TEAM_REVIEWED',
  at: nextAt(),
  actor: socialWorker,
  payload: { meetingOn: '2025-03-10' },
});
export const nextAppointmentSet = (): WorkabilityInput => ({
  type: 'NEXT_APPOINTMENT_SET',
  at: nextAt(),
  actor: nurse,
  payload: { appointmentOn: '2025-03-20' },
});
export const noFurtherVisitNeeded = (actor: WorkabilityInput['actor'] = nurse): WorkabilityInput => ({
  type: 'NO_FURTHER_VISIT_NEEDED',
  at: nextAt(),
  actor,
});
export const closed = (endReason: 'employed' | 'noFurtherNeed' | 'unreachable' = 'noFurtherNeed'): WorkabilityInput => ({
  type: 'CLOSED',
  at: nextAt(),
  actor: nurse,
  payload: { endReason },
});

/** Histories that bring a case to each state, the shortest way. */
export const reach = {
  opened: (): WorkabilityInput[] => [],
  contacted: (route: Parameters<typeof contactReceived>[0] = 'selfBooking'): WorkabilityInput[] => [contactReceived(route)],
  initialAssessment: (): WorkabilityInput[] => [contactReceived(), assessmentBooked()],
  healthCheck: (): WorkabilityInput[] => [contactReceived(), assessmentBooked(), assessmentDone('nurse')],
  coordinatorSupport: (): WorkabilityInput[] => [contactReceived(), assessmentBooked(), assessmentDone('coordinator')],
  doctorAssessment: (): WorkabilityInput[] => [
    contactReceived(),
    assessmentBooked(),
    assessmentDone('nurse'),
    situationMapped(),
    doctorVisitBooked(),
  ],
  servicePlanning: (): WorkabilityInput[] => [contactReceived(), assessmentBooked(), assessmentDone('nurse'), followUpPlanMade()],
  closed: (): WorkabilityInput[] => [contactReceived(), closed()],
};
