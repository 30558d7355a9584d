// A host's catalogue module for `kykypolku migrate-check --module`: v1 and a v2 whose deadline moves, 'keep-remaining'.
import { reviewPath } from './reviewPath.js';
import { reviewPathV2Deadline } from './reviewDeadlinePaths.js';

export const catalogue = [reviewPath, reviewPathV2Deadline('keep-remaining')];
