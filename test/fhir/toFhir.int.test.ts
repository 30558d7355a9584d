import { describe, expect, it } from 'vitest';
import {
  fiBaseProfiles,
  openCase,
  simulateCohort,
  toFhir,
  withServiceTask,
  type AnyPathDefinition,
  type FhirBundle,
  type FhirEncounter,
  type FhirEpisodeOfCare,
} from 'kykypolku';
import { builtInPaths, fhirMappings, workabilityPath } from 'kykypolku/paths';
import { createFhirR4BundleValidator } from '../support/fhirR4Validator.js';
import { assessmentDone, closed, contactReceived, coordinatorAssigned, nextAt, nurse, reach } from '../support/workabilityInputs.js';

const validateBundle = createFhirR4BundleValidator();

const hostReferences = {
  patient: { reference: 'Patient/p-1' },
  practitioner: (actor: { role: string; id: string }) => ({ reference: `Practitioner/${actor.id}` }),
  caseIdentifierSystem: 'https://hyvinvointialue.example.fi/case-ids',
  managingOrganization: { reference: 'Organization/essote' },
};

const episodeOf = (bundle: FhirBundle) => bundle.entry[0]!.resource as FhirEpisodeOfCare;

describe('FHIR R4 projection', () => {
  it('is checked by a validator that does refuse a bundle that is not R4', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'fhir-z' });
    for (const input of reach.healthCheck()) caseRef.record(input);
    const bundle = toFhir(caseRef, { mapping: fhirMappings['workability-path']!, ...hostReferences });
    expect(validateBundle(bundle)).toBe(true);
    const episode = { ...episodeOf(bundle), status: 'paused' };
    expect(validateBundle({ ...bundle, entry: [{ ...bundle.entry[0], resource: episode }, ...bundle.entry.slice(1)] })).toBe(false);
    expect(validateBundle({ ...bundle, entry: [{ ...bundle.entry[0], resource: { ...episodeOf(bundle), careTeamLeader: 'x' } }] })).toBe(
      false,
    );
  });

  it('has a mapping for every built-in path', () => {
    expect(Object.keys(fhirMappings).sort()).toEqual(builtInPaths.map((path) => path.id).sort());
  });

  describe.each(builtInPaths.map((path) => [path.id, path as AnyPathDefinition] as const))('of %s', (id, definition) => {
    const cases = simulateCohort(definition, { clients: 60, seed: 5, faultRate: 0 }).cases;
    const bundles = cases.map((caseRef) => ({ caseRef, bundle: toFhir(caseRef, { mapping: fhirMappings[id]!, ...hostReferences }) }));

    it('passes the official FHIR R4 JSON Schema for every case of a cohort', () => {
      for (const { caseRef, bundle } of bundles) {
        expect(validateBundle(bundle), `${caseRef.caseId}: ${JSON.stringify(validateBundle.errors?.slice(0, 3))}`).toBe(true);
      }
    });

    it('has a status history that follows the case’s transitions, ending in the episode’s status', () => {
      for (const { caseRef, bundle } of bundles) {
        const episode = episodeOf(bundle);
        // Independently: replay the case through the public API and project each state.
        const replay = openCase(definition, { caseId: caseRef.caseId });
        const statuses: string[] = [];
        for (const event of caseRef.history) {
          const { type, at, actor, payload } = event;
          replay.record({ type, at, actor, payload } as never);
          const status = fhirMappings[id]!.episodeStatus({
            state: replay.stateName,
            closed: replay.state.status === 'closed',
            outcome: replay.state.outcome,
            history: replay.history,
          });
          if (statuses.at(-1) !== status) statuses.push(status);
        }
        expect(episode.statusHistory.map((entry) => entry.status)).toEqual(statuses);
        expect(episode.status).toBe(statuses.at(-1));
        episode.statusHistory.forEach((entry, index) => {
          expect(entry.period.end).toBe(episode.statusHistory[index + 1]?.period.start);
        });
        expect(episode.period.start).toBe(caseRef.history[0]?.at);
        expect(episode.period.end).toBe(caseRef.state.status === 'closed' ? caseRef.history.at(-1)?.at : undefined);
      }
    });

    it('records who recorded what: one Provenance per event, by the host’s practitioner', () => {
      for (const { caseRef, bundle } of bundles) {
        const provenances = bundle.entry.filter((entry) => entry.resource.resourceType === 'Provenance');
        expect(provenances).toHaveLength(caseRef.history.length);
        provenances.forEach((entry, index) => {
          if (entry.resource.resourceType !== 'Provenance') return;
          expect(entry.resource.recorded).toBe(caseRef.history[index]!.at);
          expect(entry.resource.agent[0]!.who).toEqual({ reference: `Practitioner/${caseRef.history[index]!.actor.id}` });
        });
      }
    });
  });

  it('names the coordinator as careManager only when assigned as case manager (S1:167)', () => {
    const asManager = openCase(workabilityPath, { caseId: 'fhir-a' });
    for (const input of [...reach.healthCheck(), coordinatorAssigned(true, false)]) asManager.record(input);
    expect(episodeOf(toFhir(asManager, { mapping: fhirMappings['workability-path']!, ...hostReferences })).careManager).toEqual({
      reference: 'Practitioner/coordinator-1',
    });
    const beside = openCase(workabilityPath, { caseId: 'fhir-b' });
    for (const input of [...reach.healthCheck(), coordinatorAssigned(false, true)]) beside.record(input);
    expect(episodeOf(toFhir(beside, { mapping: fhirMappings['workability-path']!, ...hostReferences })).careManager).toBeUndefined();
  });

  // S1 `001_55550c4af1568658.txt`:186 — an initial assessment at an association partner's premises or at a
  // joint reception with the employment authority is met in person; by phone or e-booking it is remote.
  it.each([
    ['partnerPremises', 'AMB'],
    ['jointReception', 'AMB'],
    ['phone', 'VR'],
    ['eBooking', 'VR'],
  ] as const)('makes the initial assessment booked as %s an encounter of class %s (S1:186)', (channel, expected) => {
    const caseRef = openCase(workabilityPath, { caseId: `fhir-channel-${channel}` });
    const inputs = [
      contactReceived(),
      { type: 'INITIAL_ASSESSMENT_BOOKED', at: nextAt(), actor: nurse, payload: { channel } } as const,
      assessmentDone('nurse'),
    ];
    for (const input of inputs) expect(caseRef.record(input).ok).toBe(true);
    const bundle = toFhir(caseRef, { mapping: fhirMappings['workability-path']!, ...hostReferences });
    expect(validateBundle(bundle)).toBe(true);
    const encounters = bundle.entry.flatMap((entry) => (entry.resource.resourceType === 'Encounter' ? [entry.resource] : []));
    expect(encounters.map((encounter) => encounter.class.code)).toEqual([expected]);
  });

  it('projects a case closed before any service as cancelled, and one closed after as finished', () => {
    const early = openCase(workabilityPath, { caseId: 'fhir-c' });
    for (const input of [...reach.contacted(), closed('unreachable')]) early.record(input);
    expect(episodeOf(toFhir(early, { mapping: fhirMappings['workability-path']!, ...hostReferences })).status).toBe('cancelled');
    const served = openCase(workabilityPath, { caseId: 'fhir-d' });
    for (const input of [...reach.healthCheck(), closed('employed')]) served.record(input);
    const bundle = toFhir(served, { mapping: fhirMappings['workability-path']!, ...hostReferences });
    expect(episodeOf(bundle).status).toBe('finished');
    expect(episodeOf(bundle).statusHistory.map((entry) => entry.status)).toEqual(['waitlist', 'active', 'finished']);
  });

  it('claims the FI Base profiles for EpisodeOfCare and Encounter, and is the same bundle every time', () => {
    const caseRef = openCase(workabilityPath, { caseId: 'fhir-e' });
    for (const input of reach.doctorAssessment()) caseRef.record(input);
    const bundle = toFhir(caseRef, { mapping: fhirMappings['workability-path']!, ...hostReferences });
    expect(episodeOf(bundle).meta.profile).toEqual([fiBaseProfiles.episodeOfCare]);
    expect(
      bundle.entry
        .filter((entry) => entry.resource.resourceType === 'Encounter')
        .map((entry) => 'meta' in entry.resource && entry.resource.meta?.profile),
    ).toEqual([[fiBaseProfiles.encounter]]);
    expect(JSON.stringify(toFhir(caseRef, { mapping: fhirMappings['workability-path']!, ...hostReferences }))).toBe(JSON.stringify(bundle));
    // The host's case id is the episode's identifier, but no resource id repeats it.
    expect(episodeOf(bundle).identifier).toEqual([{ system: hostReferences.caseIdentifierSystem, value: 'fhir-e' }]);
    for (const entry of bundle.entry)
      expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  // Issue 14 item 12 — S1 `001_55550c4af1568658.txt`:334: the service task is configuration, carried into FHIR.
  it('carries the path’s service task: coded when the host supplied the code, as text otherwise, and never an invented code', () => {
    const record = (definition: AnyPathDefinition, caseId: string) => {
      const caseRef = openCase(definition, { caseId });
      for (const input of reach.doctorAssessment()) caseRef.record(input as never);
      return toFhir(caseRef, { mapping: fhirMappings['workability-path']!, ...hostReferences });
    };
    const uncoded = record(workabilityPath, 'fhir-task-a');
    expect(validateBundle(uncoded)).toBe(true);
    const note = workabilityPath.serviceTask!.note.fi;
    expect(episodeOf(uncoded).type[1]).toEqual({ text: note });
    const encounters = (bundle: FhirBundle) =>
      bundle.entry.map((entry) => entry.resource).filter((resource): resource is FhirEncounter => resource.resourceType === 'Encounter');
    expect(encounters(uncoded).map((encounter) => encounter.serviceType)).toEqual([{ text: note }]);

    const coding = { system: 'urn:oid:1.2.246.537.6.99999', code: 'host-task-1' };
    const coded = record(withServiceTask(workabilityPath, coding), 'fhir-task-b');
    expect(validateBundle(coded), JSON.stringify(validateBundle.errors?.slice(0, 3))).toBe(true);
    expect(episodeOf(coded).type[1]).toEqual({ coding: [coding], text: note });
    expect(encounters(coded)[0]!.serviceType).toEqual({ coding: [coding], text: note });

    // A path without a service task keeps the path type alone.
    const { serviceTask: _, ...untasked } = workabilityPath;
    const plain = record(untasked as AnyPathDefinition, 'fhir-task-c');
    expect(episodeOf(plain).type).toHaveLength(1);
    expect(encounters(plain)[0]).not.toHaveProperty('serviceType');
  });
});
