import { describe, expect, it } from 'vitest';
import { checkPath, createMemoryStore } from 'kykypolku';
import { buildReport, historiesFromStore, summarizeCases, summarizePathCheck, toSvg, type PathCheckSummary } from 'kykypolku/diagram';
import { workabilityPath } from 'kykypolku/paths';
import { simulateCohort } from '../../src/cohort/simulateCohort.js';
import { simulatorTable } from '../../src/report/simulatorTable.js';
import { reviewPath, reviewPathWithoutGuard } from '../support/reviewPath.js';

const cohort = simulateCohort(workabilityPath, { clients: 200, seed: 5, faultRate: 0 });
const histories = cohort.cases.map((caseRef) => caseRef.history);

/** A recorded review-path event of case `c` on day `day` of January 2025. */
const reviewEvent = (seq: number, type: string, day: number, payload: Record<string, unknown>) => ({
  caseId: 'c',
  seq,
  type,
  at: `2025-01-${String(day).padStart(2, '0')}T08:00:00.000Z`,
  actor: { role: 'author', id: 'a' },
  payload,
  path: { id: 'review-path', version: 1 },
});

describe('summarizeCases', () => {
  it('counts the cases that reached each state as the cohort does, and every closed case by its end reason', () => {
    const summary = summarizeCases(workabilityPath, histories);
    expect(summary).toMatchObject({ pathId: 'workability-path', cases: 200, skipped: 0 });
    for (const [state, count] of Object.entries(cohort.reached)) expect(summary.reached[state], state).toBe(count);
    const closed = cohort.cases.filter((caseRef) => caseRef.state.status === 'closed');
    expect(summary.closed).toBe(closed.length);
    for (const outcome of Object.keys(workabilityPath.outcomes)) {
      expect(summary.endReasons[outcome] ?? 0, outcome).toBe(closed.filter((caseRef) => caseRef.state.outcome === outcome).length);
    }
    expect(summary.now).toBe(
      histories
        .flat()
        .map((event) => event.at)
        .sort()
        .at(-1),
    );
  });

  it('counts a deadline as overdue exactly when the case itself says so at the same instant', () => {
    const now = '2025-09-01T00:00:00Z';
    const summary = summarizeCases(workabilityPath, histories, { now });
    for (const deadline of workabilityPath.deadlines) {
      const due = cohort.cases
        .filter((caseRef) => caseRef.state.status === 'open')
        .flatMap((caseRef) => caseRef.deadlines(now))
        .filter((item) => item.id === deadline.id);
      expect(summary.deadlines[deadline.id]).toEqual({ due: due.length, overdue: due.filter((item) => item.overdue).length });
    }
  });

  it('measures a stay in a state from the event that entered it to the event that left it, in days', () => {
    const summary = summarizeCases(reviewPath, [
      [reviewEvent(1, 'SUBMITTED', 1, { priority: 'low' }), reviewEvent(2, 'PAUSED', 4, {}), reviewEvent(3, 'RESUMED', 11, {})],
    ]);
    expect(summary.timeInState['active.review']).toMatchObject({ count: 1, median: 3 });
    expect(summary.timeInState['active.waiting']).toMatchObject({ count: 1, median: 7 });
    expect(summary.timeInState.draft).toMatchObject({ count: 1, median: 0 });
  });
});

describe('buildReport', () => {
  it('reads the same cases from a store as from the cohort that recorded them', async () => {
    const store = createMemoryStore();
    for (const history of histories) await store.append(history[0]!.caseId, history, { expectedSeq: 0 });
    const fromStore = await historiesFromStore(store, 'workability-path');
    expect(summarizeCases(workabilityPath, fromStore)).toEqual(summarizeCases(workabilityPath, histories));
  });

  it('writes the same bytes for the same input, with no clock and no absolute path in them', async () => {
    const first = await buildReport([{ definition: workabilityPath, histories, casesFrom: 'test cohort' }], { lang: 'sv' });
    const second = await buildReport([{ definition: workabilityPath, histories, casesFrom: 'test cohort' }], { lang: 'sv' });
    expect(first.files).toEqual(second.files);
    expect(first.files.map((file) => file.name)).toEqual(['index.html', 'workability-path.html']);
    for (const file of first.files) expect(file.text).not.toContain(process.cwd());
  });

  it('embeds the very SVG `toSvg` draws (Graphviz), in the page’s language', async () => {
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const report = await buildReport([{ definition: reviewPath }], { lang });
      const page = report.files.find((file) => file.name === 'review-path.html')!.text;
      expect(page, lang).toContain((await toSvg(reviewPath, { lang })).text.trimEnd());
    }
  });

  it('shows the model checker’s verdict when given, with each rule and its counterexample', async () => {
    const check: PathCheckSummary = {
      status: 'violated',
      states: 12,
      transitions: 40,
      rules: [{ id: 'approved-before-done', verdict: 'violated', counterexample: ['Submitted (author)', 'Done (reviewer)'] }],
      findings: ['no dead ends'],
    };
    const report = await buildReport([{ definition: reviewPath, check }], { lang: 'en' });
    const page = report.files.find((file) => file.name === 'review-path.html')!.text;
    expect(page).toContain(
      '<p class="status-violated">A rule is broken. The model checker went through 12 situations a case can be in, and 40 steps between them.</p>',
    );
    expect(page).toContain('<pre>Submitted (author)\nDone (reviewer)</pre>');
    expect(page).toContain('No cases.');
  });

  it('summarises checkPath: a proven path, and a path whose forgotten guard the checker catches with a counterexample', () => {
    const proven = summarizePathCheck(workabilityPath, checkPath(workabilityPath), 'fi');
    expect(proven).toMatchObject({ status: 'proved', rules: workabilityPath.rules.map((rule) => ({ id: rule.id, verdict: 'held' })) });
    expect(proven.states).toBeGreaterThan(0);
    const broken = summarizePathCheck(reviewPathWithoutGuard, checkPath(reviewPathWithoutGuard), 'en');
    expect(broken.status).toBe('violated');
    const [rule] = broken.rules;
    expect(rule).toMatchObject({ id: 'approved-before-done', verdict: 'violated' });
    expect(rule!.counterexample!.join('\n')).toContain('Done');
  });
});

