import type { AnyMachineSnapshot } from 'xstate';
import type { AnyPathDefinition } from '../path/definition.js';
import { describeStateValue } from '../machine/stateNodes.js';
import { describePayloadDomain, type FieldDomain } from '../schema/payloadDomain.js';
import type { AlphabetEntry } from './inputAlphabet.js';
import type { Exploration } from './exploreStates.js';
import type { Trace } from './pathCheck.js';

const dayMillis = 86_400_000;

/**
 * Turns walks through an exploration into ready-to-record inputs. Times are an ordered sequence:
 * the machine never sees `at`, so the n-th input is simply `start` + n days. Open date and instant
 * fields of a payload take the day or instant of their input (the checker explored them at one
 * sample: guards and rules must not branch on them); other open fields keep their sample.
 *
 * @internal
 */
export function createTraceBuilder(
  exploration: Exploration,
  start: string,
): (state: number, last?: { via: number; to: AnyMachineSnapshot }) => Trace {
  const startMillis = Date.parse(start);
  if (Number.isNaN(startMillis)) throw new RangeError(`checkPath: start must be an ISO instant, got '${start}'`);
  const { definition, alphabet, parents, vias, snapshots } = exploration;
  const openFields = new Map<string, readonly [string, FieldDomain & { kind: 'open' }][]>();
  const openFieldsOf = (type: string) => {
    let fields = openFields.get(type);
    if (!fields) {
      fields = Object.entries(describePayloadDomain(definition.events[type]!)).filter(
        (field): field is [string, FieldDomain & { kind: 'open' }] => field[1].kind === 'open',
      );
      openFields.set(type, fields);
    }
    return fields;
  };
  const inputOf = (entry: AlphabetEntry, step: number) => {
    const at = new Date(startMillis + step * dayMillis).toISOString().replace('.000Z', 'Z');
    const payload: Record<string, unknown> = { ...entry.payload };
    for (const [field, domain] of openFieldsOf(entry.type)) {
      if (!(field in payload)) continue;
      const timed = domain.format === 'date' ? at.slice(0, 10) : domain.format === 'instant' ? at : undefined;
      if (timed !== undefined && fieldAccepts(definition, entry.type, field, timed)) payload[field] = timed;
    }
    return { type: entry.type, at, actor: { role: entry.role, id: `${entry.role}-1` }, payload };
  };
  return (state, last) => {
    const path: number[] = [];
    for (let at = state; at > 0; at = parents[at]!) path.push(at);
    path.reverse();
    const entries = path.map((at) => alphabet.entries[vias[at]!]!);
    const names = [describeStateValue(snapshots[0]!.value), ...path.map((at) => describeStateValue(snapshots[at]!.value))];
    if (last) {
      entries.push(alphabet.entries[last.via]!);
      names.push(describeStateValue(last.to.value));
    }
    // Inputs are built per the definition's own schemas, with permitted roles: they have its types.
    return { inputs: entries.map(inputOf) as Trace['inputs'], states: names };
  };
}

function fieldAccepts(definition: AnyPathDefinition, type: string, field: string, value: unknown): boolean {
  const fieldSchema = definition.events[type]!.shape[field];
  return fieldSchema !== undefined && (fieldSchema as { safeParse(value: unknown): { success: boolean } }).safeParse(value).success;
}
