import type { z } from 'zod';
import type { AnyPathDefinition, AnyPathRule } from '../path/definition.js';
import type { AnyPathMigration } from '../path/definition.js';
import type { PathVersion } from '../path/recordedEvent.js';
import { enumeratePayloads } from '../schema/payloadDomain.js';
import { createMachineStepper, type MachineStepper } from './machineStepper.js';
import { createDomainPayloadReader, createPayloadParser, type DomainPayloadReader, type PayloadParser } from './payloadParser.js';
import type { KnownStrings } from './storedEventDomain.js';
import { stringProblem } from '../schema/valueDomain.js';
import { SharedActors } from './sharedActors.js';

/** What the runtime looks up on every event, computed once per definition. @internal */
export interface CompiledPath {
  readonly definition: AnyPathDefinition;
  readonly pathVersion: PathVersion;
  readonly eventTypes: readonly string[];
  readonly payloadSchemas: ReadonlyMap<string, z.ZodObject>;
  /** Each event type's payload parser: zod's verdict, fast for payloads of codes and flags only. */
  readonly payloadParsers: ReadonlyMap<string, PayloadParser>;
  /** Each event type's reader of stored payloads inside the value domain, where its schema allows one. */
  readonly domainPayloadReaders: ReadonlyMap<string, DomainPayloadReader>;
  /** The path's own strings that are inside the value domain, which replay need not walk again. */
  readonly knownStrings: KnownStrings;
  /** The frozen actors the path's cases share (also in `knownStrings`: their strings are inside the domain). */
  readonly sharedActors: SharedActors;
  readonly permittedRoles: ReadonlyMap<string, ReadonlySet<string>>;
  readonly rules: readonly AnyPathRule[];
  /** The rules each guard enforces. */
  readonly rulesByGuard: ReadonlyMap<string, readonly AnyPathRule[]>;
  /** Steps the machine from any snapshot, with one kept actor scope. */
  readonly stepper: MachineStepper;
  /** Payloads to try when asking whether an event type could be accepted now. */
  readonly samplePayloads: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  /** The definition's migrations by the version they move cases from. */
  readonly migrations: ReadonlyMap<number, AnyPathMigration>;
}

const compiled = new WeakMap<AnyPathDefinition, CompiledPath>();

/**
 * The runtime's view of a definition, built on first use and kept for the definition's lifetime.
 *
 * @internal
 */
export function compilePath(definition: AnyPathDefinition): CompiledPath {
  const cached = compiled.get(definition);
  if (cached) return cached;
  const eventTypes = Object.keys(definition.events);
  const rulesByGuard = new Map<string, AnyPathRule[]>();
  for (const rule of definition.rules) {
    for (const guard of rule.enforcedBy) {
      rulesByGuard.set(guard, [...(rulesByGuard.get(guard) ?? []), rule]);
    }
  }
  const domainPayloadReaders = new Map<string, DomainPayloadReader>();
  for (const type of eventTypes) {
    const reader = createDomainPayloadReader(definition.events[type]!);
    if (reader) domainPayloadReaders.set(type, reader);
  }
  const inDomain = (text: string) => stringProblem(text) === undefined;
  const roles = Object.values(definition.permissions as Record<string, readonly string[] | undefined>).flatMap((list) => list ?? []);
  const sharedActors = new SharedActors();
  const plan: CompiledPath = {
    definition,
    pathVersion: Object.freeze({ id: definition.id, version: definition.version }),
    eventTypes,
    payloadSchemas: new Map(eventTypes.map((type) => [type, definition.events[type]!])),
    payloadParsers: new Map(eventTypes.map((type) => [type, createPayloadParser(definition.events[type]!)])),
    domainPayloadReaders,
    knownStrings: {
      types: new Set(eventTypes.filter(inDomain)),
      roles: new Set(roles.filter(inDomain)),
      // An empty id never equals a well-formed event's: a path id outside the domain is walked each time.
      pathId: inDomain(definition.id) ? definition.id : '',
      actors: sharedActors,
    },
    sharedActors,
    permittedRoles: new Map(eventTypes.map((type) => [type, new Set<string>(definition.permissions[type] ?? [])])),
    rules: definition.rules,
    stepper: createMachineStepper(definition.machine),
    rulesByGuard,
    samplePayloads: new Map(
      // Only samples the schema itself accepts (an object-level refinement may rule some out).
      eventTypes.map((type) => [
        type,
        enumeratePayloads(definition.events[type]!).filter((payload) => definition.events[type]!.safeParse(payload).success),
      ]),
    ),
    migrations: new Map((definition.migrations ?? []).map((migration) => [migration.from, migration])),
  };
  compiled.set(definition, plan);
  return plan;
}
