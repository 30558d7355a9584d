import { describe, expect, it } from 'vitest';
import {
  type AnyPathDefinition,
  countIndicators,
  createMemoryStore,
  languages,
  projectCase,
  simulateCohort,
  toFhirMeasure,
  toFhirMeasureReport,
} from 'kykypolku';
import { builtInPaths } from 'kykypolku/paths';
import { refereeErrors } from '../support/fhirReferees.js';

const paths = builtInPaths.filter((path) => (path.indicators ?? []).length > 0) as readonly AnyPathDefinition[];

describe('FHIR Measure and MeasureReport of the indicators', () => {
  it('are checked by referees that do refuse a bad resource', () => {
    const measure = toFhirMeasure(paths[0]!.id, paths[0]!.indicators![0]!, 'en');
    expect(refereeErrors({ ...measure, status: 'paused' }).some((error) => error.startsWith('fhir:'))).toBe(true);
    expect(refereeErrors({ ...measure, scoring: 'proportion' }).some((error) => error.startsWith('medplum:'))).toBe(true);
  });

  it.each(paths.map((path) => [path.id, path] as const))(
    'every indicator of %s is a Measure both referees accept, in every language',
    (_id, path) => {
      for (const indicator of path.indicators ?? []) {
        for (const lang of languages) {
          const measure = toFhirMeasure(path.id, indicator, lang);
          expect(refereeErrors(measure), `${indicator.id} ${lang}`).toEqual([]);
          expect(measure.title).toBe(indicator.name[lang]);
        }
      }
    },
  );

  it('every cell of a cohort is a MeasureReport both referees accept, scored as counted', async () => {
    const store = createMemoryStore();
    for (const path of paths) {
      for (const live of simulateCohort(path, { clients: 80, seed: 3, faultRate: 0 }).cases) {
        await store.append(live.caseId, live.history, { expectedSeq: 0, projection: projectCase(live) });
      }
    }
    const counted = await countIndicators(store, paths, { from: '2024-01-01', to: '2027-12-31', by: 'quarter' });
    if (!counted.ok) throw new Error(counted.message);
    const kinds = new Set<string>();
    for (const cell of counted.cells) {
      const report = toFhirMeasureReport(cell);
      expect(refereeErrors(report), report.identifier[0]!.value).toEqual([]);
      kinds.add(cell.kind);
      if (cell.kind === 'share' && cell.denominator > 0)
        expect(report.group[0]!.measureScore?.value).toBe(cell.numerator / cell.denominator);
      expect(report.period.start! <= report.period.end!).toBe(true);
    }
    expect([...kinds].sort()).toEqual(['change', 'distribution', 'share']);
    const quarter = counted.cells.find((cell) => cell.period.endsWith('-Q1'))!;
    expect(toFhirMeasureReport(quarter).period).toEqual({
      start: `${quarter.period.slice(0, 4)}-01-01`,
      end: `${quarter.period.slice(0, 4)}-03-31`,
    });
  });
});
