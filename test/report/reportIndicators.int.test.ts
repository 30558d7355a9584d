// Issue 18 item 2: the report shows each path's indicators per period, with their definitions and
// sources, counted by the same engine as countIndicators (the SQL for a store, the replay count for
// histories in memory), and marks a cell counting fewer clients than the small-number threshold.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnyPathDefinition, countIndicators, createMemoryStore, type IndicatorCell, projectCase, simulateCohort } from 'kykypolku';
import { buildReport, indicatorsForReport, type ReportIndicators } from 'kykypolku/diagram';
import { ipsJobCoachingPath, workabilityPath } from 'kykypolku/paths';
import { createPgliteStore, type PgliteStore } from 'kykypolku/postgres';
import { reportWords } from '../../src/report/reportWords.js';

const paths = [workabilityPath, ipsJobCoachingPath] as readonly AnyPathDefinition[];
const cohorts = new Map(
  paths.map((definition) => [definition.id, simulateCohort(definition, { clients: 300, seed: 3, faultRate: 0 }).cases]),
);
// A threshold the cohort's monthly cells fall on both sides of.
const query = { from: '2024-01-01', to: '2027-12-31', by: 'quarter', smallNumberThreshold: 12 } as const;
const languages = ['fi', 'sv', 'en'] as const;

let db: PGlite;
let store: PgliteStore;
const memory = createMemoryStore();

beforeAll(async () => {
  db = new PGlite();
  store = await createPgliteStore({ db });
  for (const cases of cohorts.values()) {
    for (const live of cases) {
      for (const target of [store, memory]) {
        const saved = await target.append(live.caseId, live.history, { expectedSeq: 0, projection: projectCase(live) });
        if (!saved.ok) throw new Error(saved.failure.message);
      }
    }
  }
}, 300_000);

afterAll(async () => {
  await store?.close();
  await db?.close();
});

const decode = (text: string) =>
  text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** Every indicator row of a page: its attributes, whether it is marked small, and its text. */
