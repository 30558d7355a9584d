// A host's catalogue module, as `kykypolku migrate-check --module` loads it: every version of
// its paths still in use.
import { reviewPath } from './reviewPath.js';
import { reviewPathV2 } from './reviewPathV2.js';

export const catalogue = [reviewPath, reviewPathV2];
