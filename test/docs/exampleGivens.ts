// What a doc-comment example takes as given: the values a host already holds where the snippet
// sits (a case, a store, an input, its own functions). test/docs/examplesCompile.int.test.ts
// imports these names into an example that uses them without declaring them. Declarations only:
// nothing here runs.
import type {
  CaseInputOf,
  CaseloadIndex,
  CaseloadRejection,
  EventActor,
  IndexedEventStore,
  PathCase,
  PathCheck,
  RecordedEvent,
  RecordedEventOf,
  Rejection,
  RoleOf,
  Trace,
  FhirReference,
  IndicatorCell,
} from 'kykypolku';
import type { IpsFidelityReview, ipsJobCoachingPath, workabilityPath, workabilityPathV1 } from 'kykypolku/paths';
import type { SqlEventStore } from 'kykypolku/postgres';
import type { EventStoreCommand, EventStoreModel } from 'kykypolku/testing';
import type { workabilityEvents } from '../../machines/workability-path/events.js';
import type { workabilityMachine } from '../../machines/workability-path/machine.js';
import type { reviewEventsV2 } from '../support/reviewPathV2.js';

export { workabilityEvents } from '../../machines/workability-path/events.js';
export { workabilityMachine } from '../../machines/workability-path/machine.js';
export { reviewPath as reviewPathV1 } from '../support/reviewPath.js';
export { reviewEventsV2, reviewPathV2 } from '../support/reviewPathV2.js';
export { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
export { writeFile } from 'node:fs/promises';
export { join } from 'node:path';

/** The work-ability path's machine and events, as rule and deadline examples name them. */
export type M = typeof workabilityMachine;
export type E = typeof workabilityEvents;
export type Role = RoleOf<typeof workabilityPath>;

/** A later version of the review path that renamed PAUSED to ON_HOLD. */
export declare const reviewEventsV3: Omit<typeof reviewEventsV2, 'PAUSED'> & { readonly ON_HOLD: (typeof reviewEventsV2)['PAUSED'] };

export declare const caseRef: PathCase<typeof workabilityPath>;
export declare const ipsCase: PathCase<typeof ipsJobCoachingPath>;
export declare const sqlStore: SqlEventStore;
export declare const patient: FhirReference;
export declare const cell: IndicatorCell;
export declare function practitioner(actor: EventActor): FhirReference;
export declare const caseIdentifierSystem: string;
export declare const fidelityScores: Readonly<Record<string, number>>;
/** The parts of the work-ability path's definition, as definePath's example spreads them. */
// The parts of a definition, as definePath's example writes version 1 (with `workabilityMachine`, `workabilityEvents`).
export declare const roles: (typeof workabilityPathV1)['roles'];
export declare const permissions: (typeof workabilityPathV1)['permissions'];
export declare const labels: (typeof workabilityPathV1)['labels'];
export declare const rules: (typeof workabilityPathV1)['rules'];
export declare const deadlines: (typeof workabilityPathV1)['deadlines'];
export declare const outcomes: (typeof workabilityPath)['outcomes'];
export declare const sources: (typeof workabilityPath)['sources'];
export declare const input: CaseInputOf<typeof workabilityPath>;
export declare const hostInput: unknown;
export declare const event: RecordedEventOf<typeof workabilityPath>;
export declare const store: IndexedEventStore;
export declare const index: CaseloadIndex;
export declare const histories: readonly (readonly RecordedEvent[])[];
export declare const check: PathCheck<typeof workabilityPath>;
export declare const path: typeof workabilityPath;
export declare const trace: Trace<typeof workabilityPath>;
export declare const lines: AsyncIterable<string>;
export declare const now: string;
export declare const at: string;
export declare const nurse: EventActor<Role>;
export declare const contactReceived: CaseInputOf<typeof workabilityPath>;
export declare const assessmentBooked: CaseInputOf<typeof workabilityPath>;
export declare const pending: RecordedEvent[];
export declare const kateva2021: IpsFidelityReview;
export declare const commands: Iterable<EventStoreCommand>;
export declare const model: EventStoreModel;

/** The host's own functions an example calls. */
export declare function save(event: RecordedEvent): void;
export declare function showRule(ruleId: string): void;
export declare function showIssues(issues: Extract<Rejection, { code: 'INVALID_EVENT' }>['issues']): void;
export declare function showMessage(message: string): void;
export declare function showFull(rejection: CaseloadRejection): void;
export declare function reloadAndRetry(actualSeq: number): void;
export declare function retryLater(): void;
export declare function alertAuditor(problem: unknown): void;
export declare function exitWith(code: string, message: string): never;
export declare function createMyPostgresStore(): Promise<IndexedEventStore>;
