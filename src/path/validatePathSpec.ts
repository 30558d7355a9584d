import type { AnyStateNode } from 'xstate';
import type { AnyPathDefinition } from './definition.js';
import type { DeadlineMigration } from './deadline.js';
import { PathDefinitionError } from './definitionError.js';
import { languages, type Label } from './label.js';
import { guardRefsOf } from '../machine/guardRefs.js';
import { listStateNodes, statePathOf } from '../machine/stateNodes.js';
import { eventTypeMaxLength, pathIdMaxLength, pathIdPattern } from '../schema/codeStrings.js';
import { validateIndicators } from './validateIndicators.js';
import { countPayloads, UnsupportedFieldError } from '../schema/payloadDomain.js';
import { serviceTaskProblem, type ServiceTask } from './serviceTask.js';
import { checkConsentDeclaration } from './consentDeclaration.js';

const idPattern = pathIdPattern;

/**
 * The most payloads one event type may have when its finite fields are enumerated: the model
 * checker and `nextEvents` try every one.
 */
const largestPayloadAlphabet = 4096;

function checkLabel(pathId: string, where: string, label: Label | undefined): void {
  if (label === undefined) throw new PathDefinitionError(pathId, `${where} has no label`);
  for (const language of languages) {
    if (typeof label[language] !== 'string' || label[language].trim() === '') {
      throw new PathDefinitionError(pathId, `${where} has no '${language}' label`);
    }
  }
}

function transitionsOf(node: AnyStateNode) {
  return [...node.transitions.entries()].flatMap(([eventType, transitions]) =>
    transitions.map((transition) => ({ eventType, transition })),
  );
}

/**
 * Checks a path spec once, when it is declared, so that the runtime can trust it. Throws a
 * {@link PathDefinitionError} naming the path and the fix.
 *
 * @internal
 */
