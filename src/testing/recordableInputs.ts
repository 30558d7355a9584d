import type { AnyPathDefinition } from '../path/definition.js';
import { compilePath } from '../case/compilePath.js';
import type { AnyPathCase } from '../case/pathCase.js';
import { acceptsAny } from '../case/typeErasure.js';

/** One input a path could record: event type, a payload its schema allows, a role that may record it. @internal */
export interface RecordableInput {
  readonly type: string;
  readonly payload: Record<string, unknown>;
  readonly role: string;
}

/**
 * Every (type, payload, role) a path's inputs can be made of, in declaration order: each event
 * type × each role that may record it × each sample payload (every combination of its finite
 * fields).
 *
 * @internal
 */
export function recordableInputs(definition: AnyPathDefinition): RecordableInput[] {
  const plan = compilePath(definition);
  return plan.eventTypes.flatMap((type) =>
    (definition.permissions[type] ?? []).flatMap((role) => plan.samplePayloads.get(type)!.map((payload) => ({ type, payload, role }))),
  );
}

/** Those of `inputs` the case would accept now. @internal */
export function acceptedNow(caseRef: AnyPathCase, inputs: readonly RecordableInput[]): RecordableInput[] {
  return inputs.filter((input) => acceptsAny(caseRef, input.type, input.payload));
}
