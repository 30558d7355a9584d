import type { AnyStateMachine, AnyStateNode, StateValue } from 'xstate';

/**
 * Every state node of a machine below its root, depth first in declaration order. Output follows
 * declaration order so that diagrams and tables come out byte for byte the same every time.
 *
 * @internal
 */
export function listStateNodes(machine: AnyStateMachine): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const visit = (node: AnyStateNode): void => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      nodes.push(child);
      visit(child);
    }
  };
  visit(machine.root);
  return nodes;
}

/**
 * The dotted path of a state node below the root (`coordinatorSupport`, `active.jobSearch`).
 *
 * @internal
 */
export function statePathOf(node: AnyStateNode): string {
  return node.path.join('.');
}

/**
 * The state nodes a state value names, from the root down to each leaf. Used to find the
 * transitions a refused event had in the case's current state.
 *
 * @internal
 */
export function activeStateNodes(machine: AnyStateMachine, value: StateValue): AnyStateNode[] {
  const nodes: AnyStateNode[] = [machine.root];
  const descend = (node: AnyStateNode, current: StateValue): void => {
    if (typeof current === 'string') {
      const child = node.states[current] as AnyStateNode | undefined;
      if (child) nodes.push(child);
      return;
    }
    for (const [key, inner] of Object.entries(current)) {
      const child = node.states[key] as AnyStateNode | undefined;
      if (!child) continue;
      nodes.push(child);
      if (inner !== undefined) descend(child, inner);
    }
  };
  descend(machine.root, value);
  return nodes;
}

/**
 * A state value as one readable string: `healthCheck`, `active.jobSearch`, or for parallel
 * regions `a.b, c.d`.
 *
 * @example
 * ```ts
 * describeStateValue({ active: 'jobSearch' }); // 'active.jobSearch'
 * ```
 */
export function describeStateValue(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, inner]) =>
      inner === undefined || (typeof inner === 'object' && Object.keys(inner).length === 0) ? key : `${key}.${describeStateValue(inner)}`,
    )
    .join(', ');
}
