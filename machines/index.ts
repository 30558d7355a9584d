import { workabilityPath } from './workability-path/index.js';

export { workabilityPath };
export type { WorkabilityContext } from './workability-path/machine.js';

/**
 * Every built-in path definition, by id: the catalogue the CLI and the docs iterate over.
 *
 * @example
 * ```ts
 * import { builtInPaths } from 'kykypolku/paths';
 * for (const path of builtInPaths) console.log(path.id, path.version);
 * ```
 */
export const builtInPaths = [workabilityPath] as const;
