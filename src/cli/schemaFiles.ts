import type { AnyPathDefinition } from '../path/definition.js';
import { toJsonSchema } from '../jsonSchema/toJsonSchema.js';

/**
 * The committed JSON Schema files of the given paths, by path relative to `docs/schemas/`:
 * `<path-id>/input.schema.json`, `log-line.schema.json`, `recorded-event.schema.json` and
 * `payloads/<EVENT_TYPE>.schema.json`. Deterministic text, no timestamps, ending in a newline.
 *
 * @internal
 */
export function schemaFiles(definitions: readonly AnyPathDefinition[]): Map<string, string> {
  const files = new Map<string, string>();
  const text = (schema: unknown) => `${JSON.stringify(schema, null, 2)}\n`;
  for (const definition of definitions) {
    const schemas = toJsonSchema(definition);
    files.set(`${definition.id}/input.schema.json`, text(schemas.input));
    files.set(`${definition.id}/log-line.schema.json`, text(schemas.logLine));
    files.set(`${definition.id}/recorded-event.schema.json`, text(schemas.recordedEvent));
    for (const [type, schema] of Object.entries(schemas.payloads)) files.set(`${definition.id}/payloads/${type}.schema.json`, text(schema));
  }
  return files;
}
