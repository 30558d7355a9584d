/**
 * The HL7 Finland Finnish Base Profiles (FI Base, for FHIR R4 4.0.1) the projection claims in
 * `meta.profile`. Provenance is not claimed: FI Base Provenance is about the information custodian
 * (rekisterinpitäjä), which the library does not know; a host adds it. CarePlan has no FI Base
 * profile.
 */
export const fiBaseProfiles = {
  episodeOfCare: 'https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/fi-base-episode-of-care',
  encounter: 'https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/fi-base-encounter',
} as const;
