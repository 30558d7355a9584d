/**
 * A base class whose constructor returns the object it is given: a subclass's private fields are
 * then installed on that object, made elsewhere (an event literal). Such a field is a mark no other
 * code can read, copy or forge: a copy, a Proxy or a look-alike of the object lacks it.
 *
 * @internal
 */
export class AdoptObject {
  constructor(target: object) {
    // biome-ignore lint/correctness/noConstructorReturn: returning the target is what installs the subclass's private field on it.
    return target as AdoptObject;
  }
}
