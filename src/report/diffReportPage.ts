import { diffWord } from '../diagram/diffWords.js';
import { element, renderMarkup, verbatim } from '../diagram/markup.js';
import { diffPaths } from '../diagram/pathDiff.js';
import { toPathDiffSvg } from '../diagram/pathDiffDiagram.js';
import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { languageSwitch } from './pathReportPage.js';
import { reportStyle } from './reportStyle.js';
import { reportWord } from './reportWords.js';
import { tableHead } from './tableHead.js';

/** Two versions of a path a report compares: what an analyst reviews before `migrate-check`. */
export interface ReportDiff {
  readonly from: AnyPathDefinition;
  readonly to: AnyPathDefinition;
}

/** The name of a diff's page, without language or `.html`: `diff-<path>-v<from>-v<to>`. @internal */
export function diffPageName(diff: ReportDiff): string {
  const toId = diff.to.id === diff.from.id ? '' : `-${diff.to.id}`;
  return `diff-${diff.from.id}-v${diff.from.version}${toId}-v${diff.to.version}`;
}

/** The title of a diff, as the index and the page name it. @internal */
export function diffTitle(diff: ReportDiff, lang: Language): string {
  const toId = diff.to.id === diff.from.id ? '' : `${diff.to.id} `;
  return `${diff.to.title[lang]}: ${diff.from.id} v${diff.from.version} → ${toId}v${diff.to.version}`;
}

/**
 * One page of the report comparing two versions of a path: the two drawn on one diagram (added
 * green, removed red and dashed, changed amber, with its legend) and every difference in a table —
 * the same as `kykypolku diagram --diff` prints, in the page's language.
 *
 * @internal
 */
export async function diffReportPage(
  diff: ReportDiff,
  lang: Language,
  indexHref: string,
  languageLinks: readonly { readonly lang: Language; readonly href: string }[] | undefined,
): Promise<string> {
  const rows = diffPaths(diff.from, diff.to, { lang }).rows;
  const { text: svg } = await toPathDiffSvg(diff.from, diff.to, { lang });
  const title = diffTitle(diff, lang);
  const headers = (['what', 'change', 'key', 'name', 'before', 'after'] as const).map((word) => diffWord(word, lang));
  const table =
    rows.length === 0
      ? element('p', {}, diffWord('noChanges', lang))
      : element(
          'table',
          {},
          tableHead(headers),
          element(
            'tbody',
            {},
            rows.map((row) =>
              element(
                'tr',
                { class: `diff-${row.change}` },
                element('td', {}, diffWord(row.subject, lang)),
                element('td', {}, diffWord(row.change, lang)),
                element('td', {}, element('code', {}, row.key)),
                element('td', {}, row.name),
                element('td', {}, row.before ?? ''),
                element('td', {}, row.after ?? ''),
              ),
            ),
          ),
        );
  const page = element(
    'html',
    { lang },
    element('head', {}, element('meta', { charset: 'utf-8' }), element('title', {}, title), element('style', {}, reportStyle)),
    element(
      'body',
      {},
      element(
        'header',
        {},
        languageLinks && languageSwitch(languageLinks, lang),
        element('a', { href: indexHref }, reportWord('backToIndex', lang)),
        element('h1', {}, title),
      ),
      element(
        'main',
        {},
        element('section', { id: 'diagram' }, element('h2', {}, reportWord('diagram', lang)), element('figure', {}, verbatim(svg))),
        element('section', { id: 'differences' }, element('h2', {}, reportWord('differences', lang)), table),
      ),
      element('footer', {}, reportWord('generated', lang)),
    ),
  );
  return `<!doctype html>\n${renderMarkup(page, { mode: 'html' })}`;
}
