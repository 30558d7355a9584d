import { diffWord } from './diffWords.js';
import { codeSpan, renderMarkdown } from './markdown.js';
import type { PathDiff } from './pathDiff.js';

/**
 * A version diff as a Markdown table, in the diff's language: what each row is about, whether the
 * new version adds, removes or changes it, its key, its name, and its words before and after.
 * Markdown reads as plain text in a terminal too.
 *
 * @example
 * ```ts
 * import { diffPaths, toPathDiffMarkdown } from 'kykypolku/diagram';
 * toPathDiffMarkdown(diffPaths(reviewPathV1, reviewPathV2, { lang: 'sv' }));
 * ```
 */
export function toPathDiffMarkdown(diff: PathDiff): string {
  const { lang } = diff;
  const toId = diff.to.id === diff.from.id ? '' : `${codeSpan(diff.to.id)} `;
  const title = `${codeSpan(diff.from.id)} v${diff.from.version} → ${toId}v${diff.to.version}`;
  return renderMarkdown([
    { kind: 'heading', level: 1, text: title },
    diff.rows.length === 0
      ? { kind: 'paragraph', text: diffWord('noChanges', lang) }
      : {
          kind: 'table',
          headers: (['what', 'change', 'key', 'name', 'before', 'after'] as const).map((word) => diffWord(word, lang)),
          rows: diff.rows.map((row) => [
            diffWord(row.subject, lang),
            diffWord(row.change, lang),
            codeSpan(row.key),
            row.name,
            row.before ?? '',
            row.after ?? '',
          ]),
        },
  ]);
}
