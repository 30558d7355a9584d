import { builtInPaths, builtInPathVersions } from '../../machines/index.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { UsageError } from './command.js';

/**
 * The built-in paths a command works on: all of them, or those named by id. The CLI is the one
 * place in `src/` that knows the built-in catalogue.
 *
 * @internal
 */
export function selectPaths(ids: readonly string[] | undefined): AnyPathDefinition[] {
  const all: readonly AnyPathDefinition[] = builtInPaths;
  if (!ids || ids.length === 0) return [...all];
  return ids.map((id) => {
    const found = all.find((path) => path.id === id);
    if (!found) throw new UsageError(`unknown path '${id}'; known: ${all.map((path) => path.id).join(', ')}`);
    return found;
  });
}

/**
 * The catalogue for cases already stored: every built-in path version still in use (`builtInPathVersions`), so that
 * a case recorded under an earlier version replays with it. Commands that open new cases use {@link selectPaths}.
 *
 * @internal
 */
export function storedCasePaths(): AnyPathDefinition[] {
  return [...builtInPathVersions];
}

/**
 * One path a log was recorded on, named `<id>` (the latest version) or `<id>@<version>` (any version in
 * {@link storedCasePaths}), for `validate` and `import` of a log recorded under an earlier version.
 *
 * @internal
 */
export function selectPathVersion(name: string): AnyPathDefinition {
  const match = /^(.+)@(\d+)$/.exec(name);
  if (!match) return selectPaths([name])[0]!;
  const [, id, version] = match;
  const all = storedCasePaths();
  const found = all.find((path) => path.id === id && path.version === Number(version));
  if (!found) throw new UsageError(`unknown path version '${name}'; known: ${all.map((path) => `${path.id}@${path.version}`).join(', ')}`);
  return found;
}
