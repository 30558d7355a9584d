import type { EventActor, RecordedEvent } from './recordedEvent.js';

// EpisodeOfCare.status is named here, not in fhir/fhirResources.ts, so that a path's mapping (part of
// the path definition, below the engine) needs nothing from the FHIR projection above it.

/** EpisodeOfCare.status (R4, kept by FI Base). */
export type EpisodeOfCareStatus = 'planned' | 'waitlist' | 'active' | 'onhold' | 'finished' | 'cancelled';

/** What the status projection sees of a case after one of its events. */
export interface FhirStatusView {
  /** The state as one string (`healthCheck`, `active.jobSearch`). */
  readonly state: string;
  readonly closed: boolean;
  readonly outcome: string | undefined;
  /** The history up to and including this event. */
  readonly history: readonly RecordedEvent[];
}

/** An Encounter's class: ambulatory, virtual, or at home (HL7 v3 ActCode). */
export type FhirEncounterClass = 'AMB' | 'VR' | 'HH';

/**
 * How one path shows as FHIR R4 (domain.md §5): the EpisodeOfCare status of each state, which events
 * are encounters (visits and contacts) and which make a plan, and who is the case manager. Written per
 * path in `machines/<path-id>/fhir.ts`; `toFhir` does the rest for any path.
 */
export interface FhirPathMapping {
  /**
   * The EpisodeOfCare status after an event: referred or waiting → planned/waitlist, active phases →
   * active, paused → onhold, closed → finished, withdrawn before the start → cancelled.
   */
  episodeStatus(view: FhirStatusView): EpisodeOfCareStatus;
  /**
   * The events that are encounters with the client, and each one's class. `history` is the case's
   * history up to and including the event, for a class decided by an earlier event (an assessment
   * held where it was booked).
   */
  readonly encounters: Readonly<Record<string, (event: RecordedEvent, history: readonly RecordedEvent[]) => FhirEncounterClass>>;
  /** The events that make or remake the client's plan. */
  readonly carePlans: readonly string[];
  /** The actor who is the client's case manager (careManager), if any. */
  careManager(history: readonly RecordedEvent[]): EventActor | undefined;
}
