import type { AnyStateMachine } from 'xstate';
import type { EventSchemas, MachineEventOf } from './eventSchemas.js';
import type { GuardNameOf, StateView } from './stateView.js';
import type { Label } from './label.js';
import type { SourceRef } from './source.js';

/**
 * One step of a case as a rule sees it: the state before, the event, the state after. A rule
 * that needs to know what happened earlier reads a flag the machine keeps in its context; that is
 * what lets the model checker verify the rule over every reachable state, not only over recorded
 * histories.
 *
 * @example
 * ```ts
 * const doctorAfterMapping = (step: RuleStep<typeof workabilityMachine, typeof workabilityEvents>) =>
 *   step.to.value !== 'doctorAssessment' || step.to.context.situationMapped;
 * ```
 */
export interface RuleStep<TMachine extends AnyStateMachine, TEvents extends EventSchemas> {
  readonly from: StateView<TMachine>;
  readonly event: MachineEventOf<TEvents>;
  readonly to: StateView<TMachine>;
}

/**
 * A hard rule of a path: a named invariant with its source, and the guards that implement it.
 * Rules are the specification, guards the implementation. The runtime checks every recorded step
 * against every rule, and reports a refused event whose failing guard enforces a rule as
 * `RULE_VIOLATED` with the rule's id.
 *
 * @example
 * ```ts
 * const situationMappedBeforeDoctor: PathRule<M, E, 'situation-mapped-before-doctor'> = {
 *   id: 'situation-mapped-before-doctor',
 *   name: { fi: 'tilanne kartoitettu', sv: 'situationen kartlagd', en: 'situation mapped' },
 *   sentence: {
 *     fi: 'Asiakkaan tilanne on kartoitettu ennen lääkärin vastaanottoa.',
 *     sv: 'Klientens situation är kartlagd före läkarbesöket.',
 *     en: "The client's situation is mapped before the doctor's visit.",
 *   },
 *   source: { seed: '001_55550c4af1568658.txt', lines: '185' },
 *   enforcedBy: ['situationMapped'],
 *   holds: ({ to }) => to.value !== 'doctorAssessment' || to.context.situationMapped,
 * };
 * ```
 */
export interface PathRule<TMachine extends AnyStateMachine, TEvents extends EventSchemas, TRuleId extends string> {
  /** Stable id, lowercase with dashes; part of the public API once released. */
  readonly id: TRuleId;
  /** A short condition, as a diagram shows it on a guarded edge ("tilanne kartoitettu"). */
  readonly name: Label;
  /** The rule as one sentence. */
  readonly sentence: Label;
  readonly source: SourceRef;
  /** The guards of the machine that enforce this rule. */
  readonly enforcedBy: readonly GuardNameOf<TMachine>[];
  /** True when the step keeps the rule. Pure: no clock, no I/O. */
  holds(step: RuleStep<TMachine, TEvents>): boolean;
}
