import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyPathDefinition } from '../path/definition.js';
import { UsageError } from './command.js';

function isPathDefinition(value: unknown): value is AnyPathDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { machine?: unknown }).machine === 'object' &&
    typeof (value as { events?: unknown }).events === 'object' &&
    Array.isArray((value as { rules?: unknown }).rules)
  );
}

/**
 * The path definitions a host's modules export (each export that is a definition, or an array of
 * them), in export order, without duplicates. A module that exports none is a usage error.
 *
 * @internal
 */
export async function loadPathModules(files: readonly string[]): Promise<AnyPathDefinition[]> {
  const found: AnyPathDefinition[] = [];
  for (const file of files) {
    let exports: Record<string, unknown>;
    try {
      exports = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(
        `cannot load ${file}: ${error instanceof Error ? error.message : String(error)} (give a built JavaScript module)`,
      );
    }
    const before = found.length;
    // A CommonJS module arrives as its module.exports under `default`.
    const values = [
      ...Object.values(exports),
      ...(typeof exports.default === 'object' && exports.default !== null ? Object.values(exports.default) : []),
    ];
    for (const value of values) {
      for (const candidate of Array.isArray(value) ? value : [value]) {
        if (isPathDefinition(candidate) && !found.includes(candidate)) found.push(candidate);
      }
    }
    if (found.length === before) throw new UsageError(`${file} exports no path definition (made with definePath)`);
  }
  return found;
}
