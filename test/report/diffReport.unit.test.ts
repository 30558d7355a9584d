// Unit: the report's version-diff page (issue 17 item 4) says in words what `diffPaths` finds —
// every row's subject, change, key, name and words before and after — in each language, with the
// diagram `toPathDiffSvg` draws, and the index links to it.
import { describe, expect, it } from 'vitest';
import { buildReport, diffPaths, toPathDiffSvg } from 'kykypolku/diagram';
import { reviewPath } from '../support/reviewPath.js';
import { reviewPathV2 } from '../support/reviewPathV2.js';

const entities = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

describe('unit: the report page comparing review-path v1 and v2', () => {
  it('is a page in every language, linked from its index, with every difference and the diff diagram', async () => {
    const report = await buildReport([{ definition: reviewPathV2 }], {
      lang: 'fi',
      languages: ['fi', 'sv', 'en'],
      diffs: [{ from: reviewPath, to: reviewPathV2 }],
    });
    const names = report.files.map((file) => file.name);
    expect(names).toEqual(
      expect.arrayContaining(['diff-review-path-v1-v2.html', 'diff-review-path-v1-v2.sv.html', 'diff-review-path-v1-v2.en.html']),
    );
    for (const [lang, suffix] of [
      ['fi', ''],
      ['sv', '.sv'],
      ['en', '.en'],
    ] as const) {
      const index = report.files.find((file) => file.name === `index${suffix}.html`)!.text;
      expect(index).toContain(`href="diff-review-path-v1-v2${suffix}.html"`);
      const page = report.files.find((file) => file.name === `diff-review-path-v1-v2${suffix}.html`)!.text;
      const diff = diffPaths(reviewPath, reviewPathV2, { lang });
      expect(diff.rows.length).toBeGreaterThan(3);
      for (const row of diff.rows) {
        for (const words of [row.key, row.name, row.before, row.after]) if (words) expect(page).toContain(entities(words));
      }
      expect(page).toContain((await toPathDiffSvg(reviewPath, reviewPathV2, { lang })).text.trimEnd());
      expect(page).toContain('<html lang="' + lang + '"');
      // Nothing from outside: no script or style source, no link but to the report's own pages.
      expect(page).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    }
  });

  it('says there are no differences when the versions are the same', async () => {
    const report = await buildReport([], { lang: 'en', diffs: [{ from: reviewPath, to: reviewPath }] });
    expect(report.files.find((file) => file.name === 'diff-review-path-v1-v1.html')!.text).toContain('No differences.');
  });
});