/** What a reader sees on a page: its text outside tags, styles and code (ids are for developers). */
function visibleText(html: string): string {
  return (
    html
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      // The page's script and its data are code; what the script shows comes from the words tested here too.
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<code>[\s\S]*?<\/code>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z]+;/g, ' ')
      // Spaces and line breaks, not the no-break spaces numbers are written with.
      .replace(/[ \t\r\n]+/g, ' ')
  );
}

describe('the report speaks one language', () => {
  const check = summarizePathCheck(workabilityPath, checkPath(workabilityPath), 'fi');
  const pageIn = async (lang: 'fi' | 'sv' | 'en') => {
    const report = await buildReport(
      [
        {
          definition: workabilityPath,
          histories,
          casesFrom: { fi: 'kokeiluaineisto', sv: 'försöksdata', en: 'trial data' },
          check: summarizePathCheck(workabilityPath, checkPath(workabilityPath), lang),
        },
      ],
      { lang },
    );
    return report.files.find((file) => file.name === 'workability-path.html')!.text;
  };

  it.for(['fi', 'sv'] as const)('in %s: no English, no raw ISO instant, numbers and shares as the language writes them', async (lang) => {
    const text = visibleText(await pageIn(lang));
    for (const english of [
      'Source',
      'demo cohort',
      'clients',
      'seed',
      'states',
      'transitions',
      'target',
      'decision',
      'final report',
      'news',
    ]) {
      expect(text, english).not.toMatch(new RegExp(`\\b${english}\\b`));
    }
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).toMatch(/\d,\d\u00a0%/);
    expect(text).not.toMatch(/\d\.\d ?%/);
    // "481 tilaa, 3343 siirtymää" said what a manager cannot read: now a sentence, thousands grouped.
    expect(text).toContain(lang === 'fi' ? 'tilannetta, joissa asiakkuus voi olla' : 'lägen som ett ärende kan vara i');
    expect(text).toMatch(new RegExp(`\\d\u00a0\\d{3} ${lang === 'fi' ? 'siirtymää' : 'övergångar'}`));
    expect(text).toContain(lang === 'fi' ? 'kokeiluaineisto' : 'försöksdata');
    expect(check.states).toBeGreaterThan(0);
  });

  it('in en: shares and numbers in English, the as-of time on the Finnish clock', async () => {
    const text = visibleText(await pageIn('en'));
    expect(text).toMatch(/\d\.\d%/);
    expect(text).toContain('trial data');
    const now = histories
      .flat()
      .map((event) => event.at)
      .sort()
      .at(-1)!;
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(now),
    );
    expect(text).toContain(`as of ${clock}`);
  });

  it('names sources by the document title and line, keeping the seed file in the tooltip', async () => {
    const page = await pageIn('fi');
    for (const rule of workabilityPath.rules) {
      const document = workabilityPath.sources.find((source) => source.seed === rule.source.seed)!;
      expect(page).toContain(`title="${rule.source.seed}:${rule.source.lines}">${document.title} (${document.id}), rivi`);
    }
    expect(visibleText(page)).not.toMatch(/[0-9a-f]{16}\.txt/);
  });
});