function pageRows(html: string) {
  const rows = [...html.matchAll(/<tr ([^>]*data-indicator="[^"]*"[^>]*)>(.*?)<\/tr>/gs)];
  return rows.map(([, attributes, body]) => {
    const attribute = (name: string) => decode(new RegExp(`${name}="([^"]*)"`).exec(attributes!)?.[1] ?? '');
    return {
      indicatorId: attribute('data-indicator'),
      period: attribute('data-period'),
      pathVersion: Number(attribute('data-version')),
      figures: JSON.parse(attribute('data-cell')) as unknown,
      small: /class="small-number"/.test(attributes!),
      text: decode(body!.replace(/<[^>]+>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim(),
    };
  });
}

const figuresOf = (cell: IndicatorCell) =>
  cell.kind === 'share'
    ? { numerator: cell.numerator, denominator: cell.denominator }
    : cell.kind === 'distribution'
      ? { counts: cell.counts, total: cell.total }
      : { cases: cell.cases, byKey: cell.byKey };

describe.each(paths.map((definition) => [definition.id, definition] as const))('the report of %s', (id, definition) => {
  it('counts the same cells from the store (SQL), from the histories in memory (replay) and as countIndicators does', async () => {
    const counted = await countIndicators(store, [definition], query);
    const fromMemoryStore = await countIndicators(memory, [definition], query);
    const fromStore = await indicatorsForReport(definition, { store }, query);
    const fromHistories = await indicatorsForReport(definition, { histories: cohorts.get(id)!.map((live) => live.history) }, query);
    if (!counted.ok || !fromMemoryStore.ok || !fromStore.ok || !fromHistories.ok) throw new Error('refused');
    expect(counted.cells.length).toBeGreaterThan(0);
    expect(fromStore.indicators.cells).toEqual(counted.cells);
    expect(fromHistories.indicators.cells).toEqual(counted.cells);
    expect(fromMemoryStore.cells).toEqual(counted.cells);
    expect(counted.cells.some((cell) => cell.small)).toBe(true);
    expect(counted.cells.some((cell) => !cell.small)).toBe(true);
  });

  it('shows every cell countIndicators gives, per period and version, in fi, sv and en, small cells marked', async () => {
    const counted = await countIndicators(store, [definition], query);
    const shown = await indicatorsForReport(definition, { store }, query);
    if (!counted.ok || !shown.ok) throw new Error('refused');
    const report = await buildReport([{ definition, indicators: shown.indicators }], { lang: 'fi', languages: [...languages] });
    for (const lang of languages) {
      const html = report.files.find((file) => file.name === (lang === 'fi' ? `${id}.html` : `${id}.${lang}.html`))!.text;
      const rows = pageRows(html);
      expect(rows.map(({ text: _, ...row }) => row)).toEqual(
        counted.cells.map((cell) => ({
          indicatorId: cell.indicatorId,
          period: cell.period,
          pathVersion: cell.pathVersion,
          figures: figuresOf(cell),
          small: cell.small,
        })),
      );
      for (const [index, row] of rows.entries()) {
        const cell = counted.cells[index]!;
        if (cell.kind === 'share') expect(row.text).toContain(`${cell.numerator} / ${cell.denominator}`);
        if (cell.kind === 'distribution') expect(row.text).toContain(String(cell.total));
        expect(row.text.endsWith(' *'), row.text).toBe(cell.small);
      }
      for (const indicator of definition.indicators ?? []) {
        expect(decode(html)).toContain(indicator.name[lang]);
        expect(decode(html)).toContain(indicator.definition[lang]);
        expect(html).toContain(`title="${indicator.source.seed}:${indicator.source.lines}"`);
        const small = counted.cells.some((cell) => cell.indicatorId === indicator.id && cell.small);
        const article = html.slice(html.indexOf(`id="indicator-${indicator.id}"`)).split('</article>')[0]!;
        expect(article.includes('small-number-note'), indicator.id).toBe(small);
        if (small) expect(article).toContain(String(query.smallNumberThreshold));
      }
    }
  });
});

it('says so on the page when the indicators were not counted', async () => {
  const report = await buildReport([{ definition: workabilityPath }], { lang: 'sv' });
  expect(report.files.find((file) => file.name === 'workability-path.html')!.text).toContain(reportWords.indicatorsMissing.sv);
});

it('uses the default threshold of 5 clients, and refuses a malformed query before counting', async () => {
  const counted = await indicatorsForReport(
    workabilityPath,
    { histories: cohorts.get('workability-path')!.map((live) => live.history) },
    {
      from: '2024-01-01',
      to: '2027-12-31',
    },
  );
  expect(counted.ok && (counted.indicators as ReportIndicators).query.smallNumberThreshold).toBe(5);
  expect(await indicatorsForReport(workabilityPath, { store }, { from: '2025-13-01', to: '2025-12-31' })).toMatchObject({
    ok: false,
    code: 'INVALID_INDICATOR_QUERY',
    field: 'from',
  });
});

describe('the report of a store holding more than one organisation', () => {
  // The work-ability cohort in a memory store, every other case county-a's, the rest county-b's.
  const organised = createMemoryStore();
  beforeAll(async () => {
    for (const [index, live] of cohorts.get('workability-path')!.entries()) {
      const target = organised.forOrganisation(index % 2 === 0 ? 'county-a' : 'county-b');
      const saved = await target.append(live.caseId, live.history, { expectedSeq: 0, projection: projectCase(live) });
      if (!saved.ok) throw new Error(saved.failure.message);
    }
  });

  it('shows each period and version as a whole and then per organisation, in an organisation column', async () => {
    const shown = await indicatorsForReport(workabilityPath, { store: organised }, query);
    const grouped = await countIndicators(organised, [workabilityPath], { ...query, byOrganisation: true });
    if (!shown.ok || !grouped.ok) throw new Error('refused');
    expect(shown.indicators.byOrganisation).toEqual(grouped.cells);
    expect(new Set(grouped.cells.map((cell) => cell.organisation))).toEqual(new Set(['county-a', 'county-b']));
    const report = await buildReport([{ definition: workabilityPath, indicators: shown.indicators }], { lang: 'en' });
    const html = report.files.find((file) => file.name === 'workability-path.html')!.text;
    expect(html).toContain('<th>Organisation</th>');
    const rows = [...html.matchAll(/<tr ([^>]*data-indicator="access-within-one-month"[^>]*)>(.*?)<\/tr>/gs)];
    const organisations = rows.map(([, attributes]) => /data-organisation="([^"]*)"/.exec(attributes!)?.[1] ?? 'all');
    const totals = shown.indicators.cells.filter((cell) => cell.indicatorId === 'access-within-one-month');
    expect(organisations.filter((organisation) => organisation === 'all')).toHaveLength(totals.length);
    expect(organisations.filter((organisation) => organisation !== 'all')).toHaveLength(
      grouped.cells.filter((cell) => cell.indicatorId === 'access-within-one-month').length,
    );
    // Each total row is followed by its organisations' rows, whose shares add up to it.
    expect(organisations.slice(0, 3)).toEqual(['all', 'county-a', 'county-b']);
    for (const total of totals) {
      const parts = grouped.cells.filter(
        (cell) => cell.indicatorId === total.indicatorId && cell.period === total.period && cell.pathVersion === total.pathVersion,
      );
      const sum = (field: 'numerator' | 'denominator') => parts.reduce((n, cell) => n + (cell.kind === 'share' ? cell[field] : 0), 0);
      expect(total.kind === 'share' && [total.numerator, total.denominator]).toEqual([sum('numerator'), sum('denominator')]);
    }
  });

  it('leaves the organisation out for a store of one organisation, and when the query says byOrganisation: false', async () => {
    const single = await indicatorsForReport(workabilityPath, { store }, query);
    const refused = await indicatorsForReport(workabilityPath, { store: organised }, { ...query, byOrganisation: false });
    if (!single.ok || !refused.ok) throw new Error('refused');
    expect(single.indicators.byOrganisation).toBeUndefined();
    expect(refused.indicators.byOrganisation).toBeUndefined();
    const report = await buildReport([{ definition: workabilityPath, indicators: single.indicators }], { lang: 'en' });
    expect(report.files.find((file) => file.name === 'workability-path.html')!.text).not.toContain('data-organisation');
  });
});
