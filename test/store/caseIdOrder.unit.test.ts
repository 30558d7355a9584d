// The memory store orders case ids as PostgreSQL's "C" collation does: by UTF-8 bytes.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { compareCaseIds } from '../../src/store/summaryOrder.js';
import { propertyRun } from '../support/property.js';

it('orders any two well-formed case ids as their UTF-8 bytes compare', () => {
  const id = fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', 'z', '\u00E4', '\uD7FF', '\uE000', '\uFFFD', '\u{10000}', '\u{1F9ED}'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 6,
  });
  fc.assert(
    fc.property(id, id, (a, b) => {
      expect(Math.sign(compareCaseIds(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
    }),
    propertyRun('case id order against UTF-8 bytes', 2000),
  );
});
