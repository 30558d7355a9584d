import { parseArgs } from 'node:util';
import type { DiagramResult } from '../diagram/diagramResult.js';
import { diffPaths } from '../diagram/pathDiff.js';
import { toPathDiffDot, toPathDiffSvg } from '../diagram/pathDiffDiagram.js';
import { toPathDiffMarkdown } from '../diagram/pathDiffTable.js';
import { describePathTable, toPathTableMarkdown } from '../diagram/pathTable.js';
import { toBpmn } from '../diagram/toBpmn.js';
import { toBpmnProcessMap } from '../diagram/toBpmnProcessMap.js';
import { toDot } from '../diagram/toDot.js';
import { toMermaid } from '../diagram/toMermaid.js';
import { toScxml } from '../diagram/toScxml.js';
import { toSvg } from '../diagram/toSvg.js';
import type { AnyPathDefinition } from '../path/definition.js';
import { languages, type Language } from '../path/label.js';
import { languageOption, UsageError, type CliCommand } from './command.js';
import { pathsFromOptions, resolvePathReference } from './pathReference.js';

// `bpmn` stays the name of the executable BPMN it always was, so that scripts written against it
// keep working; `bpmn-executable` says what it is for, beside the process map `bpmn-map`.
const formats = ['mermaid', 'dot', 'bpmn-map', 'bpmn-executable', 'bpmn', 'scxml', 'svg', 'table', 'table-json'] as const;
const diffFormats = ['table', 'table-json', 'dot', 'svg'] as const;

async function drawPath(definition: AnyPathDefinition, format: (typeof formats)[number], lang: Language): Promise<DiagramResult> {
  const options = { lang };
  switch (format) {
    case 'mermaid':
      return toMermaid(definition, options);
    case 'dot':
      return toDot(definition, options);
    case 'bpmn-map':
      return toBpmnProcessMap(definition, options);
    case 'bpmn-executable':
    case 'bpmn':
      return toBpmn(definition, options);
    case 'scxml':
      return toScxml(definition, options);
    case 'svg':
      return toSvg(definition, options);
    case 'table':
      return { text: toPathTableMarkdown(definition, options), warnings: [] };
    case 'table-json':
      return { text: `${JSON.stringify(describePathTable(definition, options), null, 2)}\n`, warnings: [] };
  }
}

async function drawDiff(
  from: AnyPathDefinition,
  to: AnyPathDefinition,
  format: (typeof diffFormats)[number],
  lang: Language,
): Promise<DiagramResult> {
  switch (format) {
    case 'table':
      return { text: toPathDiffMarkdown(diffPaths(from, to, { lang })), warnings: [] };
    case 'table-json':
      return { text: `${JSON.stringify(diffPaths(from, to, { lang }), null, 2)}\n`, warnings: [] };
    case 'dot':
      return toPathDiffDot(from, to, { lang });
    case 'svg':
      return toPathDiffSvg(from, to, { lang });
  }
}

function formatOption<F extends string>(value: string | undefined, allowed: readonly F[], fallback?: F): F {
  const format = value ?? fallback;
  if (!(allowed as readonly (string | undefined)[]).includes(format))
    throw new UsageError(`--format must be one of ${allowed.join(', ')}, got '${(format ?? '').slice(0, 40)}'`);
  return format as F;
}

/** `kykypolku diagram`: one path in one format, or what a new version changes, on standard output. @internal */
export const diagramCommand: CliCommand = {
  name: 'diagram',
  usage: `kykypolku diagram <path>[@<version>] --format <format> [--module <file>]… [--lang fi|sv|en]
      <format>: mermaid|dot|bpmn-map|bpmn-executable|scxml|svg|table|table-json. Prints a path as a
      Mermaid state diagram, Graphviz DOT, a BPMN 2.0 process map for people (bpmn-map), the
      executable BPMN 2.0 that runs in a BPMN engine (bpmn-executable, also called bpmn), SCXML, an
      SVG state diagram (laid out by Graphviz), or its path table (Markdown or JSON). Warnings go to
      standard error. --module draws a host's own paths (a built JavaScript module exporting path
      definitions) instead of the built-in ones; <path> alone is its latest version.
  kykypolku diagram --diff <old> <new> [--format table|table-json|dot|svg] [--module <file>]… [--lang fi|sv|en]
      What version <new> of a path adds, removes and changes against <old> (each <path>@<version>,
      e.g. review-path@1 review-path@2): states, transitions, conditions, guards, events, roles,
      who may record each event, rules, deadlines and end reasons, as a table (default, Markdown)
      or JSON, or drawn on one diagram (DOT, SVG): added green, removed red and dashed, changed amber.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        format: { type: 'string' },
        lang: { type: 'string' },
        module: { type: 'string', multiple: true },
        diff: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    const lang = languageOption(values.lang, languages);
    let result: DiagramResult;
    if (values.diff) {
      if (positionals.length !== 2)
        throw new UsageError('diagram --diff takes two path versions, e.g. kykypolku diagram --diff review-path@1 review-path@2');
      const format = formatOption(values.format, diffFormats, 'table');
      const catalogue = await pathsFromOptions(values.module);
      const [from, to] = positionals.map((reference) => resolvePathReference(catalogue, reference));
      result = await drawDiff(from!, to!, format, lang);
    } else {
      if (positionals.length !== 1)
        throw new UsageError('diagram takes one path id, e.g. kykypolku diagram workability-path --format mermaid');
      const format = formatOption(values.format, formats);
      const definition = resolvePathReference(await pathsFromOptions(values.module), positionals[0]!);
      result = await drawPath(definition, format, lang);
    }
    io.out.write(result.text);
    for (const warning of result.warnings) io.err.write(`kykypolku: warning: ${warning}\n`);
    return 0;
  },
};
