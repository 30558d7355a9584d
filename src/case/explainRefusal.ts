import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { AnyPathRule } from '../path/definition.js';
import { formatSource } from '../path/source.js';
import { guardRefsOf } from '../machine/guardRefs.js';
import { activeStateNodes, describeStateValue } from '../machine/stateNodes.js';
import type { CompiledPath } from './compilePath.js';
import type { Rejection } from './rejection.js';

/**
 * The rejection for an event that would break a rule, in one wording wherever it is found.
 *
 * @internal
 */
export function ruleViolated(rule: AnyPathRule, eventType: string, state: string): Rejection {
  return {
    code: 'RULE_VIOLATED',
    message: `${eventType} in state '${state}' would break rule '${rule.id}': ${rule.sentence.en} (${formatSource(rule.source)})`,
    eventType,
    state,
    ruleId: rule.id,
  };
}

type GuardImplementation = (args: { context: unknown; event: unknown }, params: unknown) => boolean;

function evaluateNamedGuard(
  machine: AnyStateMachine,
  name: string,
  params: unknown,
  snapshot: AnyMachineSnapshot,
  event: { type: string },
): boolean | undefined {
  const implementation = (machine.implementations.guards as Record<string, unknown>)[name];
  // Higher-order guards declared in setup() are not evaluated here; the refusal then falls back
  // to NOT_ALLOWED_IN_STATE, which is still true.
  if (typeof implementation !== 'function' || 'check' in implementation) return undefined;
  return (implementation as GuardImplementation)({ context: snapshot.context, event }, params);
}

/**
 * Says why the machine refused an event: `RULE_VIOLATED` when the event has a transition in the
 * current state whose failing guard enforces a rule, `NOT_ALLOWED_IN_STATE` otherwise. Deeper
 * states are asked first, as XState selects transitions.
 *
 * @internal
 */
export function explainRefusal(plan: CompiledPath, snapshot: AnyMachineSnapshot, event: { type: string; payload: unknown }): Rejection {
  const machine = plan.definition.machine;
  const state = describeStateValue(snapshot.value);
  const nodes = activeStateNodes(machine, snapshot.value).reverse();
  for (const node of nodes) {
    for (const transition of node.transitions.get(event.type) ?? []) {
      for (const ref of guardRefsOf(transition.guard)) {
        if (!ref.decisive) continue;
        const rules = plan.rulesByGuard.get(ref.name);
        if (!rules || rules.length === 0) continue;
        if (evaluateNamedGuard(machine, ref.name, ref.params, snapshot, event) !== false) continue;
        return ruleViolated(rules[0]!, event.type, state);
      }
    }
  }
  const hasTransition = nodes.some((node) => (node.transitions.get(event.type)?.length ?? 0) > 0);
  return {
    code: 'NOT_ALLOWED_IN_STATE',
    message: hasTransition
      ? `${event.type} is not allowed in state '${state}' with this payload: no condition of its transitions holds`
      : `${event.type} is not allowed in state '${state}'`,
    eventType: event.type,
    state,
  };
}
