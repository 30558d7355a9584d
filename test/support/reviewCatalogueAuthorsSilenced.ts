// A catalogue whose v2 tightens a permission (only reviewers may comment): the gate must stop it.
import { reviewPath } from './reviewPath.js';
import { reviewPathV2AuthorsSilenced } from './reviewPathV2.js';

export const catalogue = [reviewPath, reviewPathV2AuthorsSilenced];