describe('the interactive report', () => {
  const pages = async () => {
    const check = checkPath(reviewPath);
    const report = await buildReport(
      [
        {
          definition: reviewPath,
          check: { fi: summarizePathCheck(reviewPath, check, 'fi'), sv: summarizePathCheck(reviewPath, check, 'sv') },
        },
      ],
      { lang: 'sv', languages: ['fi', 'sv', 'en'] },
    );
    return new Map(report.files.map((file) => [file.name, file.text]));
  };
  const dataOf = (page: string) => JSON.parse(/<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page)![1]!);

  it('writes every page in each language, the first language unsuffixed, each with a switch to the same page in the others', async () => {
    const files = await pages();
    expect([...files.keys()]).toEqual([
      'index.html',
      'review-path.html',
      'index.fi.html',
      'review-path.fi.html',
      'index.en.html',
      'review-path.en.html',
    ]);
    const page = files.get('review-path.fi.html')!;
    expect(page).toContain('<html lang="fi">');
    expect(page).toContain('<a href="review-path.fi.html" hreflang="fi" lang="fi" aria-current="page">suomi</a>');
    expect(page).toContain('<a href="review-path.html" hreflang="sv" lang="sv">svenska</a>');
    expect(page).toContain('<a href="review-path.en.html" hreflang="en" lang="en">English</a>');
    expect(page).toContain('<a href="index.fi.html">← Kaikki polut</a>');
    expect(files.get('index.en.html')).toContain('<a href="review-path.en.html">');
  });

  it('shows each language its own checker summary, and says so where a language has none', async () => {
    const files = await pages();
    expect(visibleText(files.get('review-path.fi.html')!)).toContain('Mallintarkistin kävi läpi');
    expect(visibleText(files.get('review-path.html')!)).toContain('Modellkontrollen gick igenom');
    expect(visibleText(files.get('review-path.en.html')!)).toContain("The model checker's results were not given");
  });

  it('embeds the simulator table of the checker’s exploration, with the words it shows in the page’s language', async () => {
    const files = await pages();
    const data = dataOf(files.get('review-path.fi.html')!);
    expect(data.table).toEqual(JSON.parse(JSON.stringify(simulatorTable(reviewPath))));
    expect(data.text.words.recordIt).toBe('Kirjaa');
    expect(data.text.rules.map((rule: { id: string }) => rule.id)).toEqual(reviewPath.rules.map((rule) => rule.id));
    expect(dataOf(files.get('review-path.en.html')!).text.events.SUBMITTED).toBe(reviewPath.labels.events.SUBMITTED.en);
  });

  it('reads without the script: each state with the events that leave it, who records them and the rules with sources', async () => {
    const page = (await pages()).get('review-path.en.html')!;
    for (const state of Object.keys(reviewPath.labels.states)) expect(page).toContain(`data-state-info="${state}"`);
    const waiting = /<article class="state-info" id="state-active.waiting"[\s\S]*?<\/article>/.exec(page)![0];
    // active.waiting is inside active: what leaves active leaves it too, and the page says from where.
    expect(waiting).toContain('from the enclosing state');
    expect(visibleText(page)).toContain('Recorded by');
    expect(page).toContain('<noscript>');
    // No outside request: nothing is loaded from anywhere, the script is inline.
    expect(page).not.toMatch(/<(script|img|link|iframe)[^>]*\s(src|href)=/);
    expect(page).not.toMatch(/(fetch|XMLHttpRequest|import)\(/);
  });

  it('embeds no simulator for a path with more states than the page may carry, and says so', async () => {
    const report = await buildReport([{ definition: reviewPath }], { lang: 'en', simulatorMaxStates: 2 });
    const page = report.files.find((file) => file.name === 'review-path.html')!.text;
    expect(page).toContain('No simulator: the path has too many situations to embed in the page.');
    expect(page).not.toContain('id="sim-root"');
    expect(dataOf(page).table).toBeNull();
  });

  it('escapes < in the embedded data, so that no label can close its script element', async () => {
    const page = (await pages()).get('review-path.html')!;
    const data = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page)![1]!;
    expect(data).not.toContain('<');
  });
});

describe('time in state counts cases, not stays', () => {
  it('gives each case one number per state, all its stays there together, and never more cases than reached it', () => {
    const summary = summarizeCases(workabilityPath, histories);
    for (const [state, distribution] of Object.entries(summary.timeInState)) {
      expect(distribution.count, state).toBeLessThanOrEqual(summary.reached[state] ?? 0);
    }
  });

  it("adds a case's two stays in one state, and leaves out a case the machine refuses", () => {
    const twice = [
      reviewEvent(1, 'SUBMITTED', 1, { priority: 'low' }),
      reviewEvent(2, 'PAUSED', 4, {}),
      reviewEvent(3, 'RESUMED', 11, {}),
      reviewEvent(4, 'PAUSED', 13, {}),
      reviewEvent(5, 'RESUMED', 14, {}),
    ];
    const refused = [reviewEvent(1, 'SUBMITTED', 1, { priority: 'low' }), reviewEvent(2, 'PAUSED', 2, {}), reviewEvent(3, 'DONE', 3, {})];
    const summary = summarizeCases(reviewPath, [twice, refused]);
    expect(summary.skipped).toBe(1);
    expect(summary.timeInState['active.waiting']).toMatchObject({ count: 1, median: 8 });
    expect(summary.timeInState['active.review']).toMatchObject({ count: 1, median: 5 });
  });
});
