import { createPathCatalogue, type PathCatalogue } from '../catalogue/pathCatalogue.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { storedCasePaths } from './catalogue.js';
import { UsageError } from './command.js';
import { loadPathModules } from './loadPathModules.js';

/**
 * The paths a command draws or reports: every version a host's modules export (`--module`), or
 * else every built-in path version (`builtInPathVersions`: the latest, and the earlier ones stored
 * cases may be on, so `workability-path@1` draws the version those cases were recorded under).
 * As for `check` and `migrate-check`, modules replace the built-in catalogue rather than add to
 * it, so a region's own `workability-path` is the one drawn.
 *
 * @internal
 */
export async function pathsFromOptions(modules: readonly string[] | undefined): Promise<PathCatalogue> {
  return createPathCatalogue(modules && modules.length > 0 ? await loadPathModules(modules) : storedCasePaths());
}

/**
 * One path version named on the command line: `<path>` (its latest version in the catalogue) or
 * `<path>@<version>`. An unknown name is a usage error that lists what the catalogue holds.
 *
 * @internal
 */
export function resolvePathReference(catalogue: PathCatalogue, reference: string): AnyPathDefinition {
  const match = /^([A-Za-z0-9][A-Za-z0-9_-]*)(?:@(\d+))?$/.exec(reference);
  const known = () => catalogue.definitions.map((path) => `${path.id}@${path.version}`).join(', ');
  if (!match) throw new UsageError(`name a path as <path> or <path>@<version>, e.g. workability-path@1; got '${reference.slice(0, 60)}'`);
  const [, id, version] = match;
  const found = version === undefined ? catalogue.latest(id!) : catalogue.get(id!, Number(version));
  if (!found) throw new UsageError(`unknown path '${reference}'; known: ${known()}`);
  return found;
}
