// Every deadline of every built-in path falls at the Finnish time of the event it counts from: cohorts
// whose every event is at one time on the Helsinki clock (local midnight at a year's start, at a
// leap-year month end, on both days daylight saving time changes, 23:30 on a month's last day).
// The referee for what the Helsinki clock shows is the platform's Intl, not the Temporal polyfill.
import { describe, expect, it } from 'vitest';
import { openCase, simulateCohort, type AnyPathDefinition } from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { wallClock } from '../support/helsinkiClock.js';

/**
 * Cohorts whose every event falls at one time on the Helsinki clock: local midnight on New Year's
 * day, on 31 January of a leap year, on the two days daylight saving time changes, and 23:30 on a
 * month's last day.
 */
const starts = [
  ['local midnight, 1 January', '2024-12-31T22:00:00Z', '00:00:00'],
  ['local midnight, 31 January of a leap year', '2024-01-30T22:00:00Z', '00:00:00'],
  ['local midnight, the day summer time begins', '2025-03-29T22:00:00Z', '00:00:00'],
  ['local midnight, the day summer time ends', '2025-10-25T21:00:00Z', '00:00:00'],
  ['23:30 on 31 August', '2025-08-31T20:30:00Z', '23:30:00'],
] as const;

describe('integration: every deadline of every path falls at the Finnish time of the event it counts from', () => {
  it.for(
    builtInPaths
      .filter((definition) => definition.deadlines.length > 0)
      .flatMap((definition) => starts.map(([name, start, clock]) => [definition.id, name, definition, start, clock] as const)),
  )('%s, %s', ([, , definition, start, clock]) => {
    const cohort = simulateCohort(definition as AnyPathDefinition, { clients: 60, seed: 7, faultRate: 0, start });
    let checked = 0;
    for (const caseRef of cohort.cases) {
      // The deadlines open after each event of the case, as the case grows.
      const growing = openCase(definition as AnyPathDefinition, { caseId: caseRef.caseId });
      for (const event of caseRef.history) {
        expect(wallClock(event.at).slice(11)).toBe(clock);
        expect(growing.record({ type: event.type, at: event.at, actor: event.actor, payload: event.payload } as never).ok).toBe(true);
        for (const deadline of growing.deadlines(event.at)) {
          // Counted from an event: the same clock time. From a calendar date (the day unemployment
          // began): that day's start, 00:00 in Helsinki.
          expect([clock, '00:00:00']).toContain(wallClock(deadline.dueAt).slice(11));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
