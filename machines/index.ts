import { coordinatorServicePath, coordinatorServicePathV1 } from './coordinator-service/index.js';
import { ipsJobCoachingPath, ipsJobCoachingPathV1 } from './ips-job-coaching/index.js';
import { lifestyleGuidancePath, lifestyleGuidancePathV1 } from './lifestyle-guidance/index.js';
import { supportTeamIntakePath, supportTeamIntakePathV1 } from './support-team-intake/index.js';
import { workabilityPath, workabilityPathV1 } from './workability-path/index.js';

export { coordinatorServicePath, ipsJobCoachingPath, lifestyleGuidancePath, supportTeamIntakePath, workabilityPath, workabilityPathV1 };
export { coordinatorServicePathV1, ipsJobCoachingPathV1, lifestyleGuidancePathV1, supportTeamIntakePathV1 };
export type { WorkabilityContext } from './workability-path/machine.js';
export type { IpsContext, IpsPhase } from './ips-job-coaching/machine.js';
export type { CoordinatorContext, CoordinatorExit } from './coordinator-service/machine.js';
export type { LifestyleContext } from './lifestyle-guidance/machine.js';
export type { LifestyleContextV2 } from './lifestyle-guidance/machineV2.js';
export type { TeamIntakeContext } from './support-team-intake/machine.js';
export { coordinatorServices, type CoordinatorService, type NetworkPartner } from './coordinator-service/services.js';
export { coordinatorRoleNames, type DatedRoleName } from './coordinator-service/roles.js';

/**
 * Every built-in path definition, by id: the catalogue the CLI and the docs iterate over.
 *
 * @example
 * ```ts
 * import { builtInPaths } from 'kykypolku/paths';
 * for (const path of builtInPaths) console.log(path.id, path.version);
 * ```
 */
export const builtInPaths = [
  workabilityPath,
  ipsJobCoachingPath,
  coordinatorServicePath,
  lifestyleGuidancePath,
  supportTeamIntakePath,
] as const;

/**
 * Every built-in path version that stored cases may still be on: the latest of each path ({@link builtInPaths})
 * and the earlier versions kept for the cases recorded under them. The catalogue to replay, export or
 * migration-check a store with; new cases open on the latest.
 *
 * @example
 * ```ts
 * import { createPathCatalogue } from 'kykypolku';
 * import { builtInPathVersions } from 'kykypolku/paths';
 *
 * const catalogue = createPathCatalogue(builtInPathVersions);
 * catalogue.get('workability-path', 1); // the version stored cases of 2025 were recorded under
 * ```
 */
export const builtInPathVersions = [
  ...builtInPaths,
  workabilityPathV1,
  ipsJobCoachingPathV1,
  coordinatorServicePathV1,
  lifestyleGuidancePathV1,
  supportTeamIntakePathV1,
] as const;

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
export {
  kykyviisariAreaLabels,
  kykyviisariAreas,
  kykyviisariPhase,
  kykyviisariRecorded,
  type KykyviisariArea,
  type KykyviisariRecorded,
} from './shared/kykyviisari.js';
export { referredFrom } from './shared/referral.js';
export { fhirMappings } from './fhirMappings.js';
