import { addDays, addMonths, type DeadlineRule } from '../../src/path/index.js';
import type { WorkabilityEvents } from './events.js';
import type { workabilityMachine } from './machine.js';
import type { WorkabilityRole } from './roles.js';

type WorkabilityDeadline<TId extends string> = DeadlineRule<typeof workabilityMachine, WorkabilityEvents, WorkabilityRole, TId>;

/** The events that are a service given to the client (a visit or the coordinator taking over). */
const serviceEvents = new Set(['INITIAL_ASSESSMENT_DONE', 'HEALTH_CHECK_DONE', 'COORDINATOR_ASSIGNED', 'DOCTOR_ASSESSMENT_DONE']);

/** The events that set the client's next appointment. */
const appointmentEvents = new Set(['NEXT_APPOINTMENT_SET', 'INITIAL_ASSESSMENT_BOOKED', 'DOCTOR_VISIT_BOOKED']);

/**
 * S0 `000_a7d8ebcb45cc7bbc.txt`:119 — "palvelun saatavuus kuukauden sisällä": the first service
 * within one calendar month of the contact. A target, not a guard.
 */
export const firstServiceWithinOneMonth: WorkabilityDeadline<'first-service-within-one-month'> = {
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
 * S0 `000_a7d8ebcb45cc7bbc.txt`:133 — the next appointment is given already at the previous
 * contact. Due one day after a service (recording lag) unless an appointment has been set since,
 * or the case has closed.
 */
export const nextAppointmentSet: WorkabilityDeadline<'next-appointment-set'> = {
  id: 'next-appointment-set',
  label: { fi: 'Seuraava aika annettu käynnillä', sv: 'Nästa tid given vid besöket', en: 'Next appointment given at the visit' },
  source: { seed: '000_a7d8ebcb45cc7bbc.txt', lines: '133' },
  kind: 'target',
  dueAt: (history, state) => {
    if (state.value === 'closed') return undefined;
    for (let index = history.length - 1; index >= 0; index--) {
      const event = history[index]!;
      if (appointmentEvents.has(event.type)) return undefined;
      if (serviceEvents.has(event.type)) return addDays(event.at, 1);
    }
    return undefined;
  },
};

/** The deadlines of the work-ability support path. */
export const workabilityDeadlines = [firstServiceWithinOneMonth, nextAppointmentSet];
