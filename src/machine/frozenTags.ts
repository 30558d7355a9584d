/**
 * The tags of a compiled snapshot: a `Set` that refuses `add`, `delete` and `clear` once built, so
 * that every snapshot landing in the same configuration can share one instead of building its own
 * per step (XState builds a new `Set` per snapshot; nothing in XState or this library changes one).
 * Shared, it must not be changed through any snapshot: the mutators throw, and the object is frozen
 * so they cannot be replaced on it.
 *
 * @internal
 */
export class FrozenTags extends Set<string> {
  // Set's constructor adds the initial tags through `this.add`, before this field exists.
  readonly #sealed = true;

  constructor(tags: Iterable<string>) {
    super(tags);
    Object.freeze(this);
  }

  override add(tag: string): this {
    if (#sealed in this && this.#sealed) throw new TypeError('the tags of a snapshot cannot be changed');
    return super.add(tag);
  }

  override delete(_tag: string): boolean {
    throw new TypeError('the tags of a snapshot cannot be changed');
  }

  override clear(): void {
    throw new TypeError('the tags of a snapshot cannot be changed');
  }
}

/** The tags of a snapshot as a {@link FrozenTags}: the same object when they already are one. @internal */
export function frozenTagsOf(tags: ReadonlySet<string>): FrozenTags {
  return tags instanceof FrozenTags ? tags : new FrozenTags(tags);
}
