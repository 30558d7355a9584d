import type { AnyPathDefinition } from '../path/definition.js';
import { enumeratePayloads } from '../schema/payloadDomain.js';

/**
 * One letter of the checker's input alphabet: an event type, one payload its schema allows (as a
 * host writes it, and as the machine receives it after parsing), and the first role that may
 * record it.
 *
 * @internal
 */
export interface AlphabetEntry {
  readonly type: string;
  /** The payload as a host records it. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** The event as the machine receives it: the payload parsed by its schema. */
  readonly event: { readonly type: string; readonly payload: Readonly<Record<string, unknown>> };
  readonly role: string;
}

/** @internal */
export interface InputAlphabet {
  readonly entries: readonly AlphabetEntry[];
  /** The indices into `entries` of each event type, in declaration order. */
  readonly byType: ReadonlyMap<string, readonly number[]>;
  /** Event types that no role may record: the runtime refuses every one, so they drive nothing. */
  readonly unrecordable: readonly string[];
}

/**
 * Every input the checker tries: each event type that some role may record, with every payload its
 * schema allows when the set is finite, and open fields (dates, identifiers) at one sample value
 * (`describePayloadDomain`). Output follows declaration order.
 *
 * @internal
 */
export function inputAlphabet(definition: AnyPathDefinition): InputAlphabet {
  const entries: AlphabetEntry[] = [];
  const byType = new Map<string, number[]>();
  const unrecordable: string[] = [];
  for (const [type, schema] of Object.entries(definition.events)) {
    const role = definition.permissions[type]?.[0];
    if (role === undefined) {
      unrecordable.push(type);
      continue;
    }
    const indices: number[] = [];
    for (const payload of enumeratePayloads(schema)) {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        throw new Error(
          `path '${definition.id}': the enumerated payload ${JSON.stringify(payload)} of ${type} does not pass its own schema; ` +
            'a refinement on an enumerable field? Move the condition into a guard.',
        );
      }
      indices.push(entries.length);
      entries.push(
        Object.freeze({
          type,
          payload: Object.freeze(payload),
          event: Object.freeze({ type, payload: Object.freeze(parsed.data as Record<string, unknown>) }),
          role,
        }),
      );
    }
    byType.set(type, indices);
  }
  return { entries, byType, unrecordable };
}
