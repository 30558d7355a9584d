// What an analyst reviews before `migrate-check`: the real v1 → v2 change of the review path
// (test/support/reviewPathV2.ts), its rows written out by hand, and the same change drawn.
import { describe, expect, it } from 'vitest';
import { definePath, languages } from 'kykypolku';
import { diffPaths, toPathDiffDot, toPathDiffMarkdown, toPathDiffSvg, type PathDiffRow } from 'kykypolku/diagram';
import { reviewPath, reviewPathWithoutGuard } from '../support/reviewPath.js';
import { reviewPathV2, reviewSpecV2 } from '../support/reviewPathV2.js';
import { overlappingTexts, svgTexts } from '../support/svgText.js';

const row = (
  subject: PathDiffRow['subject'],
  change: PathDiffRow['change'],
  key: string,
  name: string,
  before: string | undefined,
  after: string | undefined,
): PathDiffRow => ({ subject, change, key, name, before, after });

/** v1 → v2 of the review path, read off the two fixture files by hand. */
const v1ToV2: PathDiffRow[] = [
  row('state', 'added', 'active.escalated', 'Escalated', undefined, 'Escalated'),
  row('transition', 'added', 'active.review ESCALATED active.escalated', 'In review → Escalated', undefined, 'Escalated'),
  row('transition', 'added', 'active.urgent ESCALATED active.escalated', 'Urgent review → Escalated', undefined, 'Escalated'),
  row('transition', 'added', 'active.escalated REVIEWED active.review', 'Escalated → In review', undefined, 'Reviewed'),
  row('event', 'added', 'ESCALATED', 'Escalated', undefined, 'Escalated (fields: to)'),
  row('permission', 'added', 'ESCALATED', 'Escalated', undefined, 'Reviewer'),
  row('assignee', 'added', 'assigneeOf', 'Who is responsible', undefined, 'the path names the responsible person'),
];

describe('diffPaths on the review path v1 → v2', () => {
  it('lists exactly what v2 adds: the escalated state, its three transitions, the event, who may record it, the assignee', () => {
    expect(diffPaths(reviewPath, reviewPathV2, { lang: 'en' })).toEqual({
      from: { id: 'review-path', version: 1 },
      to: { id: 'review-path', version: 2 },
      lang: 'en',
      rows: v1ToV2,
    });
  });

  it('read backwards (v2 → v1), lists the same things as removed', () => {
    const rows = diffPaths(reviewPathV2, reviewPath).rows;
    expect(rows).toEqual(v1ToV2.map((entry) => ({ ...entry, change: 'removed', before: entry.after, after: undefined })));
  });

  it('finds nothing between a version and itself', () => {
    expect(diffPaths(reviewPathV2, reviewPathV2).rows).toEqual([]);
    expect(toPathDiffMarkdown(diffPaths(reviewPath, reviewPath, { lang: 'sv' }))).toBe('# `review-path` v1 → v1\n\nInga skillnader.\n');
  });

  it('writes the table in Markdown, in the language asked', () => {
    expect(toPathDiffMarkdown(diffPaths(reviewPath, reviewPathV2))).toBe(`# \`review-path\` v1 → v2

| What | Change | Key | Name | Before | After |
| --- | --- | --- | --- | --- | --- |
| State | added | \`active.escalated\` | Escalated |  | Escalated |
| Transition | added | \`active.review ESCALATED active.escalated\` | In review → Escalated |  | Escalated |
| Transition | added | \`active.urgent ESCALATED active.escalated\` | Urgent review → Escalated |  | Escalated |
| Transition | added | \`active.escalated REVIEWED active.review\` | Escalated → In review |  | Reviewed |
| Event | added | \`ESCALATED\` | Escalated |  | Escalated (fields: to) |
| Recorded by | added | \`ESCALATED\` | Escalated |  | Reviewer |
| Who is responsible | added | \`assigneeOf\` | Who is responsible |  | the path names the responsible person |
`);
    const fi = toPathDiffMarkdown(diffPaths(reviewPath, reviewPathV2, { lang: 'fi' }));
    expect(fi).toContain('| Mikä | Muutos | Tunnus | Nimi | Ennen | Jälkeen |');
    expect(fi).toContain('| Tila | lisätty | `active.escalated` | fi: Escalated |  | fi: Escalated |');
  });
});

