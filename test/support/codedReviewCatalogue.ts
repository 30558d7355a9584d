// A host's catalogue module whose path carries the host's service-task code (withServiceTask), as
// `kykypolku export --module` loads it.
import { withServiceTask } from 'kykypolku';
import { reviewPath } from './reviewPath.js';

export const reviewServiceTask = { system: 'urn:oid:1.2.246.537.6.0000', code: 'host-review' } as const;
export const catalogue = [withServiceTask(reviewPath, reviewServiceTask)];
