import type { AnyPathDefinition } from '../path/definition.js';
import { createCaseCore, type CaseCore } from '../case/caseCore.js';
import { compilePath } from '../case/compilePath.js';
import type { RecordedEvent } from '../path/recordedEvent.js';
import { applyEvent } from '../case/eventPipeline.js';
import type { Rejection } from '../case/rejection.js';
import type { EventStore } from '../store/eventStore.js';
import type { UnreadableCase } from '../store/scanOptions.js';
import type { ActiveCaseCounter } from './checkCaseload.js';
import { assigneeOfCase } from '../case/typeErasure.js';

/** An event the index could not apply: the log does not continue its case as the path allows. */
export interface CaseloadIndexProblem {
  readonly caseId: string;
  readonly seq: number;
  /** `TAMPERED_EVENT`: the store could not read the case from `seq` on (changed outside it); `catchUp` went on without it. */
  readonly reason: 'UNKNOWN_PATH' | 'OUT_OF_SEQUENCE' | 'EVENT_REJECTED' | 'TAMPERED_EVENT';
  readonly rejection?: Rejection;
}

/**
 * Active cases per path and assignee, kept up to date from recorded events: built from an event
 * store (`catchUp`) and fed each new event (`apply`). An active case is one that is open and whose
 * definition names an assignee (`assigneeOf`).
 */
export interface CaseloadIndex extends ActiveCaseCounter {
  /** Applies one recorded event; returns a problem instead when it does not continue its case. */
  apply(event: RecordedEvent): CaseloadIndexProblem | undefined;
  /** Reads every event of a store in order and applies it; resolves to the problems met. */
  catchUp(store: EventStore): Promise<CaseloadIndexProblem[]>;
}

interface TrackedCase {
  readonly definition: AnyPathDefinition;
  readonly core: CaseCore;
  countedAs: string | undefined;
}

const keyOf = (pathId: string, assignee: string) => `${pathId}\u0000${assignee}`;

/**
 * Creates a caseload index over the given path definitions (each id and version once).
 *
 * @example
 * ```ts
 * const index = createCaseloadIndex([ipsJobCoachingPath]);
 * await index.catchUp(store);
 * caseRef.on('recorded', (event) => index.apply(event));
 * await checkCaseload(index, { pathId: 'ips-job-coaching', assignee: 'coach-7' });
 * ```
 */
export function createCaseloadIndex(definitions: readonly AnyPathDefinition[]): CaseloadIndex {
  const byVersion = new Map(definitions.map((definition) => [`${definition.id}@${definition.version}`, definition]));
  const cases = new Map<string, TrackedCase>();
  const counts = new Map<string, number>();

  const move = (tracked: TrackedCase, countAs: string | undefined) => {
    if (tracked.countedAs === countAs) return;
    if (tracked.countedAs !== undefined) counts.set(tracked.countedAs, (counts.get(tracked.countedAs) ?? 1) - 1);
    if (countAs !== undefined) counts.set(countAs, (counts.get(countAs) ?? 0) + 1);
    tracked.countedAs = countAs;
  };

  const apply = (event: RecordedEvent): CaseloadIndexProblem | undefined => {
    let tracked = cases.get(event.caseId);
    if (!tracked) {
      const definition = byVersion.get(`${event.path.id}@${event.path.version}`);
      if (!definition) return { caseId: event.caseId, seq: event.seq, reason: 'UNKNOWN_PATH' };
      tracked = { definition, core: createCaseCore(compilePath(definition), event.caseId), countedAs: undefined };
      cases.set(event.caseId, tracked);
    }
    if (event.seq !== tracked.core.seq + 1) return { caseId: event.caseId, seq: event.seq, reason: 'OUT_OF_SEQUENCE' };
    const result = applyEvent(tracked.core, event.type, event.at, event.actor, event.payload);
    if (!result.ok) return { caseId: event.caseId, seq: event.seq, reason: 'EVENT_REJECTED', rejection: result.rejection };
    const open = tracked.core.snapshot.status === 'active';
    const assignee = open ? assigneeOfCase(tracked.definition, tracked.core.history, tracked.core.snapshot) : undefined;
    move(tracked, assignee === undefined ? undefined : keyOf(tracked.definition.id, assignee));
    return undefined;
  };

  return {
    apply,
    async catchUp(store) {
      const problems: CaseloadIndexProblem[] = [];
      const onUnreadable = ({ caseId, seq }: UnreadableCase) => void problems.push({ caseId, seq, reason: 'TAMPERED_EVENT' });
      for await (const event of store.readAll({ onUnreadable })) {
        const problem = apply(event);
        if (problem) problems.push(problem);
      }
      return problems;
    },
    async countActiveCases({ pathId, assignee }) {
      return counts.get(keyOf(pathId, assignee)) ?? 0;
    },
  };
}
