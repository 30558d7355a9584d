// Issue 18 item 3: the FI Base ServiceEvent extension (palvelutapahtuman tunniste) on Encounters,
// when the host supplies the palvelutapahtuma's OID. HL7 Finland, Finnish Base Profiles 2.0.0-rc2,
// input/fsh/extensions/serviceEvent.fsh: `Extension: ServiceEvent`, `Id: service-event`,
// `value[x] 1..`, `value[x] only oid`, canonical https://hl7.fi/fhir/finnish-base-profiles.
import { describe, expect, it } from 'vitest';
import { type AnyPathDefinition, type FhirEncounter, fiBaseExtensions, serviceEventOid, simulateCohort, toFhir } from 'kykypolku';
import { builtInPaths, fhirMappings } from 'kykypolku/paths';
import { createFhirR4BundleValidator } from '../support/fhirR4Validator.js';
import { refereeErrors } from '../support/fhirReferees.js';

const validateBundle = createFhirR4BundleValidator();
const hostReferences = {
  patient: { reference: 'Patient/p-1' },
  practitioner: (actor: { role: string; id: string }) => ({ reference: `Practitioner/${actor.id}` }),
  caseIdentifierSystem: 'https://hyvinvointialue.example.fi/case-ids',
};
const kantaOid = '1.2.246.10.6794809.14011.2023.200035';

describe('serviceEventOid', () => {
  it('takes a palvelutapahtuma OID as Kanta writes it, or as a FHIR oid, and gives the FHIR oid', () => {
    expect(serviceEventOid(kantaOid)).toEqual({ ok: true, oid: `urn:oid:${kantaOid}` });
    expect(serviceEventOid(`urn:oid:${kantaOid}`)).toEqual({ ok: true, oid: `urn:oid:${kantaOid}` });
    expect(serviceEventOid('2.25.0')).toEqual({ ok: true, oid: 'urn:oid:2.25.0' });
  });

  it.each([
    ['empty', ''],
    ['not an OID', 'palvelutapahtuma 12'],
    ['a leading zero in an arc', '1.2.246.010'],
    ['a first arc past 2', '3.1.2'],
    ['one arc only', '1'],
    ['a trailing dot', '1.9.9.'],
    ['a personal identity code', '010190-123A'],
    ['longer than 128 characters', `1.2.${'1.'.repeat(70)}1`],
  ])('refuses %s with INVALID_SERVICE_EVENT_ID, and does not echo it', (_, id) => {
    const checked = serviceEventOid(id);
    expect(checked).toMatchObject({ ok: false, code: 'INVALID_SERVICE_EVENT_ID' });
    if (!checked.ok && id.length > 3) expect(checked.message).not.toContain(id);
  });

  it('refuses a value that is not a string', () => {
    expect(serviceEventOid(1.2 as never)).toMatchObject({ ok: false, code: 'INVALID_SERVICE_EVENT_ID' });
    expect(serviceEventOid(undefined as never)).toMatchObject({ ok: false, code: 'INVALID_SERVICE_EVENT_ID' });
  });
});

describe.each(builtInPaths.map((path) => [path.id, path as AnyPathDefinition] as const))(
  'the ServiceEvent extension on %s',
  (id, definition) => {
    const cases = simulateCohort(definition, { clients: 20, seed: 9, faultRate: 0 }).cases;
    const oid = serviceEventOid(kantaOid);
    if (!oid.ok) throw new Error(oid.message);

    it('is on every Encounter whose event the host gave a palvelutapahtuma, exactly as FI Base defines it, and passes both referees', () => {
      let encounters = 0;
      for (const caseRef of cases) {
        // The host knows the palvelutapahtuma of every visit but the first.
        const bundle = toFhir(caseRef, {
          mapping: fhirMappings[id]!,
          ...hostReferences,
          serviceEvent: (event) => (event.seq > 1 ? oid.oid : undefined),
        });
        expect(validateBundle(bundle), `${caseRef.caseId}: ${JSON.stringify(validateBundle.errors?.slice(0, 3))}`).toBe(true);
        const given = caseRef.history.filter((event) => fhirMappings[id]!.encounters[event.type] && event.seq > 1).length;
        const found = bundle.entry
          .filter((entry) => entry.resource.resourceType === 'Encounter')
          .map((entry) => entry.resource as FhirEncounter);
        expect(found.filter((encounter) => encounter.extension).length).toBe(given);
        for (const encounter of found) {
          if (encounter.extension)
            expect(encounter.extension).toEqual([
              { url: 'https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/service-event', valueOid: `urn:oid:${kantaOid}` },
            ]);
          expect(refereeErrors(encounter), caseRef.caseId).toEqual([]);
        }
        encounters += given;
      }
      expect(encounters).toBeGreaterThan(0);
    });

    it('is on no Encounter when the host gives none', () => {
      for (const caseRef of cases.slice(0, 5)) {
        const bundle = toFhir(caseRef, { mapping: fhirMappings[id]!, ...hostReferences });
        for (const entry of bundle.entry) expect('extension' in entry.resource).toBe(false);
      }
    });
  },
);

it('names the extension’s canonical URL', () => {
  expect(fiBaseExtensions.serviceEvent).toBe('https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/service-event');
});

it('refuses, naming the option, an id that did not come from serviceEventOid', () => {
  const definition = builtInPaths[0] as AnyPathDefinition;
  const mapping = fhirMappings[definition.id]!;
  const caseRef = simulateCohort(definition, { clients: 20, seed: 9, faultRate: 0 }).cases.find((kase) =>
    kase.history.some((event) => mapping.encounters[event.type]),
  );
  const bad = 'hetu 010190-123A' as never;
  expect(() => toFhir(caseRef!, { mapping, ...hostReferences, serviceEvent: () => bad })).toThrow(/serviceEvent.*INVALID_SERVICE_EVENT_ID/);
  expect(() => toFhir(caseRef!, { mapping, ...hostReferences, serviceEvent: () => bad })).not.toThrow(/010190/);
});

it('is checked by referees that refuse a palvelutapahtuma that is not a FHIR oid', () => {
  const definition = builtInPaths[0] as AnyPathDefinition;
  const mapping = fhirMappings[definition.id]!;
  const oid = serviceEventOid(kantaOid);
  if (!oid.ok) throw new Error(oid.message);
  const caseRef = simulateCohort(definition, { clients: 20, seed: 9, faultRate: 0 }).cases.find((kase) =>
    kase.history.some((event) => mapping.encounters[event.type]),
  )!;
  const bundle = toFhir(caseRef, { mapping, ...hostReferences, serviceEvent: () => oid.oid });
  const encounter = bundle.entry.map((entry) => entry.resource).find((resource) => resource.resourceType === 'Encounter') as FhirEncounter;
  expect(refereeErrors(encounter)).toEqual([]);
  const dotted = { ...encounter, extension: [{ url: fiBaseExtensions.serviceEvent, valueOid: kantaOid }] };
  expect(refereeErrors(dotted).length).toBeGreaterThan(0);
});