export function validatePathSpec(spec: AnyPathDefinition): void {
  const pathId = typeof spec.id === 'string' ? spec.id : String(spec.id);
  if (!idPattern.test(pathId)) {
    throw new PathDefinitionError(pathId, 'id must be lowercase words joined by dashes, e.g. workability-path');
  }
  // Every event carries its path's id, and the envelope takes at most this many characters of it.
  if (pathId.length > pathIdMaxLength) throw new PathDefinitionError(pathId, `id must be at most ${pathIdMaxLength} characters`);
  if (!Number.isInteger(spec.version) || spec.version < 1) {
    throw new PathDefinitionError(pathId, `version must be a positive integer, got ${String(spec.version)}`);
  }
  checkLabel(pathId, 'the path title', spec.title);

  const eventTypes = Object.keys(spec.events);
  const roles = Object.keys(spec.roles);
  for (const role of roles) checkLabel(pathId, `role '${role}'`, spec.roles[role]);

  for (const eventType of eventTypes) {
    if (!/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(eventType)) {
      throw new PathDefinitionError(pathId, `event type '${eventType}' must be SCREAMING_SNAKE_CASE`);
    }
    if (eventType.length > eventTypeMaxLength) {
      throw new PathDefinitionError(
        pathId,
        `event type '${eventType}' must be at most ${eventTypeMaxLength} characters, as the envelope takes no longer type`,
      );
    }
    checkLabel(pathId, `event '${eventType}'`, spec.labels.events[eventType]);
    try {
      const combinations = countPayloads(spec.events[eventType]!);
      if (combinations > largestPayloadAlphabet) {
        throw new PathDefinitionError(
          pathId,
          `event '${eventType}' has ${combinations} payload combinations of its finite fields (at most ${largestPayloadAlphabet}); ` +
            'make a field that no guard reads open (a number without bounds, a string) or split the event',
        );
      }
    } catch (error) {
      if (error instanceof UnsupportedFieldError) {
        throw new PathDefinitionError(pathId, `event '${eventType}': ${error.message}`);
      }
      throw error;
    }
    const permitted = spec.permissions[eventType];
    if (!Array.isArray(permitted)) {
      throw new PathDefinitionError(pathId, `permissions has no entry for event '${eventType}'`);
    }
    for (const role of permitted) {
      if (!roles.includes(role)) {
        throw new PathDefinitionError(pathId, `permissions of '${eventType}' name unknown role '${role}'`);
      }
    }
  }
  for (const eventType of Object.keys(spec.permissions)) {
    if (!eventTypes.includes(eventType)) {
      throw new PathDefinitionError(pathId, `permissions name unknown event '${eventType}'`);
    }
  }
  for (const [eventType, role] of Object.entries(spec.performers ?? {})) {
    if (role === undefined) continue;
    if (!eventTypes.includes(eventType)) throw new PathDefinitionError(pathId, `performers name unknown event '${eventType}'`);
    if (!(spec.permissions[eventType] as readonly string[]).includes(role)) {
      throw new PathDefinitionError(pathId, `performers: '${role}' does the work of '${eventType}' but is not permitted to record it`);
    }
  }

  const implementedGuards = Object.keys(spec.machine.implementations.guards ?? {});
  for (const guard of implementedGuards) checkLabel(pathId, `guard '${guard}'`, (spec.labels.guards as Record<string, Label>)[guard]);

  const nodes = listStateNodes(spec.machine);
  for (const node of nodes) {
    const where = `state '${statePathOf(node)}'`;
    // A history state is never active (it only says where to re-enter), and the state-path type of
    // labels.states leaves it out, so it needs no label.
    if (node.type !== 'history') checkLabel(pathId, where, (spec.labels.states as Record<string, Label>)[statePathOf(node)]);
    if (node.after.length > 0) {
      throw new PathDefinitionError(
        pathId,
        `${where} uses an XState 'after' timer; time comes in with events, so express it as a deadline`,
      );
    }
    if (node.invoke.length > 0) {
      throw new PathDefinitionError(pathId, `${where} invokes an actor; a path machine does no I/O`);
    }
  }
  for (const node of [spec.machine.root, ...nodes]) {
    for (const { eventType, transition } of transitionsOf(node)) {
      if (eventType.startsWith('xstate.')) continue;
      if (!eventTypes.includes(eventType)) {
        throw new PathDefinitionError(
          pathId,
          `the machine handles '${eventType}' in '${statePathOf(node) || '(root)'}' but events has no schema for it`,
        );
      }
      if (typeof transition.guard === 'function' && !('guards' in transition.guard)) {
        throw new PathDefinitionError(
          pathId,
          `'${eventType}' in '${statePathOf(node) || '(root)'}' has an inline guard; name it in setup({ guards })`,
        );
      }
      for (const ref of guardRefsOf(transition.guard)) {
        if (!implementedGuards.includes(ref.name)) {
          throw new PathDefinitionError(pathId, `guard '${ref.name}' is used but not declared in setup({ guards })`);
        }
      }
    }
  }

  const ruleIds = new Set<string>();
  for (const rule of spec.rules) {
    if (!idPattern.test(rule.id)) {
      throw new PathDefinitionError(pathId, `rule id '${rule.id}' must be lowercase words joined by dashes`);
    }
    if (ruleIds.has(rule.id)) throw new PathDefinitionError(pathId, `rule id '${rule.id}' is used twice`);
    ruleIds.add(rule.id);
    checkLabel(pathId, `rule '${rule.id}' name`, rule.name);
    checkLabel(pathId, `rule '${rule.id}' sentence`, rule.sentence);
    if (!rule.source?.seed || !rule.source.lines) {
      throw new PathDefinitionError(pathId, `rule '${rule.id}' has no source (seed file and lines)`);
    }
    checkCited(pathId, `rule '${rule.id}'`, rule.source.seed, spec.sources);
    for (const guard of rule.enforcedBy) {
      if (!implementedGuards.includes(guard)) {
        throw new PathDefinitionError(pathId, `rule '${rule.id}' is enforced by unknown guard '${guard}'`);
      }
    }
  }

  const deadlineIds = new Set<string>();
  for (const deadline of spec.deadlines) {
    if (deadlineIds.has(deadline.id)) {
      throw new PathDefinitionError(pathId, `deadline id '${deadline.id}' is used twice`);
    }
    deadlineIds.add(deadline.id);
    checkLabel(pathId, `deadline '${deadline.id}'`, deadline.label);
    if (deadline.source?.seed) checkCited(pathId, `deadline '${deadline.id}'`, deadline.source.seed, spec.sources);
  }
  for (const [outcome, label] of Object.entries(spec.outcomes)) checkLabel(pathId, `outcome '${outcome}'`, label as Label);
  validateIndicators(spec);

  const migratedFrom = new Set<number>();
  for (const migration of spec.migrations ?? []) {
    if (!Number.isInteger(migration.from) || migration.from < 1 || migration.from >= spec.version) {
      throw new PathDefinitionError(
        pathId,
        `a migration's 'from' must be an earlier version (1 to ${spec.version - 1}), got ${String(migration.from)}`,
      );
    }
    if (migratedFrom.has(migration.from)) throw new PathDefinitionError(pathId, `two migrations from version ${migration.from}`);
    migratedFrom.add(migration.from);
    const fromPath = migration.fromPath;
    if (fromPath !== undefined && (fromPath.id !== pathId || fromPath.version !== migration.from)) {
      throw new PathDefinitionError(
        pathId,
        `the migration from version ${migration.from}: fromPath must be version ${migration.from} of ${pathId}`,
      );
    }
  }
  checkDeadlineMigrations(pathId, spec);
  if (spec.serviceTask !== undefined) checkServiceTask(pathId, spec.serviceTask, spec.sources);
  if (spec.consent !== undefined) checkConsentDeclaration(pathId, spec.consent, Object.keys(spec.events));
}

