import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definePath, type PathIndicator, PathDefinitionError } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { reviewSpec } from '../support/reviewPath.js';

// The seed documents live outside the repository (the project's shared folder).
const seedFolder = process.env.KYKYPOLKU_SEEDS ?? '/work/shared/seeds';
const seed = reviewSpec().sources[0]!.seed;
const label = { fi: 'Nimi', sv: 'Namn', en: 'Name' };
const valid: PathIndicator = {
  id: 'reviewed-share',
  kind: 'share',
  name: label,
  definition: label,
  source: { seed, lines: '1' },
  period: { by: 'contact' },
  numerator: { type: 'REVIEWED', where: { field: 'approved', equals: [true] }, withinMonths: 1 },
};
const defineWith = (indicators: readonly unknown[]) => () => definePath({ ...reviewSpec(), indicators } as never);

describe('indicators in definePath', () => {
  it('accepts a well-formed declaration', () => {
    expect(definePath({ ...reviewSpec(), indicators: [valid] } as never).indicators).toEqual([valid]);
  });

  it.each([
    ['an id that is not dashed words', { ...valid, id: 'Reviewed Share' }, /indicator 'Reviewed Share' id must be lowercase words/],
    ['a name missing a language', { ...valid, name: { fi: 'Nimi', en: 'Name' } }, /has no name in every language/],
    ['a source not among the path’s', { ...valid, source: { seed: 'other.txt', lines: '2' } }, /cites 'other.txt', which is not among/],
    ['an unknown event type', { ...valid, numerator: { type: 'APPROVED' } }, /numerator names unknown event type 'APPROVED'/],
    [
      'a field that is not a plain name (it is written into SQL)',
      { ...valid, numerator: { type: 'REVIEWED', where: { field: "approved' OR 1=1 --", equals: [true] } } },
      /not a plain name/,
    ],
    [
      'withinMonths that is not a whole month',
      { ...valid, numerator: { type: 'REVIEWED', withinMonths: 0.5 } },
      /withinMonths must be a whole number/,
    ],
    ['a distribution without categories', { ...valid, kind: 'distribution', categories: [] }, /has no categories/],
    ['an unknown kind', { ...valid, kind: 'median' }, /has unknown kind 'median'/],
  ])('refuses %s with a PathDefinitionError naming the indicator', (_what, indicator, message) => {
    expect(defineWith([indicator])).toThrow(PathDefinitionError);
    expect(defineWith([indicator])).toThrow(message);
  });

  it('refuses an id declared twice', () => {
    expect(defineWith([valid, valid])).toThrow(/indicator 'reviewed-share' is declared twice/);
  });

  it.skipIf(!existsSync(seedFolder))('every built-in indicator cites a line of its seed that exists', () => {
    for (const path of builtInPaths) {
      for (const indicator of path.indicators ?? []) {
        const lines = readFileSync(join(seedFolder, indicator.source.seed), 'utf8').split('\n');
        const last = Number(indicator.source.lines.split('-').at(-1));
        expect(lines.length, `${path.id}/${indicator.id}`).toBeGreaterThanOrEqual(last);
        expect(lines[Number(indicator.source.lines.split('-')[0]) - 1]!.trim().length, `${path.id}/${indicator.id}`).toBeGreaterThan(0);
      }
    }
  });
});
