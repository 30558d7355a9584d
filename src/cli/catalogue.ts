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
