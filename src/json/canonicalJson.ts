/**
 * A value as JSON with object keys in sorted order, so that two equal contexts give the same
 * string whatever order their keys were assigned in. Keys holding `undefined` are left out, as
 * `JSON.stringify` leaves them out: a context that stores `undefined` and one that lacks the key
 * are the same state. Dates print as ISO instants; functions, symbols and bigints have no place
 * in a machine's context and throw.
 *
 * @internal
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const record = value as Record<string, unknown>;
      const keys = sortedKeys(Object.keys(record));
      let text = '{';
      let first = true;
      for (const key of keys) {
        const inner = record[key];
        if (inner === undefined) continue;
        text += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(inner)}`;
        first = false;
      }
      return `${text}}`;
    }
    default:
      throw new TypeError(
        `a machine's context must hold plain data (strings, numbers, booleans, null, arrays, objects), not a ${typeof value}`,
      );
  }
}

// Contexts of one machine nearly always have their keys in one order; sorting them once per order
// instead of once per state is most of the cost of a key.
let lastKeys: readonly string[] = [];
let lastSorted: readonly string[] = [];

function sortedKeys(keys: string[]): readonly string[] {
  if (keys.length === lastKeys.length) {
    let same = true;
    for (let index = 0; index < keys.length; index++) {
      if (keys[index] !== lastKeys[index]) {
        same = false;
        break;
      }
    }
    if (same) return lastSorted;
  }
  lastKeys = keys;
  lastSorted = [...keys].sort();
  return lastSorted;
}
