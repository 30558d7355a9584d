import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { z } from 'zod';
import { definePath, PathDefinitionError } from 'kykypolku';
import { reviewPath, reviewSpec } from './support/reviewPath.js';

type Spec = ReturnType<typeof reviewSpec>;

function defineWith(change: (spec: Spec) => unknown) {
  return () => definePath(change(reviewSpec()) as never);
}

describe('definePath', () => {
  it('returns a frozen definition with everything it was given', () => {
    expect(Object.isFrozen(reviewPath)).toBe(true);
    expect(reviewPath.id).toBe('review-path');
    expect(Object.keys(reviewPath.events)).toEqual(['SUBMITTED', 'REVIEWED', 'COMMENTED', 'PAUSED', 'RESUMED', 'DONE']);
  });

  it('refuses a label missing in any of Finnish, Swedish and English', () => {
    expect(defineWith((spec) => ({ ...spec, roles: { ...spec.roles, author: { fi: 'Kirjoittaja', en: 'Author' } } }))).toThrow(
      /role 'author' has no 'sv' label/,
    );
  });

  describe('refuses a malformed definition with an error that names the fix', () => {
    const cases: readonly [string, (spec: Spec) => unknown, RegExp][] = [
      ['an id that is not lowercase-with-dashes', (spec) => ({ ...spec, id: 'Review Path' }), /lowercase words joined by dashes/],
      ['a version that is not a positive integer', (spec) => ({ ...spec, version: 1.5 }), /version must be a positive integer/],
      [
        'a title without its English label',
        (spec) => ({ ...spec, title: { fi: 'Katselmointi', sv: 'Granskning' } }),
        /path title has no 'en' label/,
      ],
      [
        'an event without permissions',
        (spec) => ({ ...spec, permissions: { ...spec.permissions, DONE: undefined } }),
        /permissions has no entry for event 'DONE'/,
      ],
      [
        'permissions naming an unknown role',
        (spec) => ({ ...spec, permissions: { ...spec.permissions, DONE: ['editor'] } }),
        /unknown role 'editor'/,
      ],
      [
        'a performer not permitted to record the event',
        (spec) => ({ ...spec, performers: { SUBMITTED: 'reviewer' } }),
        /'reviewer' does the work of 'SUBMITTED' but is not permitted to record it/,
      ],
      [
        'a performer of an unknown event',
        (spec) => ({ ...spec, performers: { PUBLISHED: 'author' } }),
        /performers name unknown event 'PUBLISHED'/,
      ],
      [
        'permissions for an unknown event',
        (spec) => ({ ...spec, permissions: { ...spec.permissions, PUBLISHED: ['author'] } }),
        /unknown event 'PUBLISHED'/,
      ],
      [
        'a state without a label',
        (spec) => ({ ...spec, labels: { ...spec.labels, states: { ...spec.labels.states, 'active.waiting': undefined } } }),
        /state 'active.waiting' has no label/,
      ],
      [
        'a guard without a label',
        (spec) => ({ ...spec, labels: { ...spec.labels, guards: { approved: spec.labels.guards.approved } } }),
        /guard 'highPriority' has no label/,
      ],
      [
        'an event without a label',
        (spec) => ({ ...spec, labels: { ...spec.labels, events: { ...spec.labels.events, DONE: undefined } } }),
        /event 'DONE' has no label/,
      ],
      [
        'a rule enforced by a guard that does not exist',
        (spec) => ({ ...spec, rules: [{ ...spec.rules[0], enforcedBy: ['signedOff'] }] }),
        /unknown guard 'signedOff'/,
      ],
      ['two rules with one id', (spec) => ({ ...spec, rules: [spec.rules[0], spec.rules[0]] }), /used twice/],
      ['a rule without a source', (spec) => ({ ...spec, rules: [{ ...spec.rules[0], source: undefined }] }), /has no source/],
      [
        'an event type that is not SCREAMING_SNAKE_CASE',
        (spec) => ({ ...spec, events: { ...spec.events, done: z.strictObject({}) } }),
        /SCREAMING_SNAKE_CASE/,
      ],
      [
        'a free-text payload field',
        (spec) => ({ ...spec, events: { ...spec.events, COMMENTED: z.strictObject({ text: z.array(z.string()) }) } }),
        /field 'text': zod type 'array' is not supported/,
      ],
    ];
    it.each(cases)('%s', (_name, change, message) => {
      expect(defineWith(change)).toThrow(PathDefinitionError);
      expect(defineWith(change)).toThrow(message);
    });

    const tiny = setup({ types: { events: {} as { type: 'GO'; payload: object } | { type: 'STOP'; payload: object } } });
    const tinySpec = (machine: unknown) => ({
      id: 'tiny',
      version: 1,
      title: { fi: 'pieni', sv: 'liten', en: 'tiny' },
      machine,
      events: { GO: z.strictObject({}) },
      roles: { someone: { fi: 'joku', sv: 'någon', en: 'someone' } },
      permissions: { GO: ['someone'] },
      labels: {
        states: { a: { fi: 'a', sv: 'a', en: 'a' }, b: { fi: 'b', sv: 'b', en: 'b' } },
        events: { GO: { fi: 'mene', sv: 'gå', en: 'go' } },
        guards: {},
      },
      rules: [],
      deadlines: [],
      outcomes: {},
      outcomeOf: () => undefined,
      sources: [],
    });

    it('an event the machine handles without a schema', () => {
      const machine = tiny.createMachine({ initial: 'a', states: { a: { on: { GO: 'b', STOP: 'b' } }, b: {} } });
      expect(() => definePath(tinySpec(machine) as never)).toThrow(/handles 'STOP' in 'a' but events has no schema/);
    });

    it('an XState after timer: time comes in with events', () => {
      const machine = tiny.createMachine({ initial: 'a', states: { a: { after: { 1000: 'b' } }, b: {} } });
      expect(() => definePath(tinySpec(machine) as never)).toThrow(/uses an XState 'after' timer/);
    });

    it('an inline guard: every guard is named so diagrams and rules can refer to it', () => {
      const machine = tiny.createMachine({ initial: 'a', states: { a: { on: { GO: { target: 'b', guard: () => true } } }, b: {} } });
      expect(() => definePath(tinySpec(machine) as never)).toThrow(/inline guard/);
    });
  });
});
