import type { AnyPathCase } from '../case/pathCase.js';
import type { EventActor, RecordedEvent } from '../path/recordedEvent.js';
import { createCaseCore } from '../case/caseCore.js';
import { compilePath } from '../case/compilePath.js';
import { applyEvent } from '../case/eventPipeline.js';
import type { Language } from '../path/label.js';
import { describeStateValue } from '../machine/stateNodes.js';
import type { EpisodeOfCareStatus, FhirPathMapping } from '../path/fhirMapping.js';
import { resourceUuid } from './fhirIds.js';
import type {
  FhirBundle,
  FhirCarePlan,
  FhirCodeableConcept,
  FhirEncounter,
  FhirEpisodeOfCare,
  FhirProvenance,
  FhirReference,
  FhirResource,
} from './fhirResources.js';
import { fiBaseProfiles } from './fiBaseProfiles.js';
import { fiBaseExtensions, type ServiceEventOid, serviceEventOid } from './serviceEventOid.js';
import { outcomeOfView } from '../case/typeErasure.js';

/** What the host gives `toFhir`: its own references and systems. The library stores no identities. */
export interface ToFhirOptions {
  /** The path's mapping (`fhirMappings[pathId]` from `kykypolku/paths` for the built-in paths). */
  readonly mapping: FhirPathMapping;
  /** The host's Patient, e.g. `{ reference: 'Patient/123' }`. */
  readonly patient: FhirReference;
  /** Resolves the host's pseudonymous actor id to a Practitioner (or PractitionerRole) reference. */
  readonly practitioner: (actor: EventActor) => FhirReference;
  /** The URI of the host's case-id namespace, for EpisodeOfCare.identifier. */
  readonly caseIdentifierSystem: string;
  readonly managingOrganization?: FhirReference;
  /** The language of `display` and `text`. Default Finnish. */
  readonly lang?: Language;
  /** The prefix of the code systems of paths, events and roles. Default `urn:kykypolku`. */
  readonly codeSystemBase?: string;
  /**
   * The palvelutapahtuma (Kanta service event) an Encounter's event belongs to, when the host knows
   * it, checked by `serviceEventOid`: written as FI Base's ServiceEvent extension on that Encounter.
   */
  readonly serviceEvent?: (event: RecordedEvent) => ServiceEventOid | undefined;
}

interface Step {
  readonly event: RecordedEvent;
  readonly status: EpisodeOfCareStatus;
}

/**
 * A case as a FHIR R4 collection Bundle (domain.md §5): an EpisodeOfCare with its status projected
 * from the state and a statusHistory from the transitions, its path and social-care service task
 * (the path's `serviceTask`: coded when the host supplied the code, text otherwise) as its types,
 * Encounters for visits and contacts (the service task as their serviceType), a CarePlan for each
 * plan (a newer one replaces the older), and a Provenance for who recorded what.
 * Resource ids are stable `urn:uuid`s derived from the case; references to people and organisations
 * come from the host.
 *
 * @example
 * ```ts
 * const bundle = toFhir(caseRef, {
 *   mapping: fhirMappings['workability-path']!,
 *   patient: { reference: 'Patient/123' },
 *   practitioner: (actor) => ({ reference: `Practitioner/${actor.id}` }),
 *   caseIdentifierSystem: 'https://example.fi/case-ids',
 * });
 * ```
 */
