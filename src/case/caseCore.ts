import type { AnyMachineSnapshot } from 'xstate';
import type { CompiledPath } from './compilePath.js';
import type { EventActor, RecordedEvent } from '../path/recordedEvent.js';
import type { AnyPathDefinition } from '../path/definition.js';

/**
 * Replays events under a definition to the history and state a deadline rule reads, or undefined
 * when they do not replay. A core is given one by whoever makes it from `replayCase`'s module, so
 * that a migrated case's deadlines can see the case as it stood at its migration (see
 * `migratedDueDates.ts`) without this layer importing replay, which imports it.
 *
 * @internal
 */
export type PrefixReplay = (
  definition: AnyPathDefinition,
  events: readonly RecordedEvent[],
) => { readonly history: readonly RecordedEvent[]; readonly view: { readonly value: unknown; readonly context: unknown } } | undefined;

/**
 * The mutable inside of one case: its current machine snapshot and its history. Snapshots are
 * immutable, so a case holds no actor: an event computes the next snapshot through the path's one
 * kept actor scope (see `machineStepper.ts`), and a refused event simply leaves the old snapshot
 * in place.
 *
 * @internal
 */
export interface CaseCore {
  readonly plan: CompiledPath;
  readonly caseId: string;
  snapshot: AnyMachineSnapshot;
  /** The seq of the last event applied. */
  seq: number;
  /** Every recorded event, unless the core was made without history (a log validator's). */
  readonly history: RecordedEvent[];
  readonly keepsHistory: boolean;
  lastAt: string | undefined;
  /** The last event applied (kept even without history, for a log import). */
  lastEvent: RecordedEvent | undefined;
  /** The frozen actors of the case's events so far, each shared by the events it recorded (a few at most). */
  readonly actors: EventActor[];
  /** The seq of each host-given event id in the history; made on the first event that has one. */
  eventIds: Map<string, number> | undefined;
  /** How to replay the part of the history before a migration, for the deadlines' `onMigration`. */
  readonly replayPrefix: PrefixReplay | undefined;
}

/**
 * A new case core in the machine's initial state. Without history (`keepsHistory: false`) a core
 * holds only its snapshot, seq and last time: a validator streaming a million-line log keeps memory
 * proportional to its cases, not its lines.
 *
 * @internal
 */
export function createCaseCore(
  plan: CompiledPath,
  caseId: string,
  options: { readonly keepsHistory?: boolean; readonly replayPrefix?: PrefixReplay } = {},
): CaseCore {
  return {
    plan,
    caseId,
    snapshot: plan.stepper.initialSnapshot,
    seq: 0,
    history: [],
    keepsHistory: options.keepsHistory ?? true,
    lastAt: undefined,
    lastEvent: undefined,
    actors: [],
    eventIds: undefined,
    replayPrefix: options.replayPrefix,
  };
}
