import { ipsJobCoachingPath } from './ips-job-coaching/index.js';
import { workabilityPath } from './workability-path/index.js';

export { ipsJobCoachingPath, workabilityPath };
export type { WorkabilityContext } from './workability-path/machine.js';
export type { IpsContext, IpsPhase } from './ips-job-coaching/machine.js';

/**
 * Every built-in path definition, by id: the catalogue the CLI and the docs iterate over.
 *
 * @example
 * ```ts
 * import { builtInPaths } from 'kykypolku/paths';
 * for (const path of builtInPaths) console.log(path.id, path.version);
 * ```
 */
export const builtInPaths = [workabilityPath, ipsJobCoachingPath] as const;

export {
  ipsFidelityBand,
  nextIpsFidelityReviewDue,
  rateIpsFidelity,
  thlFidelityCadence,
  type IpsFidelityBand,
  type IpsFidelityCadence,
  type IpsFidelityNotRated,
  type IpsFidelityRating,
  type IpsFidelityRejection,
  type IpsFidelityResult,
  type IpsFidelityReview,
} from './ips-job-coaching/fidelity.js';
export { ipsFidelityItems, type IpsFidelityGroup, type IpsFidelityItemId } from './ips-job-coaching/fidelityItems.js';
export { kykyviisariAreaLabels, kykyviisariAreas, kykyviisariPhase, kykyviisariRecorded, type KykyviisariArea, type KykyviisariRecorded } from './shared/kykyviisari.js';
export { referredFrom } from './shared/referral.js';
