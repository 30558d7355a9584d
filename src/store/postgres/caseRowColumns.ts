import type { RecordedEvent } from '../../path/recordedEvent.js';
import type { CaseProjection } from '../caseIndex.js';

/**
 * The case row's columns an append writes from the case's last event and its projection, in the
 * statements' order: path id, path version, last event's instant, state, status, assignee, next due.
 * One place for `append` and `appendNewCases`, so the two write the same row for the same case.
 *
 * @internal
 */
export function caseRowColumns(last: RecordedEvent, projection: CaseProjection): unknown[] {
  return [
    last.path.id,
    last.path.version,
    last.at,
    projection.state,
    projection.status,
    projection.assignee ?? null,
    projection.nextDueAt ?? null,
  ];
}
