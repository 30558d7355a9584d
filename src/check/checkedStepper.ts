import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { AnyPathDefinition, AnyPathRule } from '../path/definition.js';
import { compilePath } from '../case/compilePath.js';
import { PathRuntimeError } from '../case/eventPipeline.js';
import { ruleHolds } from '../case/typeErasure.js';

/**
 * What one event does to one state of a path, as the checker judges it: the machine refuses it,
 * or takes it to a state that keeps every rule, or to one that breaks some (which the runtime
 * refuses too, so a walker does not follow it).
 *
 * @internal
 */
export type CheckedStep =
  | { readonly kind: 'refused' }
  | { readonly kind: 'accepted'; readonly to: AnyMachineSnapshot }
  | { readonly kind: 'breaksRules'; readonly to: AnyMachineSnapshot; readonly broken: readonly AnyPathRule[] };

/**
 * The one way the engine's walkers step a path's machine: the checker's explorer, the reachable
 * outcomes of a BPMN diagram and the summary of recorded cases. Steps go through the compiled
 * path's stepper, the runtime's own (`MachineStepper.step`: the next snapshot, or none when the
 * machine refuses the event), and every rule is checked on every step taken. A guard, action or
 * rule that throws is a bug in the definition and surfaces as a {@link PathRuntimeError} naming
 * the path and event, as from `record`.
 *
 * @internal
 */
export interface CheckedStepper {
  readonly initialSnapshot: AnyMachineSnapshot;
  step(from: AnyMachineSnapshot, event: EventObject): CheckedStep;
}

const refused: CheckedStep = Object.freeze({ kind: 'refused' });

/**
 * A stepper over `definition`'s machine. `clamp` (the checker's counter ceilings) maps each
 * state reached, and the initial one, before the rules see it.
 *
 * @internal
 */
export function createCheckedStepper(
  definition: AnyPathDefinition,
  clamp?: (snapshot: AnyMachineSnapshot) => AnyMachineSnapshot,
): CheckedStepper {
  const { stepper } = compilePath(definition);
  const rules: readonly AnyPathRule[] = definition.rules;
  return {
    initialSnapshot: clamp ? clamp(stepper.initialSnapshot) : stepper.initialSnapshot,
    step(from, event) {
      if (from.status !== 'active') return refused;
      let to: AnyMachineSnapshot | undefined;
      try {
        to = stepper.step(from, event);
        if (to === undefined) return refused;
        if (clamp) to = clamp(to);
      } catch (error) {
        throw new PathRuntimeError(definition.id, event.type, error);
      }
      const step = { from, event, to };
      const broken: AnyPathRule[] = [];
      for (const rule of rules) {
        let holds: boolean;
        try {
          holds = ruleHolds(rule, step);
        } catch (error) {
          throw new PathRuntimeError(definition.id, event.type, error);
        }
        if (!holds) broken.push(rule);
      }
      return broken.length > 0 ? { kind: 'breaksRules', to, broken } : { kind: 'accepted', to };
    },
  };
}
