import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerptLength, excerptOf } from '../../src/clientExcerpt.js';
import { portablePattern, UnportablePatternError } from '../../src/jsonSchema/portablePattern.js';
import { propertyRun } from '../support/property.js';

describe('excerptOf', () => {
  it('quotes a short id as it is', () => {
    expect(excerptOf('case-2025-0412')).toBe('case-2025-0412');
  });

  it('cuts a long value and says how long it was', () => {
    expect(excerptOf('x'.repeat(1 << 20))).toBe(`${'x'.repeat(excerptLength)}… (1048576 characters)`);
  });

  it('replaces controls, line separators, bidirectional overrides and lone surrogates', () => {
    expect(excerptOf('a\u0000b\nc\u001b[31md\u2028e\u202ef\ud800g\udc00')).toBe('a\uFFFDb\uFFFDc\uFFFD[31md\uFFFDe\uFFFDf\uFFFDg\uFFFD');
  });

  it('keeps a surrogate pair whole at the cut', () => {
    const excerpt = excerptOf(`${'x'.repeat(excerptLength - 1)}😀tail`);
    expect(excerpt.startsWith(`${'x'.repeat(excerptLength - 1)}😀…`)).toBe(true);
  });

  it('names what is not a string by its kind, without calling anything of it', () => {
    const hostile = { toString: () => 'M'.repeat(1 << 20) };
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect([
      excerptOf(hostile),
      excerptOf([1]),
      excerptOf(null),
      excerptOf(undefined),
      excerptOf(7),
      excerptOf(revoked.proxy),
      excerptOf(Symbol('s')),
    ]).toEqual(['(an object)', '(an array)', 'null', 'undefined', '7', '(an object)', '(a symbol)']);
  });

  it('is short and free of controls and lone surrogates for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (value) => {
        const excerpt = excerptOf(value);
        expect(excerpt.length).toBeLessThanOrEqual(2 * excerptLength + 30);
        expect(excerpt).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(excerpt).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
      propertyRun('excerptOf is short and safe', 500),
    );
  });
});

describe('portablePattern', () => {
  it('spells \\d and $ so that every engine agrees', () => {
    expect(portablePattern('^\\d{4}-[\\d.]+$')).toBe('^[0-9]{4}-[0-9.]+(?![\\s\\S])');
  });

  it('leaves escapes, classes and a literal $ alone', () => {
    expect(portablePattern('^[$a-z]\\$\\.x$')).toBe('^[$a-z]\\$\\.x(?![\\s\\S])');
  });

  it('means in ECMAScript what the original means', () => {
    const original = /^[a-z][a-z0-9]*(-[a-z0-9]+)*\d?$/;
    const portable = new RegExp(portablePattern(original.source));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'z', '0', '9', '-', '\n', ' ', '\u0662'), maxLength: 12 }), (value) => {
        expect(portable.test(value)).toBe(original.test(value));
      }),
      propertyRun('portablePattern keeps the meaning', 500),
    );
  });

  it('refuses \\w and \\b, which differ with Unicode', () => {
    expect(() => portablePattern('^\\w+$')).toThrow(UnportablePatternError);
    expect(() => portablePattern('\\bx')).toThrow(UnportablePatternError);
  });
});
