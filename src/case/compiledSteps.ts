import type { CompiledStepReport } from '../machine/compiledStepper.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { compilePath } from './compilePath.js';

export type { CompiledStepReport };

/**
 * Which of a path's transitions `record` and `replayCase` answer with the compiled stepper, and
 * which are left to XState itself, with why: a whole machine outside the compiled class (parallel
 * states, entry or exit actions, eventless transitions, …) or one transition (a nested final state
 * whose done event the machine may answer, an action other than `assign`, …). Every built-in path
 * compiles whole. Either way the step is the one XState takes; the report says only how fast.
 *
 * @example
 * ```ts
 * const report = describeCompiledSteps(workabilityPath);
 * report.compiled; // true
 * report.fallbacks; // []
 * ```
 */
export function describeCompiledSteps(definition: AnyPathDefinition): CompiledStepReport {
  return compilePath(definition).stepper.report;
}
