/**
 * The extensions of HL7 Finland's Finnish Base Profiles (FI Base 2.0.0-rc2, for FHIR R4 4.0.1)
 * the projection writes. `serviceEvent` is FI Base's ServiceEvent extension, the palvelutapahtuman
 * tunniste (`input/fsh/extensions/serviceEvent.fsh`: `value[x] 1..`, `value[x] only oid`), which
 * the FI Base Encounter profile names for a resource that links to its palvelutapahtuma without a
 * chain of `partOf` Encounters: the visits of a path are such lower-level Encounters.
 */
export const fiBaseExtensions = {
  serviceEvent: 'https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/service-event',
} as const;

declare const checkedOid: unique symbol;

/** A palvelutapahtuma's OID in FHIR's `oid` form (`urn:oid:1.2.246.…`), as `serviceEventOid` checked it. */
export type ServiceEventOid = string & { readonly [checkedOid]: true };

/** The result of checking a palvelutapahtuma id: the FHIR oid, or why it is not one. */
export type ServiceEventOidResult =
  | { readonly ok: true; readonly oid: ServiceEventOid }
  | { readonly ok: false; readonly code: 'INVALID_SERVICE_EVENT_ID'; readonly message: string };

// FHIR R4's oid: `urn:oid:[0-2](\.(0|[1-9][0-9]*))+`. Kanta's OIDs run to about 40 characters.
const dottedOid = /^[0-2](\.(0|[1-9][0-9]*))+$/;
const longestOid = 128;

/**
 * Checks a palvelutapahtuma id the host supplies, written as Kanta writes it (`1.2.246.10.…`) or
 * as a FHIR oid (`urn:oid:1.2.246.10.…`), and gives it as the FHIR oid the extension carries. The
 * message never repeats the value: a wrong field could hold a personal identity code.
 *
 * @example
 * ```ts
 * const checked = serviceEventOid('1.2.246.10.6794809.14011.2023.200035');
 * if (checked.ok) console.log(checked.oid); // urn:oid:1.2.246.10.6794809.14011.2023.200035
 * ```
 */
export function serviceEventOid(id: string): ServiceEventOidResult {
  const refuse = (why: string): ServiceEventOidResult => ({
    ok: false,
    code: 'INVALID_SERVICE_EVENT_ID',
    message: `the palvelutapahtuma id ${why}: give its OID, e.g. 1.2.246.10.6794809.14011.2023.200035`,
  });
  if (typeof id !== 'string') return refuse(`must be a string, got ${id === null ? 'null' : typeof id}`);
  const dotted = id.startsWith('urn:oid:') ? id.slice('urn:oid:'.length) : id;
  if (dotted.length > longestOid) return refuse(`is longer than ${longestOid} characters`);
  if (!dottedOid.test(dotted)) return refuse('is not an OID (arcs of digits joined by dots, the first 0, 1 or 2, no leading zeros)');
  return { ok: true, oid: `urn:oid:${dotted}` as ServiceEventOid };
}