describe('diffPaths on every kind of change', () => {
  it('a guard taken off a transition is a changed condition', () => {
    expect(diffPaths(reviewPath, reviewPathWithoutGuard).rows).toEqual([
      row('guard', 'changed', 'active DONE done', 'Active → Done', 'approved', 'always'),
    ]);
  });

  it('rules, deadlines, roles, permissions, guard labels and end reasons: added, removed and changed', () => {
    const v2 = reviewSpecV2();
    const v3 = definePath({
      ...v2,
      version: 3,
      roles: { ...v2.roles, lead: { fi: 'fi: Lead', sv: 'sv: Lead', en: 'Lead' } },
      permissions: { ...v2.permissions, DONE: ['reviewer', 'lead'] },
      labels: { ...v2.labels, guards: { ...v2.labels.guards, highPriority: { fi: 'fi: urgent', sv: 'sv: urgent', en: 'urgent' } } },
      rules: [{ ...v2.rules[0], sentence: { fi: 'fi: Done once approved.', sv: 'sv: Done once approved.', en: 'Done once approved.' } }],
      deadlines: [],
      // An end reason no case reaches yet: the type of v2's outcomes does not know it.
      outcomes: { ...v2.outcomes, withdrawn: { fi: 'fi: Withdrawn', sv: 'sv: Withdrawn', en: 'Withdrawn' } } as typeof v2.outcomes,
    });
    expect(diffPaths(reviewPathV2, v3).rows).toEqual([
      // The guard is the same guard under a new name: one row for its label, none for the transition it is on.
      row('guard', 'changed', 'highPriority', 'urgent', 'high priority', 'urgent'),
      row('role', 'added', 'lead', 'Lead', undefined, 'Lead'),
      row('permission', 'changed', 'DONE', 'Done', 'Reviewer', 'Reviewer, Lead'),
      row(
        'rule',
        'changed',
        'approved-before-done',
        'approved',
        'A document is done only once approved. (test-fixture.txt:1; enforced by: approved)',
        'Done once approved. (test-fixture.txt:1; enforced by: approved)',
      ),
      row(
        'deadline',
        'removed',
        'review-within-a-week',
        'Reviewed within a week',
        'Reviewed within a week (target; test-fixture.txt:2)',
        undefined,
      ),
      row('outcome', 'added', 'withdrawn', 'Withdrawn', undefined, 'Withdrawn'),
    ]);
  });
});

describe('the diff drawn on one diagram', () => {
  const groupOf = (svg: string, id: string) => new RegExp(`<g id="${id}" class="[^"]*">([\\s\\S]*?)</g>`).exec(svg)?.[1];

  it('draws what v2 adds in green, with a legend, every word readable and none overlapping, in every language', async () => {
    for (const lang of languages) {
      const { text } = await toPathDiffSvg(reviewPath, reviewPathV2, { lang });
      expect(text).toMatch(/^<svg /);
      expect(groupOf(text, 'state:active.escalated'), lang).toContain('stroke="#1a7f37"');
      for (const id of ['active.review:ESCALATED:0', 'active.urgent:ESCALATED:0', 'active.escalated:REVIEWED:0'])
        expect(groupOf(text, `transition:${id}`), `${lang} ${id}`).toContain('stroke="#1a7f37"');
      // What did not change is drawn in the ordinary black.
      expect(groupOf(text, 'state:draft'), lang).toContain('stroke="black"');
      const words = svgTexts(text).map((entry) => entry.text);
      for (const change of ['added', 'removed', 'changed'] as const)
        expect(words, lang).toContain(
          {
            fi: { added: 'lisätty', removed: 'poistettu', changed: 'muutettu' },
            sv: { added: 'tillagd', removed: 'borttagen', changed: 'ändrad' },
            en: { added: 'added', removed: 'removed', changed: 'changed' },
          }[lang][change],
        );
      for (const label of Object.values(reviewPathV2.labels.states)) expect(words, lang).toContain(label[lang]);
      expect(overlappingTexts(svgTexts(text))).toEqual([]);
    }
  });

  it('draws what v2 → v1 removes in red and dashed, and a changed condition in amber with the old one under it', async () => {
    const removed = (await toPathDiffSvg(reviewPathV2, reviewPath)).text;
    expect(groupOf(removed, 'state:active.escalated')).toMatch(/stroke="#cf222e" stroke-width="2" stroke-dasharray/);
    expect(groupOf(removed, 'transition:removed:active.review:ESCALATED:0')).toMatch(/stroke="#cf222e" stroke-width="2" stroke-dasharray/);
    const changed = toPathDiffDot(reviewPath, reviewPathWithoutGuard).text;
    expect(changed).toContain(
      '"active.review" -> "done" [id="transition:active:DONE:0", class="transition", xlabel="Done\\n(was: [approved])", ltail="cluster:active", color="#9a6700"',
    );
  });

  it('writes the same bytes every time', async () => {
    expect((await toPathDiffSvg(reviewPath, reviewPathV2)).text).toBe((await toPathDiffSvg(reviewPath, reviewPathV2)).text);
  });
});
