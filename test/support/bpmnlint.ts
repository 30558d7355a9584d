import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);

/** One finding of bpmnlint: the rule, the element and the message. */
export interface LintFinding {
  readonly rule: string;
  readonly id: string;
  readonly message: string;
  readonly category: string;
}

/** Lints a BPMN document with bpmnlint's `recommended` rules, as `bpmnlint` on the command line does. */
export async function lintBpmn(text: string): Promise<{ findings: LintFinding[]; importWarnings: string[] }> {
  const { Linter } = require('bpmnlint') as {
    Linter: new (options: unknown) => { lint(root: unknown): Promise<Record<string, { id: string; message: string; category: string }[]>> };
  };
  const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (options: unknown) => unknown;
  const { rootElement, warnings } = await new BpmnModdle().fromXML(text);
  const linter = new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver({ require }) });
  const reports = await linter.lint(rootElement);
  return {
    findings: Object.entries(reports).flatMap(([rule, list]) =>
      list.map((finding) => ({ rule, id: finding.id, message: finding.message, category: finding.category })),
    ),
    importWarnings: warnings.map((warning) => warning.message),
  };
}
