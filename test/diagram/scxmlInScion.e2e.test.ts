import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCase, type AnyPathDefinition } from 'kykypolku';
import { toScxml } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { acceptedHistoryArbitrary } from 'kykypolku/testing';
import { propertyRun } from '../support/property.js';
import { reviewPath } from '../support/reviewPath.js';
import { loadScxml } from '../support/scion.js';
import { leafStatesOf, refusedCandidates } from '../support/caseProbe.js';

const paths: readonly AnyPathDefinition[] = [reviewPath, ...builtInPaths];

// SCION is an SCXML interpreter written apart from XState: the exported SCXML must behave like the
// case, state for state and context for context, on every accepted history.
describe.each(paths.map((path) => [path.id, path] as const))('the SCXML of %s in SCION', (_id, definition) => {
  it('loads without warnings from the exporter', async () => {
    const { text, warnings } = toScxml(definition);
    expect(warnings).toEqual([]);
    await expect(loadScxml(definition.id, text)).resolves.toBeTypeOf('function');
  });

  it('ends each accepted history where the case ends, and a refused event leaves SCION as it leaves the case', async () => {
    const start = await loadScxml(definition.id, toScxml(definition).text);
    await fc.assert(
      fc.asyncProperty(acceptedHistoryArbitrary(definition), async (inputs) => {
        const caseRef = openCase(definition, { caseId: 'scion' });
        const statechart = await start();
        expect(statechart.start()).toEqual(leafStatesOf(caseRef.state.value));
        for (const input of inputs) {
          expect(caseRef.record(input as never).ok).toBe(true);
          statechart.gen({ name: String(input.type), data: input.payload });
          expect(statechart.getConfiguration().sort()).toEqual(leafStatesOf(caseRef.state.value));
        }
        expect(statechart.getSnapshot()[3].context).toEqual(caseRef.state.context);
        expect(statechart.isFinal()).toBe(caseRef.state.status === 'closed');
        for (const refused of refusedCandidates(caseRef)) {
          statechart.gen({ name: refused.type, data: refused.payload });
          expect(statechart.getConfiguration().sort(), `${refused.type} ${JSON.stringify(refused.payload)}`).toEqual(
            leafStatesOf(caseRef.state.value),
          );
          expect(statechart.getSnapshot()[3].context).toEqual(caseRef.state.context);
        }
      }),
      propertyRun(`SCXML of ${definition.id} in SCION`, 100),
    );
  });
});
