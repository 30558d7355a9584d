// The PGlite store writes a prepared run's Bind message itself (pgliteBind.ts): byte for byte what
// PGlite's own serializer writes, for any names and values, with the run's fixed tail after it.
import * as pglite from '@electric-sql/pglite';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { bindMessage } from '../../src/store/postgres/pgliteBind.js';

const { serialize } = pglite.protocol;
const tail = new Uint8Array([...serialize.describe({ type: 'P' }), ...serialize.execute({}), ...serialize.sync()]);

function expected(statement: string, values: (string | null)[]): number[] {
  return [...serialize.bind({ statement, values }), ...tail];
}

it('writes the bytes PGlite writes, for ASCII and other text, nulls and empty values', () => {
  const values = ['store-1', '5', '', null, 'Ääkkönen 🙂', '{"mode":"clinic"}', 'x'.repeat(5000)];
  expect([...bindMessage('kykypolku_appendUnprojected_1', values, tail)]).toEqual(expected('kykypolku_appendUnprojected_1', values));
  expect([...bindMessage('', [], tail)]).toEqual(expected('', []));
  expect([...bindMessage('nimi_ä', ['ö'], tail)]).toEqual(expected('nimi_ä', ['ö']));
});

it('writes the bytes PGlite writes for any well-formed text (property)', () => {
  const seed = 19_003;
  fc.assert(
    fc.property(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.array(fc.option(fc.string({ unit: 'binary', maxLength: 300 }), { nil: null }), { maxLength: 40 }),
      (statement, values) => {
        expect([...bindMessage(statement.replaceAll('\u0000', ''), values, tail)]).toEqual(
          expected(statement.replaceAll('\u0000', ''), values),
        );
      },
    ),
    { seed, numRuns: 300 },
  );
});
