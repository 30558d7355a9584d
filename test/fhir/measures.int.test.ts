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

  it('by organisation: each total a MeasureReport with an organisation stratifier, each part with its reporter, both referees agreeing', async () => {
    const store = createMemoryStore();
    for (const path of paths) {
      for (const [index, live] of simulateCohort(path, { clients: 90, seed: 5, faultRate: 0 }).cases.entries()) {
        // county-a, county-b and the unassigned (the administrator's store) take every third case each.
        const target = index % 3 === 2 ? store : store.forOrganisation(index % 3 === 0 ? 'county-a' : 'county-b');
        await target.append(live.caseId, live.history, { expectedSeq: 0, projection: projectCase(live) });
      }
    }
    const query = { from: '2024-01-01', to: '2027-12-31', by: 'year' } as const;
    const totals = await countIndicators(store, paths, query);
    const grouped = await countIndicators(store, paths, { ...query, byOrganisation: true });
    if (!totals.ok || !grouped.ok) throw new Error('refused');
    const kinds = new Set<string>();
    for (const cell of totals.cells) {
      const report = toFhirMeasureReport(cell, { byOrganisation: grouped.cells });
      expect(refereeErrors(report), report.identifier[0]!.value).toEqual([]);
      const parts = grouped.cells.filter(
        (part) => part.indicatorId === cell.indicatorId && part.period === cell.period && part.pathVersion === cell.pathVersion,
      );
      for (const group of report.group) {
        const stratifier = group.stratifier!.find((each) => each.code[0]!.text === 'organisation')!;
        expect(stratifier.stratum.map((stratum) => stratum.value?.text)).toEqual(parts.map((part) => part.organisation ?? 'unassigned'));
        // The strata's initial populations add up to the group's.
        const initial = (populations: readonly { code: { coding?: readonly { code?: string }[] }; count?: number }[]) =>
          populations.find((each) => each.code.coding?.[0]?.code === 'initial-population')!.count!;
        expect(stratifier.stratum.reduce((sum, stratum) => sum + initial(stratum.population), 0)).toBe(initial(group.population));
      }
      kinds.add(cell.kind);
    }
    expect([...kinds].sort()).toEqual(['change', 'distribution', 'share']);
    for (const part of grouped.cells) {
      const report = toFhirMeasureReport(part);
      expect(refereeErrors(report), report.identifier[0]!.value).toEqual([]);
      expect(report.identifier[0]!.value).toMatch(/\/organisation\/(county-a|county-b|unassigned)$/);
      expect(report.reporter?.identifier.value).toBe(part.organisation ?? undefined);
    }
    const share = totals.cells.find((cell) => cell.kind === 'share' && cell.denominator > 0)!;
    const stratum = toFhirMeasureReport(share, { byOrganisation: grouped.cells }).group[0]!.stratifier![0]!.stratum[0]!;
    expect(stratum.value).toEqual({ coding: [{ system: 'urn:kykypolku:organisation', code: 'county-a' }], text: 'county-a' });
  });
});
