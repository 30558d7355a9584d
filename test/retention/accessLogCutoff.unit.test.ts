// The access log's cut-off (issue 16 item 4): a row read at `at` is removed at `now` exactly when a
// closed case closed at `at` would be past the same period, the Helsinki-calendar rule of
// retentionExpiry, for any instants and periods, month ends, leap days and daylight saving included.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { accessLogCutoff } from '../../src/retention/accessLogRetention.js';
import { retentionExpiry } from '../../src/retention/retentionRule.js';
import { propertyRun } from '../support/property.js';

it('removes a row exactly when a case closed at the same instant would be past the same period', () => {
  const instant = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T23:59:59Z'), noInvalidDate: true });
  const period = fc
    .record({ years: fc.nat(30), months: fc.nat(24), days: fc.nat(400) })
    .filter((units) => units.years + units.months + units.days > 0);
  fc.assert(
    fc.property(instant, instant, period, (read, judged, keepFor) => {
      const at = read.toISOString();
      const now = judged.toISOString();
      const removed = Date.parse(at) < Date.parse(accessLogCutoff(now, keepFor));
      return removed === Date.parse(retentionExpiry(at, keepFor)) <= Date.parse(now);
    }),
    propertyRun('access log cut-off', 3000),
  );
});

it('puts the cut-off after every reading day whose period ends on the same clamped day', () => {
  // 29 February 2016 + 10 years ends on 28 February 2026, as 28 February 2016 does: both are past on 1 March.
  expect(accessLogCutoff('2026-03-01T00:00:00+02:00', { years: 10 })).toBe('2016-02-29T22:00:00.000Z');
  // 31 January 2024 + 1 month ends on 29 February 2024 (so do 29 and 30 January): on 1 March all are past.
  expect(accessLogCutoff('2024-03-01T00:00:00+02:00', { months: 1 })).toBe('2024-01-31T22:00:00.000Z');
  // One millisecond before the Helsinki midnight, the day before is not yet past.
  expect(accessLogCutoff('2026-02-28T21:59:59.999Z', { years: 10 })).toBe('2016-02-27T22:00:00.000Z');
});
