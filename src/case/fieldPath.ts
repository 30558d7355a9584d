/**
 * A field path as a message names it (`payload.referredFrom.caseId`): each key cut to a short
 * excerpt, since a key can be client text and a message never repeats client text whole.
 *
 * @internal
 */
export function describeFieldPath(path: readonly PropertyKey[], whole = '(input)'): string {
  if (path.length === 0) return whole;
  return path.map((key) => (typeof key === 'string' && key.length > 40 ? `${Array.from(key).slice(0, 40).join('')}…` : String(key))).join('.');
}
