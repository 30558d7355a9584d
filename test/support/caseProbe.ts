import type { StateValue } from 'xstate';
import { enumeratePayloads, type AnyPathCase } from 'kykypolku';

/** The dotted paths of the leaf states a state value names, sorted: an SCXML configuration. */
export function leafStatesOf(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}${value}`];
  return Object.entries(value)
    .flatMap(([key, inner]) =>
      inner === undefined || (typeof inner === 'object' && Object.keys(inner).length === 0)
        ? [`${prefix}${key}`]
        : leafStatesOf(inner, `${prefix}${key}.`),
    )
    .sort();
}

/** Every (type, payload) the path knows that the case refuses now. */
export function refusedCandidates(caseRef: AnyPathCase): { type: string; payload: Record<string, unknown> }[] {
  const definition = caseRef.definition;
  return Object.keys(definition.events).flatMap((type) =>
    enumeratePayloads(definition.events[type]!)
      .filter((payload) => !caseRef.accepts(type as never, payload as never))
      .map((payload) => ({ type, payload })),
  );
}
