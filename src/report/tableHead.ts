import { element, type MarkupElement } from '../diagram/markup.js';

/** A table's head: one row of header cells, as every table of the report starts. @internal */
export function tableHead(headers: readonly string[]): MarkupElement {
  return element(
    'thead',
    {},
    element(
      'tr',
      {},
      headers.map((header) => element('th', {}, header)),
    ),
  );
}
