import { asStoreInput } from '../case/typeErasure.js';
import type { DeadlineClaim, DeadlineFailure } from '../deadlines/deadlineClaims.js';
import type { AnyPathDefinition } from '../path/definition.js';
import type { IndexedEventStore } from '../store/eventStore.js';
import type { CaseStore, CaseStoreFailure } from './openCaseStore.js';

/** What {@link fireDeadline} did with a claim; the claim is settled in every case but `notHeld`. */
export type DeadlineFiring =
  | {
      /** The deadline asks for a notice only (its path declares no event, or it names no deadline the path still has). */
      readonly kind: 'notice';
      readonly claim: DeadlineClaim;
    }
  | {
      /** The path's event for the deadline was recorded, through every rule, at `seq`. */
      readonly kind: 'recorded';
      readonly claim: DeadlineClaim;
      readonly type: string;
      readonly seq: number;
      /** The event was already recorded (a worker stopped between recording and settling): nothing new was written. */
      readonly alreadyRecorded: boolean;
    }
  | {
      /** The path's rules refused the event, or it could not be stored: reported, never forced. The claim is settled. */
      readonly kind: 'refused';
      readonly claim: DeadlineClaim;
      readonly type: string;
      readonly failure: CaseStoreFailure;
    }
  | {
      /** The claim was no longer this worker's when it came to settle it; nothing was recorded. */
      readonly kind: 'notHeld';
      readonly claim: DeadlineClaim;
      readonly failure: DeadlineFailure;
    };

/** The event id a firing records under: the same for every worker that fires this deadline at this due instant. */
function firingEventId(claim: DeadlineClaim): string | undefined {
  const id = `deadline:${claim.deadlineId}:${Date.parse(claim.dueAt)}`;
  return id.length <= 200 ? id : undefined;
}

/**
 * Does what a claimed deadline's path declares (`onDue` of the deadline rule) and settles the claim:
 * a notice is returned for the host to send; an event is recorded through `cases.record` at `now`,
 * under an event id of its own, so a firing repeated after a worker died records it once. The
 * recorded event usually meets the deadline: the claim then settles as moot, which is success.
 *
 * @example
 * ```ts
 * const cases = openCaseStore(store, [workabilityPath]);
 * const claimed = await store.claimDueDeadlines({ now, limit: 100, workerId: 'worker-1', lease: 60_000 });
 * for (const claim of claimed.claims ?? []) {
 *   const fired = await fireDeadline(store, cases, claim, { now });
 *   if (fired.kind === 'refused') console.log(claim.deadlineId, fired.failure.code);
 * }
 * ```
 */
export async function fireDeadline<D extends AnyPathDefinition>(
  store: IndexedEventStore,
  cases: CaseStore<D>,
  claim: DeadlineClaim,
  options: { readonly now: string },
): Promise<DeadlineFiring> {
  const loaded = await cases.load(claim.caseId);
  const rule = loaded.ok ? loaded.case.definition.deadlines.find((deadline) => deadline.id === claim.deadlineId) : undefined;
  const onDue = rule?.onDue;
  if (!onDue || onDue.kind === 'notice') {
    const settled = await store.completeDeadline(claim);
    return settled.ok ? { kind: 'notice', claim } : { kind: 'notHeld', claim, failure: settled.failure };
  }
  const event = onDue.event({ dueAt: claim.dueAt, now: options.now });
  const eventId = firingEventId(claim);
  const input = { ...event, at: options.now, ...(eventId === undefined ? {} : { eventId }) };
  const recorded = await cases.record(claim.caseId, asStoreInput(input));
  const settled = await store.completeDeadline(claim);
  // The event met the deadline: its row is gone with the append, and the claim with it.
  const moot = !settled.ok && settled.failure.code === 'CLAIM_NOT_HELD' && settled.failure.reason === 'moot';
  if (!settled.ok && !moot && !recorded.ok) return { kind: 'notHeld', claim, failure: settled.failure };
  if (!recorded.ok) return { kind: 'refused', claim, type: event.type, failure: recorded.failure };
  return { kind: 'recorded', claim, type: event.type, seq: recorded.event.seq, alreadyRecorded: recorded.alreadyRecorded };
}
