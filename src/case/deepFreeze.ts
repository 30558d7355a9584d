/**
 * Freezes an object and everything reachable from it, so that a host holding `caseRef.state` cannot
 * change a snapshot that other cases share (every new case starts from the same initial snapshot).
 *
 * @internal
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
