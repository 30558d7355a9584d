// Every transition a built-in path declares is taken by some synthetic case: no transition is dead
// (a guard that can never hold where it stands), and every one is recorded through the rules.
import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { openCase, simulateCohort, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { listStateNodes, statePathOf } from '../../src/machine/stateNodes.js';

interface DeclaredTransition {
  readonly source: string;
  readonly eventType: string;
  /** Dotted target paths; empty for a transition that stays in its state. */
  readonly targets: readonly string[];
}

function declaredTransitions(definition: AnyPathDefinition): DeclaredTransition[] {
  return [definition.machine.root as AnyStateNode, ...listStateNodes(definition.machine)].flatMap((node) =>
    [...node.transitions.entries()].flatMap(([eventType, transitions]) =>
      transitions.map((transition) => ({
        source: statePathOf(node),
        eventType,
        targets: (transition.target ?? []).map((target: AnyStateNode) => statePathOf(target)),
      })),
    ),
  );
}

const within = (state: string, path: string) => path === '' || state === path || state.startsWith(`${path}.`);

describe.each(builtInPaths.map((path) => [path.id, path as AnyPathDefinition] as const))('transitions of %s', (_id, definition) => {
  it('are each taken by some case of a synthetic cohort', () => {
    const steps: { before: string; type: string; after: string }[] = [];
    for (const seed of [1, 2, 3]) {
      for (const live of simulateCohort(definition, { clients: 600, seed, faultRate: 0 }).cases) {
        const replay = openCase(definition, { caseId: live.caseId });
        for (const event of live.history) {
          const before = replay.stateName;
          const { type, at, actor, payload } = event;
          expect(replay.record({ type, at, actor, payload } as never).ok).toBe(true);
          steps.push({ before, type: event.type, after: replay.stateName });
        }
      }
    }
    const untaken = declaredTransitions(definition).filter(
      (transition) =>
        !steps.some(
          (step) =>
            step.type === transition.eventType &&
            within(step.before, transition.source) &&
            (transition.targets.length === 0
              ? step.after === step.before
              : transition.targets.some(
                  (target) =>
                    within(step.after, target) ||
                    (target.endsWith('.phaseLeft') && within(step.after, target.slice(0, -'.phaseLeft'.length))),
                )),
        ),
    );
    expect(untaken).toEqual([]);
  });
});
