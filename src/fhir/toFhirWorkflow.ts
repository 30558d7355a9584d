import type { AnyPathCase } from '../case/pathCase.js';
import type { AnyPathDefinition } from '../path/definition.js';
import type { FhirPathMapping } from '../path/fhirMapping.js';
import type { Language } from '../path/label.js';
import { nextEventsForAnyRole } from '../case/typeErasure.js';
import { resourceUuid } from './fhirIds.js';
import type { FhirCodeableConcept, FhirReference } from './fhirResources.js';

// A path version as the CPG IG's computable pathway: a PlanDefinition of type workflow-definition
// whose actions are the path's kinds of work (one ActivityDefinition per event type), and for an
// open case the steps a role may take now as Tasks.

const planTypeSystem = 'http://terminology.hl7.org/CodeSystem/plan-definition-type';

/** A FHIR R4 ActivityDefinition: one kind of work (an event type) of a path version. */
export interface FhirActivityDefinition {
  readonly resourceType: 'ActivityDefinition';
  readonly id: string;
  readonly url: string;
  readonly version: string;
  readonly name: string;
  readonly title: string;
  readonly status: 'active';
  readonly kind: 'Task';
  readonly code: FhirCodeableConcept;
  readonly participant: readonly { readonly type: 'patient' | 'practitioner'; readonly role: FhirCodeableConcept }[];
}

/** A FHIR R4 PlanDefinition of type workflow-definition: one path version. */
export interface FhirPlanDefinition {
  readonly resourceType: 'PlanDefinition';
  readonly id: string;
  readonly url: string;
  readonly version: string;
  readonly name: string;
  readonly title: string;
  readonly type: FhirCodeableConcept;
  readonly status: 'active';
  readonly relatedArtifact: readonly { readonly type: 'citation'; readonly citation: string }[];
  readonly action: readonly { readonly id: string; readonly title: string; readonly definitionCanonical: string }[];
}

/** A FHIR R4 Task: a step a role of the path may take now on an open case. */
export interface FhirTask {
  readonly resourceType: 'Task';
  readonly id: string;
  readonly instantiatesCanonical: string;
  readonly status: 'ready' | 'on-hold';
  readonly intent: 'plan';
  readonly code: FhirCodeableConcept;
  readonly description: string;
  readonly for: FhirReference;
  readonly focus?: FhirReference;
  readonly authoredOn?: string;
  readonly performerType: readonly FhirCodeableConcept[];
}

/** Options of {@link toFhirWorkflow} and {@link toFhirTasks}. */
export interface FhirWorkflowOptions {
  /** The language of titles and `text`. Default Finnish. */
  readonly lang?: Language;
  /** The prefix of canonical URLs and code systems. Default `urn:kykypolku`. */
  readonly codeSystemBase?: string;
}

const computable = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('');

/** The role the client records as: FHIR's `patient`; every other role is a `practitioner`. */
const participantType = (role: string): 'patient' | 'practitioner' => (role === 'client' ? 'patient' : 'practitioner');

function activityUrl(base: string, pathId: string, type: string): string {
  return `${base}:activity:${pathId}:${type}`;
}

/**
 * A path version as a FHIR R4 `PlanDefinition` (type `workflow-definition`, the CPG IG's computable
 * pathway) with one `ActivityDefinition` (kind `Task`) per event type, naming the roles that may do it.
 *
 * @example
 * ```ts
 * const { planDefinition, activityDefinitions } = toFhirWorkflow(workabilityPath, { lang: 'en' });
 * planDefinition.action.length === activityDefinitions.length; // true
 * ```
 */
