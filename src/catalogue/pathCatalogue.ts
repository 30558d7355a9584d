import type { AnyPathDefinition } from '../path/definition.js';

/**
 * The path definitions a host runs, every version it still has cases of: a case is replayed with
 * the version it was recorded under, and new cases open on the latest version of a path.
 *
 * @example
 * ```ts
 * const catalogue = createPathCatalogue([reviewPathV1, reviewPathV2]);
 * catalogue.latest('review-path')?.version; // 2
 * catalogue.get('review-path', 1) === reviewPathV1; // true
 * ```
 */
export interface PathCatalogue<D extends AnyPathDefinition = AnyPathDefinition> {
  /** Every definition, in the order given. */
  readonly definitions: readonly D[];
  /** The definition of one version of a path, if the catalogue holds it. */
  get(pathId: string, version: number): D | undefined;
  /** The highest version of a path the catalogue holds. */
  latest(pathId: string): D | undefined;
  /** The path ids, each once, in the order first given. */
  readonly pathIds: readonly string[];
}

/**
 * Makes a catalogue of path definitions. Throws a `TypeError` when two definitions share an id and
 * a version: the catalogue could not tell which one a stored case was recorded under.
 *
 * @example
 * ```ts
 * const catalogue = createPathCatalogue([workabilityPath]);
 * ```
 */
export function createPathCatalogue<D extends AnyPathDefinition>(definitions: readonly D[]): PathCatalogue<D> {
  const byKey = new Map<string, D>();
  const latest = new Map<string, D>();
  for (const definition of definitions) {
    const key = `${definition.id}@${definition.version}`;
    if (byKey.has(key)) throw new TypeError(`createPathCatalogue: ${key} is given twice; keep one definition per path version`);
    byKey.set(key, definition);
    const current = latest.get(definition.id);
    if (!current || current.version < definition.version) latest.set(definition.id, definition);
  }
  return Object.freeze({
    definitions: Object.freeze([...definitions]),
    pathIds: Object.freeze([...latest.keys()]),
    get: (pathId: string, version: number) => byKey.get(`${pathId}@${version}`),
    latest: (pathId: string) => latest.get(pathId),
  });
}

/** A catalogue as given, or one made from a list of definitions. @internal */
export function asCatalogue<D extends AnyPathDefinition>(catalogue: PathCatalogue<D> | readonly D[]): PathCatalogue<D> {
  return Array.isArray(catalogue) ? createPathCatalogue(catalogue as readonly D[]) : (catalogue as PathCatalogue<D>);
}
