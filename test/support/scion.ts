import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The part of SCION's interpreter the tests use. */
export interface ScionStatechart {
  start(): string[];
  gen(event: { name: string; data: unknown }): string[];
  getConfiguration(): string[];
  getSnapshot(): [string[], unknown, boolean, Record<string, unknown>, unknown];
  isFinal(): boolean;
}

interface ScionModel {
  prepare(callback: (error: unknown, fnModel: unknown) => void): void;
}

interface Scion {
  documentStringToModel(url: string, text: string, callback: (error: unknown, model: ScionModel) => void): void;
  core: { Statechart: new (fnModel: unknown) => ScionStatechart };
}

/**
 * Loads an SCXML document into SCION (`@scion-scxml/scxml`), an SCXML interpreter written apart
 * from XState, and returns a factory of fresh interpreters. SCION needs a document name on
 * Node 20.
 */
export async function loadScxml(name: string, text: string): Promise<() => Promise<ScionStatechart>> {
  const scion = require('@scion-scxml/scxml') as Scion;
  const model = await new Promise<ScionModel>((resolve, reject) =>
    scion.documentStringToModel(`${name}.scxml`, text, (error, loaded) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(loaded),
    ),
  );
  // Each interpreter gets a model of its own: SCION keeps the data model in the prepared model,
  // so two interpreters of one prepared model would share their variables.
  return async () => {
    const fnModel = await new Promise<unknown>((resolve, reject) =>
      model.prepare((error, prepared) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(prepared))),
    );
    return new scion.core.Statechart(fnModel);
  };
}
