import type { AnyDeadlineRule, AnyPathDefinition } from '../path/definition.js';
import type { DeadlineMigration } from '../path/deadline.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import type { PrefixReplay } from './caseCore.js';
import { deadlineDueAt, type ErasedView } from './typeErasure.js';

/** The dates a reading of {@link DeadlineMigration} works from, for one deadline of one case. @internal */
export interface DatesAtMigration {
  /** What the old version's rule said was due at the migration (none when it had no such deadline due). */
  readonly oldDueAt: string | undefined;
  /** What the new version's rule says over the same history: none means nothing is due, whatever the reading. */
  readonly newDueAt: string | undefined;
  /** The new version's rule over the same history with every event moved to the migration instant. */
  readonly restartDueAt: string | undefined;
  /** The `at` of the case's last event under the old version. */
  readonly lastWrittenAt: string;
  /** The migration instant. */
  readonly migratedAt: string;
}

/**
 * The due date a deadline has after a migration, by its reading. Pure: only the given instants,
 * never a clock. The new rule decides whether anything is due; the reading decides when.
 *
 * @internal
 */
export function dueDateThroughMigration(reading: DeadlineMigration, dates: DatesAtMigration): string | undefined {
  const { oldDueAt, newDueAt } = dates;
  if (newDueAt === undefined) return undefined;
  switch (reading) {
    case 'recompute':
      return newDueAt;
    case 'keep-due-date':
      return oldDueAt ?? newDueAt;
    case 'keep-remaining': {
      if (oldDueAt === undefined) return newDueAt;
      const remaining = Date.parse(oldDueAt) - Date.parse(dates.lastWrittenAt);
      // Nothing was left (it was due already): it stays due at its own date, not at a new one to fire again.
      return remaining <= 0 ? oldDueAt : new Date(Date.parse(dates.migratedAt) + remaining).toISOString();
    }
    case 'restart':
      return dates.restartDueAt ?? newDueAt;
  }
}

/** The new version's rule over `history` counted afresh from `migratedAt`: every event moved to that instant. @internal */
export function restartedDueAt(rule: AnyDeadlineRule, history: readonly RecordedEvent[], view: ErasedView, migratedAt: string) {
  return deadlineDueAt(
    rule,
    history.map((event) => ({ ...event, at: migratedAt })),
    view,
  );
}

/** Per deadline id of a migrated case: the new rule's date at the migration, and the date the reading gives it. */
type MigratedDates = ReadonlyMap<string, { readonly atMigration: string; readonly dueAt: string | undefined }>;

interface Remembered {
  readonly definition: AnyPathDefinition;
  readonly boundary: number;
  readonly dates: MigratedDates | undefined;
}

// Worked out once per history: the part before the migration never changes once the case has moved.
const remembered = new WeakMap<readonly RecordedEvent[], Remembered>();

/** Where a case moved to `definition`'s version: its first event of that version, after older ones. */
function boundaryOf(definition: AnyPathDefinition, history: readonly RecordedEvent[]): number {
  for (let index = 0; index < history.length; index++) {
    const path = history[index]!.path;
    if (path.id === definition.id && path.version === definition.version) return index;
  }
  return -1;
}

function workOut(
  definition: AnyPathDefinition,
  history: readonly RecordedEvent[],
  boundary: number,
  replay: PrefixReplay,
): MigratedDates | undefined {
  const readings = definition.deadlines.filter((rule) => (rule.onMigration ?? 'recompute') !== 'recompute');
  if (readings.length === 0) return undefined;
  const before = history.slice(0, boundary);
  const last = before[before.length - 1]!;
  const migratedAt = history[boundary]!.at;
  const moved = replay(definition, before);
  // Stored under the new version, the case replayed under it; a prefix that does not is left to the rule.
  if (!moved) return undefined;
  const fromPath = definition.migrations?.find((migration) => migration.from === last.path.version)?.fromPath;
  const old = fromPath ? replay(fromPath, before) : undefined;
  const oldDates = old ? dueDatesOf(fromPath!, old.history, old.view, replay) : new Map<string, string>();
  const view = moved.view;
  const dates = new Map<string, { atMigration: string; dueAt: string | undefined }>();
  for (const rule of readings) {
    const newDueAt = deadlineDueAt(rule, before, view);
    if (newDueAt === undefined) continue;
    const dueAt = dueDateThroughMigration(rule.onMigration!, {
      oldDueAt: oldDates.get(rule.id),
      newDueAt,
      restartDueAt: rule.onMigration === 'restart' ? restartedDueAt(rule, before, view, migratedAt) : undefined,
      lastWrittenAt: last.at,
      migratedAt,
    });
    dates.set(rule.id, { atMigration: newDueAt, dueAt });
  }
  return dates;
}

function migratedDates(definition: AnyPathDefinition, history: readonly RecordedEvent[], replay: PrefixReplay): MigratedDates | undefined {
  const boundary = boundaryOf(definition, history);
  if (boundary < 1) return undefined;
  const known = remembered.get(history);
  if (known && known.definition === definition && known.boundary === boundary) return known.dates;
  const dates = workOut(definition, history, boundary, replay);
  remembered.set(history, { definition, boundary, dates });
  return dates;
}

/**
 * When each deadline of a case falls due, by id (only those due): the rule over the history, moved
 * by the deadline's `onMigration` reading when the case migrated to this version, for as long as
 * the rule still gives the date it gave at the migration. Without `replay` (a core made for a new
 * case, whose history never migrates) every date is the rule's.
 *
 * @internal
 */
export function dueDatesOf(
  definition: AnyPathDefinition,
  history: readonly RecordedEvent[],
  view: ErasedView,
  replay: PrefixReplay | undefined,
): Map<string, string> {
  const due = new Map<string, string>();
  let migrated: MigratedDates | undefined;
  let looked = false;
  for (const rule of definition.deadlines) {
    const current = deadlineDueAt(rule, history, view);
    if (current === undefined) continue;
    if (replay && (rule.onMigration ?? 'recompute') !== 'recompute') {
      if (!looked) {
        migrated = migratedDates(definition, history, replay);
        looked = true;
      }
      const dates = migrated?.get(rule.id);
      if (dates && dates.atMigration === current) {
        if (dates.dueAt !== undefined) due.set(rule.id, dates.dueAt);
        continue;
      }
    }
    due.set(rule.id, current);
  }
  return due;
}
