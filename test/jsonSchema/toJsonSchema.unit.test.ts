import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCase, toJsonSchema, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { acceptedHistoryArbitrary, hostileInputArbitrary, inputArbitrary } from 'kykypolku/testing';
import { propertyRun } from '../support/property.js';

function validatorFor(definition: AnyPathDefinition) {
  // ajv is the independent validator: a JSON Schema implementation that knows nothing of zod.
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  const schemas = toJsonSchema(definition);
  return { input: ajv.compile(schemas.input), recorded: ajv.compile(schemas.recordedEvent), logLine: ajv.compile(schemas.logLine) };
}

/** Whether `record` got past its schema step (type and zod schemas) for this input. */
function passesSchemaStep(definition: AnyPathDefinition, input: unknown): boolean {
  const outcome = openCase(definition, { caseId: 'schema-step' }).record(input as never);
  return outcome.ok || (outcome.rejection.code !== 'INVALID_EVENT' && outcome.rejection.code !== 'UNKNOWN_EVENT_TYPE');
}

describe.each(builtInPaths.map((path) => [path.id, path as AnyPathDefinition] as const))('JSON Schema of %s', (id, definition) => {
  const validate = validatorFor(definition);

  it('agrees with record’s schema step on well-formed and hostile inputs', () => {
    fc.assert(
      fc.property(fc.oneof(inputArbitrary(definition), hostileInputArbitrary(definition)), (input) => {
        expect(validate.input(JSON.parse(JSON.stringify(input ?? null)))).toBe(
          passesSchemaStep(definition, JSON.parse(JSON.stringify(input ?? null))),
        );
      }),
      propertyRun(`${id}: JSON Schema agrees with zod`, 500),
    );
  });

  it('agrees on instants and dates that are nearly right (the likeliest place for two validators to differ)', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const nearlyInstant = fc
      .tuple(
        fc.constantFrom('2024', '2025', '1900', '2000'),
        two(13),
        two(32),
        fc.constantFrom('T', 't', ' '),
        two(25),
        two(61),
        two(61),
        fc.constantFrom('', '.5', '.123456789', ','),
        fc.constantFrom('Z', 'z', '+02:00', '-00:00', '+24:00', '+0200', ''),
      )
      .map((parts) => `${parts[0]}-${parts[1]}-${parts[2]}${parts[3]}${parts[4]}:${parts[5]}:${parts[6]}${parts[7]}${parts[8]}`);
    fc.assert(
      fc.property(inputArbitrary(definition), nearlyInstant, (input, at) => {
        const candidate = { ...input, at };
        expect(validate.input(candidate)).toBe(passesSchemaStep(definition, candidate));
      }),
      propertyRun(`${id}: nearly-right instants`, 400),
    );
  });

  it('accepts every event of an accepted history, as input, log line and recorded event', () => {
    fc.assert(
      fc.property(acceptedHistoryArbitrary(definition, { maxEvents: 15 }), (inputs) => {
        const caseRef = openCase(definition, { caseId: 'log' });
        for (const input of inputs) {
          const outcome = caseRef.record(input as never);
          expect(validate.input(input), JSON.stringify(validate.input.errors)).toBe(true);
          expect(validate.logLine({ caseId: 'log', ...input })).toBe(true);
          expect(validate.recorded(JSON.parse(JSON.stringify(outcome.event)))).toBe(true);
        }
      }),
      propertyRun(`${id}: accepted histories pass the JSON Schemas`, 50),
    );
  });

  it('refuses a recorded event of another path version', () => {
    const caseRef = openCase(definition, { caseId: 'v' });
    const [first] = fc.sample(
      acceptedHistoryArbitrary(definition, { maxEvents: 1 }).filter((inputs) => inputs.length === 1),
      { numRuns: 1, seed: 1 },
    );
    const { event } = caseRef.record(first![0] as never);
    expect(validate.recorded({ ...event, path: { id: definition.id, version: definition.version + 1 } })).toBe(false);
  });
});
