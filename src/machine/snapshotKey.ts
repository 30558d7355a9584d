import type { AnyMachineSnapshot, AnyStateNode } from 'xstate';

/**
 * A string that is the same for two snapshots exactly when the machine would treat them alike:
 * state value, context, status and, for machines with history states, what each history state
 * remembers. For walking a machine's states and sharing steps between cases.
 *
 * @internal
 */
export function snapshotKey(snapshot: AnyMachineSnapshot): string {
  const history = snapshot.historyValue as Record<string, readonly AnyStateNode[]> | undefined;
  const remembered = history && Object.keys(history).length > 0
    ? Object.fromEntries(Object.entries(history).map(([id, nodes]) => [id, nodes.map((node) => node.id)]))
    : undefined;
  return JSON.stringify([snapshot.value, snapshot.context, snapshot.status, remembered]);
}