export function toFhirWorkflow(
  definition: AnyPathDefinition,
  options: FhirWorkflowOptions = {},
): { planDefinition: FhirPlanDefinition; activityDefinitions: FhirActivityDefinition[] } {
  const lang = options.lang ?? 'fi';
  const base = options.codeSystemBase ?? 'urn:kykypolku';
  const version = String(definition.version);
  const types = Object.keys(definition.events);
  const activityDefinitions = types.map(
    (type): FhirActivityDefinition => ({
      resourceType: 'ActivityDefinition',
      id: `${definition.id}.v${version}.${type}`.slice(0, 64).replaceAll('_', '-'),
      url: activityUrl(base, definition.id, type),
      version,
      name: computable(type),
      title: definition.labels.events[type]?.[lang] ?? type,
      status: 'active',
      kind: 'Task',
      code: { coding: [{ system: `${base}:event:${definition.id}`, code: type }], text: definition.labels.events[type]?.[lang] ?? type },
      participant: (definition.permissions[type] ?? []).map((role) => ({
        type: participantType(role),
        role: { coding: [{ system: `${base}:role:${definition.id}`, code: role }], text: definition.roles[role]?.[lang] ?? role },
      })),
    }),
  );
  const planDefinition: FhirPlanDefinition = {
    resourceType: 'PlanDefinition',
    id: `${definition.id}.v${version}`.slice(0, 64),
    url: `${base}:path:${definition.id}`,
    version,
    name: computable(definition.id),
    title: definition.title[lang],
    type: { coding: [{ system: planTypeSystem, code: 'workflow-definition' }] },
    status: 'active',
    relatedArtifact: definition.sources.map((source) => ({ type: 'citation', citation: `${source.id} ${source.seed}: ${source.title}` })),
    action: types.map((type) => ({
      id: type,
      title: definition.labels.events[type]?.[lang] ?? type,
      definitionCanonical: `${activityUrl(base, definition.id, type)}|${version}`,
    })),
  };
  return { planDefinition, activityDefinitions };
}

/**
 * The steps an open case may take now as FHIR R4 `Task`s: one per event type some role may record
 * now (`nextEvents`), with the roles as `performerType`, status `ready` (or `on-hold` while the
 * case's EpisodeOfCare is on hold), `for` the host's Patient and `focus` the case's EpisodeOfCare
 * when given. A closed case has none.
 *
 * @example
 * ```ts
 * const tasks = toFhirTasks(caseRef, { patient: { reference: 'Patient/123' }, mapping: fhirMappings['workability-path']! });
 * ```
 */
export function toFhirTasks(
  caseRef: AnyPathCase,
  options: FhirWorkflowOptions & { readonly patient: FhirReference; readonly mapping: FhirPathMapping; readonly episode?: FhirReference },
): FhirTask[] {
  if (caseRef.state.status === 'closed') return [];
  const definition = caseRef.definition;
  const lang = options.lang ?? 'fi';
  const base = options.codeSystemBase ?? 'urn:kykypolku';
  const episodeStatus = options.mapping.episodeStatus({
    state: caseRef.stateName,
    closed: false,
    outcome: undefined,
    history: caseRef.history,
  });
  const rolesByType = new Map<string, string[]>();
  for (const role of Object.keys(definition.roles)) {
    for (const type of nextEventsForAnyRole(caseRef, role)) rolesByType.set(type, [...(rolesByType.get(type) ?? []), role]);
  }
  const last = caseRef.history[caseRef.history.length - 1];
  return [...rolesByType.entries()].map(([type, roles]) => ({
    resourceType: 'Task',
    id: resourceUuid(definition.id, caseRef.caseId, `task:${type}`, caseRef.seq),
    instantiatesCanonical: `${activityUrl(base, definition.id, type)}|${definition.version}`,
    status: episodeStatus === 'onhold' ? 'on-hold' : 'ready',
    intent: 'plan',
    code: { coding: [{ system: `${base}:event:${definition.id}`, code: type }], text: definition.labels.events[type]?.[lang] ?? type },
    description: definition.labels.events[type]?.[lang] ?? type,
    for: options.patient,
    ...(options.episode ? { focus: options.episode } : {}),
    ...(last ? { authoredOn: last.at } : {}),
    performerType: roles.map((role) => ({
      coding: [{ system: `${base}:role:${definition.id}`, code: role }],
      text: definition.roles[role]?.[lang] ?? role,
    })),
  }));
}
