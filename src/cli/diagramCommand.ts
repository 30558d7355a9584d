import { parseArgs } from 'node:util';
import { languages } from '../path/label.js';
import { describePathTable, toPathTableMarkdown } from '../diagram/pathTable.js';
import type { DiagramResult } from '../diagram/diagramResult.js';
import { toBpmn } from '../diagram/toBpmn.js';
import { toDot } from '../diagram/toDot.js';
import { toMermaid } from '../diagram/toMermaid.js';
import { toScxml } from '../diagram/toScxml.js';
import { toSvg } from '../diagram/toSvg.js';
import { selectPaths } from './catalogue.js';
import { languageOption, UsageError, type CliCommand } from './command.js';

const formats = ['mermaid', 'dot', 'bpmn', 'scxml', 'svg', 'table', 'table-json'] as const;

/** `kykypolku diagram`: one path in one format on standard output. @internal */
export const diagramCommand: CliCommand = {
  name: 'diagram',
  usage: `kykypolku diagram <path-id> --format mermaid|dot|bpmn|scxml|svg|table|table-json [--lang fi|sv|en]
      Prints a path as a Mermaid state diagram, Graphviz DOT, BPMN 2.0 with layout, SCXML, an SVG
      state diagram, or its path table (Markdown or JSON). Warnings go to standard error.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { format: { type: 'string' }, lang: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1)
      throw new UsageError('diagram takes one path id, e.g. kykypolku diagram workability-path --format mermaid');
    const format = values.format;
    if (!(formats as readonly (string | undefined)[]).includes(format))
      throw new UsageError(`--format must be one of ${formats.join(', ')}, got '${format ?? ''}'`);
    const [definition] = selectPaths(positionals);
    const lang = languageOption(values.lang, languages);
    const options = { lang };
    let result: DiagramResult;
    switch (format as (typeof formats)[number]) {
      case 'mermaid':
        result = toMermaid(definition!, options);
        break;
      case 'dot':
        result = toDot(definition!, options);
        break;
      case 'bpmn':
        result = await toBpmn(definition!, options);
        break;
      case 'scxml':
        result = toScxml(definition!, options);
        break;
      case 'svg':
        result = await toSvg(definition!, options);
        break;
      case 'table':
        result = { text: toPathTableMarkdown(definition!, options), warnings: [] };
        break;
      case 'table-json':
        result = { text: `${JSON.stringify(describePathTable(definition!, options), null, 2)}\n`, warnings: [] };
        break;
    }
    io.out.write(result.text);
    for (const warning of result.warnings) io.err.write(`kykypolku: warning: ${warning}\n`);
    return 0;
  },
};