/**
 * A path's service task: a note in every language, a cited source, and a coding that is well formed
 * when given. Throws a {@link PathDefinitionError} with the code `INVALID_SERVICE_TASK`.
 *
 * @internal
 */
export function checkServiceTask(pathId: string, task: ServiceTask, sources: readonly { readonly seed: string }[]): void {
  const fault = (message: string) => new PathDefinitionError(pathId, message, 'INVALID_SERVICE_TASK');
  for (const language of languages) {
    if (typeof task.note?.[language] !== 'string' || task.note[language].trim() === '')
      throw fault(`serviceTask.note has no '${language}' label`);
  }
  if (task.source !== undefined && !sources.some((source) => source.seed === task.source?.seed)) {
    throw fault("serviceTask.source cites a seed that is not among the path's sources");
  }
  if (task.coding === undefined) return;
  const problem = serviceTaskProblem(task.coding);
  if (problem) throw fault(`serviceTask.${problem.field === 'coding' ? 'coding' : `coding.${problem.field}`}: ${problem.message}`);
}

/** A cited seed must be one of the path's sources, so that a reader is given its title. */
function checkCited(pathId: string, what: string, seed: string, sources: readonly { readonly seed: string }[]): void {
  if (!sources.some((source) => source.seed === seed)) {
    throw new PathDefinitionError(pathId, `${what} cites '${seed}', which is not among the path's sources`);
  }
}

const deadlineMigrations: readonly DeadlineMigration[] = ['recompute', 'keep-due-date', 'keep-remaining', 'restart'];

/** Each deadline's `onMigration` is a reading, and one that keeps the old date has the old version's rule. */
function checkDeadlineMigrations(pathId: string, spec: AnyPathDefinition): void {
  for (const deadline of spec.deadlines) {
    const reading: unknown = deadline.onMigration;
    if (reading === undefined) continue;
    if (!deadlineMigrations.some((known) => known === reading)) {
      throw new PathDefinitionError(pathId, `deadline '${deadline.id}': onMigration must be one of ${deadlineMigrations.join(', ')}`);
    }
    if (reading !== 'keep-due-date' && reading !== 'keep-remaining') continue;
    // The date to keep is the old version's: without its rule it cannot be known.
    const unnamed = (spec.migrations ?? []).find((migration) => migration.fromPath === undefined);
    if (unnamed) {
      throw new PathDefinitionError(
        pathId,
        `deadline '${deadline.id}' keeps the old version's due date (${reading}): ` +
          `the migration from version ${unnamed.from} must name that version (fromPath)`,
      );
    }
  }
}
