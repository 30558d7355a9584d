import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { listStateNodes } from './stateNodes.js';
import { canonicalJson } from '../json/canonicalJson.js';

/**
 * The identity of reachable states, and the index of those already found. A state is its state
 * value and its context in canonical form (sorted keys), and — only when the machine has history
 * states — its history value (which child each history state would re-enter). Two snapshots with
 * the same identity behave the same on every future input, so the checker explores each once.
 *
 * @internal
 */
export interface StateIndex {
  /** The index of a state equal to the snapshot, or -1 with the snapshot's key parts kept for `add`. */
  find(snapshot: AnyMachineSnapshot): number;
  /** Adds the snapshot last passed to `find` under the given index. */
  addLastFound(index: number): void;
  /**
   * Tells the index the state being expanded. Most transitions assign nothing and keep the very
   * same context object; contexts are immutable (XState's assign makes a new object), so such a
   * target reuses its source's context key.
   */
  expanding(snapshot: AnyMachineSnapshot): void;
  /** The whole key of a snapshot, as one string. */
  keyOf(snapshot: AnyMachineSnapshot): string;
}

/** @internal */
export function createStateIndex(
  machine: AnyStateMachine,
  hasHistory = listStateNodes(machine).some((node) => node.type === 'history'),
): StateIndex {
  // Two levels, the state value first: value keys are few and interned, so their hashes are
  // computed once, and the second level hashes only the context.
  const byValue = new Map<string, Map<string, number>>();
  const valueKeys = new Map<string, string>();
  const valueKey = (value: unknown): string => {
    // Flat machines have string values; compound values are new objects on every snapshot.
    if (typeof value === 'string') {
      let key = valueKeys.get(value);
      if (key === undefined) {
        key = JSON.stringify(value);
        valueKeys.set(value, key);
      }
      return key;
    }
    const key = canonicalJson(value);
    let interned = valueKeys.get(key);
    if (interned === undefined) {
      interned = key;
      valueKeys.set(key, interned);
    }
    return interned;
  };
  let sourceContext: unknown;
  let sourceContextKey = '';
  const restKey = (snapshot: AnyMachineSnapshot): string => {
    const context = sameShallow(snapshot.context, sourceContext) ? sourceContextKey : canonicalJson(snapshot.context);
    return hasHistory ? `${context}|${historyKey(snapshot)}` : context;
  };
  let lastStates: Map<string, number> | undefined;
  let lastRest = '';
  return {
    find(snapshot) {
      const value = valueKey(snapshot.value);
      lastStates = byValue.get(value);
      if (lastStates === undefined) {
        lastStates = new Map();
        byValue.set(value, lastStates);
      }
      lastRest = restKey(snapshot);
      return lastStates.get(lastRest) ?? -1;
    },
    addLastFound(index) {
      lastStates!.set(lastRest, index);
    },
    expanding(snapshot) {
      sourceContext = snapshot.context;
      sourceContextKey = canonicalJson(snapshot.context);
    },
    keyOf(snapshot) {
      return `${valueKey(snapshot.value)}|${canonicalJson(snapshot.context)}${hasHistory ? `|${historyKey(snapshot)}` : ''}`;
    },
  };
}

/**
 * The same object, or objects with the same keys holding identical values: XState's assign makes a
 * new context even when nothing changes (a flag set again, a partial of {}), and such a target
 * shares its source's key without building and hashing a new one.
 */
function sameShallow(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if ((a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key] || !(key in b)) return false;
  }
  return true;
}

function historyKey(snapshot: AnyMachineSnapshot): string {
  const history = (snapshot as { historyValue?: Record<string, readonly { id: string }[]> }).historyValue ?? {};
  return Object.keys(history)
    .sort()
    .map(
      (id) =>
        `${id}=${history[id]!.map((node) => node.id)
          .sort()
          .join(',')}`,
    )
    .join(';');
}
