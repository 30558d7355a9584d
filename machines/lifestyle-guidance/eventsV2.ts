import { z } from 'zod';
import { lifestyleEvents } from './events.js';

/**
 * The events of lifestyle guidance, version 2: version 1's, and an offered session that was not
 * held. S1 `001_55550c4af1568658.txt`:220 counts the sessions *offered* ("tarjottiin vähintään 12
 * ohjauskertaa"); a held session was offered, so with this event every offer is on record, and
 * the 12-session target counts offers, not attendance.
 */
export const lifestyleEventsV2 = {
  ...lifestyleEvents,
  /** A session offered to the client that did not take place: declined, or the client did not come. */
  SESSION_OFFERED_NOT_HELD: z.strictObject({ reason: z.enum(['declined', 'noShow']) }),
};

/** The event schemas of lifestyle guidance, version 2. */
export type LifestyleEventsV2 = typeof lifestyleEventsV2;
