import { addDays, addMonths, type DeadlineRule } from '../../src/path/index.js';
import type { WorkabilityEvents, WorkabilityEventsV2 } from './events.js';
import type { workabilityMachine } from './machine.js';
import type { workabilityMachineV2 } from './machineV2.js';
import type { WorkabilityRole } from './roles.js';

type WorkabilityDeadline<TId extends string> = DeadlineRule<typeof workabilityMachine, WorkabilityEvents, WorkabilityRole, TId>;
type WorkabilityDeadlineV2<TId extends string> = DeadlineRule<typeof workabilityMachineV2, WorkabilityEventsV2, WorkabilityRole, TId>;

/** A deadline both versions share: it reads only what both versions' histories have. */
interface SharedDeadline<TId extends string> extends Omit<WorkabilityDeadline<TId>, 'dueAt'> {
  dueAt(history: readonly { readonly type: string; readonly at: string }[], state: { readonly value: unknown }): string | undefined;
}

/** The events that are a service given to the client (a visit or the coordinator taking over). */
const serviceEvents = new Set(['INITIAL_ASSESSMENT_DONE', 'HEALTH_CHECK_DONE', 'COORDINATOR_ASSIGNED', 'DOCTOR_ASSESSMENT_DONE']);

/** The events that set the client's next appointment. */
const appointmentEvents = new Set(['NEXT_APPOINTMENT_SET', 'INITIAL_ASSESSMENT_BOOKED', 'DOCTOR_VISIT_BOOKED']);

/**
 * S0 `000_a7d8ebcb45cc7bbc.txt`:119 — "palvelun saatavuus kuukauden sisällä": the first service
 * within one calendar month of the contact. A target, not a guard.
 */
export const firstServiceWithinOneMonth: SharedDeadline<'first-service-within-one-month'> = {
  id: 'first-service-within-one-month',
  label: {
    fi: 'Ensimmäinen palvelu kuukauden sisällä yhteydenotosta',
    sv: 'Första tjänsten inom en månad från kontakten',
    en: 'First service within one month of contact',
  },
  source: { seed: '000_a7d8ebcb45cc7bbc.txt', lines: '119' },
  kind: 'target',
  dueAt: (history, state) => {
    if (state.value === 'closed') return undefined;
    const contact = history.find((event) => event.type === 'CONTACT_RECEIVED');
    if (!contact || history.some((event) => serviceEvents.has(event.type))) return undefined;
    return addMonths(contact.at, 1);
  },
};

/**
 * Due one day after the latest service (recording lag), unless one of `clearing` has been recorded since it, or
 * the case has closed.
 */
function dueAfterLastService(history: readonly { readonly type: string; readonly at: string }[], clearing: ReadonlySet<string>) {
  for (let index = history.length - 1; index >= 0; index--) {
    const event = history[index]!;
    if (clearing.has(event.type)) return undefined;
    if (serviceEvents.has(event.type)) return addDays(event.at, 1);
  }
  return undefined;
}

/**
 * S0 `000_a7d8ebcb45cc7bbc.txt`:133 — the next appointment is given already at the previous
 * contact. Due one day after a service (recording lag) unless an appointment has been set since,
 * or the case has closed. Version 1: frozen, its stored cases keep their targets.
 */
export const nextAppointmentSet: WorkabilityDeadline<'next-appointment-set'> = {
  id: 'next-appointment-set',
  label: { fi: 'Seuraava aika annettu käynnillä', sv: 'Nästa tid given vid besöket', en: 'Next appointment given at the visit' },
  source: { seed: '000_a7d8ebcb45cc7bbc.txt', lines: '133' },
  kind: 'target',
  dueAt: (history, state) => (state.value === 'closed' ? undefined : dueAfterLastService(history, appointmentEvents)),
};

/** Version 2 also clears the target on `NO_FURTHER_VISIT_NEEDED`. */
const appointmentOrNoneNeeded = new Set([...appointmentEvents, 'NO_FURTHER_VISIT_NEEDED']);

/**
 * S0 `000_a7d8ebcb45cc7bbc.txt`:133 — "Asiakkaalle pyritään aina antamaan seuraava ajanvaraus (jos se on
 * tarpeen) edeltävällä yhteydenotolla": the next appointment is given at the previous contact *if one is
 * needed*. Version 2: due one day after a service unless an appointment has been set since, or the
 * professional has recorded that no further visit is needed (`NO_FURTHER_VISIT_NEEDED`), or the case has closed.
 */
export const nextAppointmentSetV2: WorkabilityDeadlineV2<'next-appointment-set'> = {
  ...nextAppointmentSet,
  label: {
    fi: 'Seuraava aika annettu käynnillä, jos käyntiä tarvitaan',
    sv: 'Nästa tid given vid besöket, om ett besök behövs',
    en: 'Next appointment given at the visit, if a visit is needed',
  },
  dueAt: (history, state) => (state.value === 'closed' ? undefined : dueAfterLastService(history, appointmentOrNoneNeeded)),
};

/** The deadlines of the work-ability support path (version 1). */
export const workabilityDeadlines = [firstServiceWithinOneMonth, nextAppointmentSet];

/** The deadlines of version 2: the first-service target as before, the next-appointment target cleared when none is needed. */
export const workabilityDeadlinesV2 = [
  firstServiceWithinOneMonth as WorkabilityDeadlineV2<'first-service-within-one-month'>,
  nextAppointmentSetV2,
];
