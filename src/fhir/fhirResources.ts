/**
 * The FHIR R4 shapes the projection writes: only the elements it fills, as plain JSON types.
 * Written out here rather than imported: the library has no FHIR dependency, and an R4 validator in
 * the tests checks every bundle it makes.
 */
import type { EpisodeOfCareStatus } from '../path/fhirMapping.js';

export interface FhirCoding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

export interface FhirCodeableConcept {
  readonly coding?: readonly FhirCoding[];
  readonly text?: string;
}

/** A reference the host gives (`Patient/…`, `Practitioner/…`, `Organization/…`) or one inside the bundle (`urn:uuid:…`). */
export interface FhirReference {
  readonly reference?: string;
  readonly identifier?: FhirIdentifier;
  readonly display?: string;
}

export interface FhirIdentifier {
  readonly system: string;
  readonly value: string;
}

export interface FhirPeriod {
  readonly start?: string;
  readonly end?: string;
}

export interface FhirMeta {
  readonly profile?: readonly string[];
}

export interface FhirEpisodeOfCare {
  readonly resourceType: 'EpisodeOfCare';
  readonly id: string;
  readonly meta: FhirMeta;
  readonly identifier: readonly FhirIdentifier[];
  readonly status: EpisodeOfCareStatus;
  readonly statusHistory: readonly { readonly status: EpisodeOfCareStatus; readonly period: FhirPeriod }[];
  readonly type: readonly FhirCodeableConcept[];
  readonly patient: FhirReference;
  readonly managingOrganization?: FhirReference;
  readonly period: FhirPeriod;
  readonly careManager?: FhirReference;
}

export interface FhirEncounter {
  readonly resourceType: 'Encounter';
  readonly id: string;
  readonly meta: FhirMeta;
  /** FI Base's ServiceEvent (`fiBaseExtensions.serviceEvent`), when the host gave the palvelutapahtuma. */
  readonly extension?: readonly { readonly url: string; readonly valueOid: string }[];
  readonly status: 'finished';
  readonly class: FhirCoding;
  readonly type: readonly FhirCodeableConcept[];
  readonly subject: FhirReference;
  readonly episodeOfCare: readonly FhirReference[];
  readonly serviceType?: FhirCodeableConcept;
  readonly participant: readonly { readonly individual: FhirReference }[];
  readonly period: FhirPeriod;
}

export interface FhirCarePlan {
  readonly resourceType: 'CarePlan';
  readonly id: string;
  readonly status: 'active' | 'completed' | 'revoked';
  readonly intent: 'plan';
  readonly title: string;
  readonly subject: FhirReference;
  readonly period: FhirPeriod;
  readonly created: string;
  readonly author: FhirReference;
  readonly replaces?: readonly FhirReference[];
  readonly supportingInfo: readonly FhirReference[];
}

export interface FhirProvenance {
  readonly resourceType: 'Provenance';
  readonly id: string;
  readonly target: readonly FhirReference[];
  readonly recorded: string;
  readonly activity: FhirCodeableConcept;
  readonly agent: readonly {
    readonly type: FhirCodeableConcept;
    readonly role: readonly FhirCodeableConcept[];
    readonly who: FhirReference;
  }[];
}

/** A resource of the projection. */
export type FhirResource = FhirEpisodeOfCare | FhirEncounter | FhirCarePlan | FhirProvenance;

/** A collection Bundle: one case as FHIR. */
export interface FhirBundle {
  readonly resourceType: 'Bundle';
  readonly type: 'collection';
  readonly entry: readonly { readonly fullUrl: string; readonly resource: FhirResource }[];
}
