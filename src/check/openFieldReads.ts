import type { AnyPathDefinition } from '../path/definition.js';
import { compilePath } from '../case/compilePath.js';
import { describePayloadDomain } from '../schema/payloadDomain.js';
import { guardOccurrences } from './guardOccurrences.js';
import type { CheckWarning } from './pathCheck.js';
import { asGuardImplementation, ruleHolds } from '../case/typeErasure.js';

/**
 * Guards and rules that read an open payload field (a date, an identifier): the checker tries such
 * a field at one sample value, so a guard or rule that branches on it is checked on that value
 * only. Each guard and rule is run once per event type, in the initial state, with the payload
 * watched: a read behind a condition that does not hold there goes unseen, so this is a lint, not
 * a proof.
 *
 * @internal
 */
export function findOpenFieldReads(definition: AnyPathDefinition): CheckWarning[] {
  const warnings: CheckWarning[] = [];
  const initial = compilePath(definition).stepper.initialSnapshot;
  const occurrences = guardOccurrences(definition.machine);
  for (const [eventType, schema] of Object.entries(definition.events)) {
    const open = Object.entries(describePayloadDomain(schema))
      .filter(([, domain]) => domain.kind === 'open')
      .map(([field]) => field);
    if (open.length === 0) continue;
    const sample = schema.safeParse(
      Object.fromEntries(
        Object.entries(describePayloadDomain(schema)).map(([field, domain]) => [
          field,
          domain.kind === 'open' ? domain.sample : domain.values.find((value) => value !== undefined),
        ]),
      ),
    );
    const payload = sample.success ? (sample.data as Record<string, unknown>) : {};
    const watch = (report: (field: string) => void) => ({
      type: eventType,
      payload: new Proxy(payload, {
        get: (target, key) => {
          if (typeof key === 'string' && open.includes(key)) report(key);
          return target[key as string];
        },
      }),
    });
    const guards = [
      ...new Set(occurrences.filter((occurrence) => occurrence.eventType === eventType).map((occurrence) => occurrence.guard)),
    ];
    for (const guard of guards) {
      const implementation = asGuardImplementation((definition.machine.implementations.guards as Record<string, unknown>)[guard]);
      if (implementation === undefined || 'check' in implementation) continue;
      const read = new Set<string>();
      try {
        implementation({ context: initial.context, event: watch((field) => read.add(field)) }, undefined);
      } catch {
        // A guard may expect another state; what it read before throwing still counts.
      }
      for (const field of read) {
        warnings.push({
          code: 'GUARD_READS_OPEN_FIELD',
          message: `guard '${guard}' reads ${eventType}.${field}, which the checker tries at one sample value only`,
          eventType,
          field,
          name: guard,
        });
      }
    }
    for (const rule of definition.rules) {
      const read = new Set<string>();
      try {
        ruleHolds(rule, { from: initial, event: watch((field) => read.add(field)), to: initial });
      } catch {
        // As above.
      }
      for (const field of read) {
        warnings.push({
          code: 'RULE_READS_OPEN_FIELD',
          message: `rule '${rule.id}' reads ${eventType}.${field}, which the checker tries at one sample value only`,
          eventType,
          field,
          name: rule.id,
        });
      }
    }
  }
  return warnings;
}
