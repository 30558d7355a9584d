import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { AnyPathDefinition, AnyPathRule } from '../path/definition.js';
import { compilePath } from '../case/compilePath.js';
import { PathRuntimeError } from '../case/recordEvent.js';

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
 * What the checker's alphabet already knows of an event type in a state (compileCheck's
 * `Candidates`): it spares the explorer XState's `getTransitionData` on most steps. A walker over
 * recorded events passes none and gets the same answers.
 *
 * @internal
 */
export interface StepHint {
  /** Some transition for the type is unguarded: the same snapshot back is a self-loop, not a refusal. */
  readonly alwaysEnabled: boolean;
  /** The step would leave the snapshot as it is: no need to take it. */
  readonly selfLoop: boolean;
  /** Every transition for the type assigns: the same snapshot back means refused. */
  readonly sameMeansRefused: boolean;
}

/**
 * The one way the engine's walkers step a path's machine: the checker's explorer, the reachable
 * outcomes of a BPMN diagram and the summary of recorded cases. Steps go through the compiled
 * path's stepper (one inert actor scope); a guard, action or rule that throws is a bug in the
 * definition and surfaces as a {@link PathRuntimeError} naming the path and event, as `record` does.
 *
 * @internal
 */
export interface CheckedStepper {
  readonly initialSnapshot: AnyMachineSnapshot;
  step(from: AnyMachineSnapshot, event: EventObject, hint?: StepHint): CheckedStep;
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
  const machine = definition.machine;
  const rules: readonly AnyPathRule[] = definition.rules;
  return {
    initialSnapshot: clamp ? clamp(stepper.initialSnapshot) : stepper.initialSnapshot,
    step(from, event, hint) {
      if (from.status !== 'active') return refused;
      let to: AnyMachineSnapshot;
      try {
        to = hint?.selfLoop ? from : stepper.next(from, event);
        // XState hands back the very same snapshot when no transition is enabled; an enabled
        // transition without target or actions does too, and only getTransitionData tells them apart.
        if (
          to === from &&
          (hint === undefined
            ? machine.getTransitionData(from, event).length === 0
            : hint.sameMeansRefused || (!hint.alwaysEnabled && machine.getTransitionData(from, event).length === 0))
        ) {
          return refused;
        }
        if (clamp) to = clamp(to);
      } catch (error) {
        throw new PathRuntimeError(definition.id, event.type, error);
      }
      const step = { from, event, to };
      let broken: AnyPathRule[] | undefined;
      for (const rule of rules) {
        let holds: boolean;
        try {
          holds = rule.holds(step as never);
        } catch (error) {
          throw new PathRuntimeError(definition.id, event.type, error);
        }
        if (!holds) (broken ??= []).push(rule);
      }
      return broken ? { kind: 'breaksRules', to, broken } : { kind: 'accepted', to };
    },
  };
}