export function toFhir(caseRef: AnyPathCase, options: ToFhirOptions): FhirBundle {
  const definition = caseRef.definition;
  const lang = options.lang ?? 'fi';
  const base = options.codeSystemBase ?? 'urn:kykypolku';
  const pathId = definition.id;
  const uuid = (kind: string, seq = 0) => `urn:uuid:${resourceUuid(pathId, caseRef.caseId, kind, seq)}`;
  const idOf = (reference: string) => reference.slice('urn:uuid:'.length);
  const eventConcept = (type: string): FhirCodeableConcept => ({
    coding: [{ system: `${base}:event:${pathId}`, code: type, display: definition.labels.events[type]?.[lang] ?? type }],
    text: definition.labels.events[type]?.[lang] ?? type,
  });

  // Step through the case again to know its state after each event: the status history.
  const core = createCaseCore(compilePath(definition), caseRef.caseId, { keepsHistory: true });
  const steps: Step[] = caseRef.history.map((event) => {
    const result = applyEvent(core, event.type, event.at, event.actor, event.payload);
    if (!result.ok) throw new Error(`toFhir: the case's own history was refused at seq ${event.seq}: ${result.rejection.message}`);
    const closed = core.snapshot.status !== 'active';
    return {
      event,
      status: options.mapping.episodeStatus({
        state: describeStateValue(core.snapshot.value),
        closed,
        outcome: closed ? outcomeOfView(definition, core.snapshot) : undefined,
        history: core.history,
      }),
    };
  });

  // The social-care service task: the host's code when it gave one, else only the path's note as text
  // (a concept with text and no coding, so no code is invented).
  const task = definition.serviceTask;
  const serviceTask: FhirCodeableConcept | undefined = task && {
    ...(task.coding ? { coding: [{ system: task.coding.system, code: task.coding.code }] } : {}),
    text: task.note[lang],
  };

  const episodeRef = uuid('episode');
  const statusHistory: { status: EpisodeOfCareStatus; period: { start: string; end?: string } }[] = [];
  for (const step of steps) {
    const current = statusHistory.at(-1);
    if (current?.status === step.status) continue;
    if (current) current.period.end = step.event.at;
    statusHistory.push({ status: step.status, period: { start: step.event.at } });
  }
  const last = steps.at(-1);
  const closed = caseRef.state.status === 'closed';
  const careManager = options.mapping.careManager(caseRef.history);
  const episode: FhirEpisodeOfCare = {
    resourceType: 'EpisodeOfCare',
    id: idOf(episodeRef),
    meta: { profile: [fiBaseProfiles.episodeOfCare] },
    identifier: [{ system: options.caseIdentifierSystem, value: caseRef.caseId }],
    status: last?.status ?? 'planned',
    statusHistory,
    type: [
      { coding: [{ system: `${base}:path`, code: pathId, display: definition.title[lang] }], text: definition.title[lang] },
      ...(serviceTask ? [serviceTask] : []),
    ],
    patient: options.patient,
    ...(options.managingOrganization ? { managingOrganization: options.managingOrganization } : {}),
    period: { ...(steps[0] ? { start: steps[0].event.at } : {}), ...(closed && last ? { end: last.event.at } : {}) },
    ...(careManager ? { careManager: options.practitioner(careManager) } : {}),
  };

  const resources: { fullUrl: string; resource: FhirResource }[] = [{ fullUrl: episodeRef, resource: episode }];
  const planEvents = caseRef.history.filter((event) => options.mapping.carePlans.includes(event.type));
  const targetsOf = new Map<number, string[]>();
  for (const [index, event] of caseRef.history.entries()) {
    const classOf = options.mapping.encounters[event.type];
    if (classOf) {
      const reference = uuid('encounter', event.seq);
      const serviceEvent = serviceEventOf(options, event);
      const encounter: FhirEncounter = {
        resourceType: 'Encounter',
        id: idOf(reference),
        meta: { profile: [fiBaseProfiles.encounter] },
        ...(serviceEvent ? { extension: [{ url: fiBaseExtensions.serviceEvent, valueOid: serviceEvent }] } : {}),
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: classOf(event, caseRef.history.slice(0, index + 1)) },
        type: [eventConcept(event.type)],
        ...(serviceTask ? { serviceType: serviceTask } : {}),
        subject: options.patient,
        episodeOfCare: [{ reference: episodeRef }],
        participant: [{ individual: options.practitioner(event.actor) }],
        period: { start: event.at, end: event.at },
      };
      resources.push({ fullUrl: reference, resource: encounter });
      targetsOf.set(event.seq, [reference]);
    }
    const planIndex = planEvents.indexOf(event);
    if (planIndex >= 0) {
      const reference = uuid('care-plan', event.seq);
      const previous = planEvents[planIndex - 1];
      const latest = planIndex === planEvents.length - 1;
      const plan: FhirCarePlan = {
        resourceType: 'CarePlan',
        id: idOf(reference),
        status: latest ? (closed ? 'completed' : 'active') : 'revoked',
        intent: 'plan',
        title: definition.labels.events[event.type]?.[lang] ?? event.type,
        subject: options.patient,
        period: { start: event.at, ...(latest ? (closed && last ? { end: last.event.at } : {}) : { end: planEvents[planIndex + 1]!.at }) },
        created: event.at,
        author: options.practitioner(event.actor),
        ...(previous ? { replaces: [{ reference: uuid('care-plan', previous.seq) }] } : {}),
        supportingInfo: [{ reference: episodeRef }],
      };
      resources.push({ fullUrl: reference, resource: plan });
      targetsOf.set(event.seq, [...(targetsOf.get(event.seq) ?? []), reference]);
    }
  }
  for (const event of caseRef.history) {
    const reference = uuid('provenance', event.seq);
    const provenance: FhirProvenance = {
      resourceType: 'Provenance',
      id: idOf(reference),
      target: [{ reference: episodeRef }, ...(targetsOf.get(event.seq) ?? []).map((target) => ({ reference: target }))],
      recorded: event.at,
      activity: eventConcept(event.type),
      agent: [
        {
          type: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author', display: 'Author' }],
          },
          role: [
            {
              coding: [
                {
                  system: `${base}:role:${pathId}`,
                  code: event.actor.role,
                  display: definition.roles[event.actor.role]?.[lang] ?? event.actor.role,
                },
              ],
            },
          ],
          who: options.practitioner(event.actor),
        },
      ],
    };
    resources.push({ fullUrl: reference, resource: provenance });
  }
  return { resourceType: 'Bundle', type: 'collection', entry: resources };
}

/**
 * The host's palvelutapahtuma for an event, checked again: the type says it came from
 * `serviceEventOid`, but a JavaScript host can pass anything, and a bundle must not carry it.
 */
function serviceEventOf(options: ToFhirOptions, event: RecordedEvent): string | undefined {
  const given = options.serviceEvent?.(event);
  if (given === undefined) return undefined;
  const checked = serviceEventOid(given);
  if (!checked.ok) throw new TypeError(`toFhir: options.serviceEvent gave seq ${event.seq} ${checked.code}: ${checked.message}`);
  return checked.oid;
}
