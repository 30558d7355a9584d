import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePath, isoDate, isoInstant, PathDefinitionError } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { reviewSpec } from './support/reviewPath.js';

// Defect 10 of issue 11: the docs say definePath refuses a free-text payload field, and it took
// z.string(). A string field must be a bounded code: an ISO date, or at most 200 characters by
// `.max()` with a stated shape (a `.regex()` pattern or a string format such as isoInstant).

function defineWithComment(field: z.ZodType) {
  return () => {
    const spec = reviewSpec();
    return definePath({ ...spec, events: { ...spec.events, COMMENTED: z.strictObject({ text: field }) } } as never);
  };
}

function defineWithNested(field: z.ZodType) {
  return () => {
    const spec = reviewSpec();
    return definePath({
      ...spec,
      events: { ...spec.events, COMMENTED: z.strictObject({ note: z.strictObject({ text: field }).optional() }) },
    } as never);
  };
}

describe('definePath refuses a free-text payload field', () => {
  it.each([
    ['z.string()', z.string()],
    ['z.string().optional()', z.string().optional()],
    ['z.string().nullable()', z.string().nullable()],
    ['z.string().min(1)', z.string().min(1)],
    ['a max length without a shape: z.string().max(50)', z.string().max(50)],
    ['a pattern without a max length', z.string().regex(/^[a-z]+$/)],
    [
      'a max length past 200',
      z
        .string()
        .regex(/^[a-z]+$/)
        .max(10_000),
    ],
    ['an ISO datetime without a max length', z.iso.datetime({ offset: true })],
  ])('%s', (_name, field) => {
    expect(defineWithComment(field)).toThrow(PathDefinitionError);
    expect(defineWithComment(field)).toThrow(/event 'COMMENTED': field 'text': .*(enum|pattern|max)/);
  });

  it('refuses it inside a nested object too, naming the field', () => {
    expect(defineWithNested(z.string())).toThrow(PathDefinitionError);
    expect(defineWithNested(z.string())).toThrow(/event 'COMMENTED': field 'note': field 'text'/);
  });
});

describe('definePath takes a bounded code', () => {
  it.each([
    ['an enum', z.enum(['a', 'b'])],
    [
      'a pattern with a max length',
      z
        .string()
        .regex(/^[A-Za-z0-9-]+$/)
        .max(64),
    ],
    ['an ISO date', isoDate],
    ['an instant (bounded to 35 characters)', isoInstant],
    [
      'a uuid with a max length',
      z
        .uuid()
        .max(36)
        .meta({ examples: ['3f2b8c1e-8d5a-4c1e-9f0a-2b7c6d5e4f3a'] }),
    ],
  ])('%s', (_name, field) => {
    expect(defineWithComment(field)).not.toThrow();
  });

  it('every built-in path passes', () => {
    expect(builtInPaths.length).toBeGreaterThan(0);
    for (const path of builtInPaths) expect(() => definePath({ ...path } as never), path.id).not.toThrow();
  });
});

describe('definePath bounds the names the envelope carries', () => {
  it('refuses a path id longer than 64 characters', () => {
    expect(() => definePath({ ...reviewSpec(), id: `review-${'p'.repeat(60)}` } as never)).toThrow(/id must be at most 64 characters/);
  });

  it('refuses an event type longer than 64 characters, which no input could carry', () => {
    const spec = reviewSpec();
    const type = `COMMENTED_${'X'.repeat(60)}`;
    expect(() => definePath({ ...spec, events: { ...spec.events, [type]: z.strictObject({}) } } as never)).toThrow(
      new RegExp(`event type '${type.slice(0, 20)}.*at most 64 characters`),
    );
  });
});
