/**
 * Diagrams, tables and reports of kykypolku paths, for analysts: Mermaid, Graphviz DOT and SVG,
 * BPMN 2.0 with layout (executable, and a process map for people), SCXML, path tables, version
 * diffs and the HTML report. A subpath of its own so that the engine's main entry stays light: BPMN
 * building and layout load `bpmn-moddle` and `elkjs` only when `toBpmn` runs, and Graphviz
 * (WebAssembly) loads only when an SVG is drawn.
 *
 * @packageDocumentation
 */
export type { DiagramOptions, DiagramResult } from './diagramResult.js';
export type { GuardExpression } from './guardExpression.js';
export { describePathGraph, type GraphAction, type GraphState, type GraphTransition, type PathGraph } from './pathGraph.js';
export { toMermaid } from './toMermaid.js';
export { toDot } from './toDot.js';
export { toScxml } from './toScxml.js';
export { toBpmn } from './toBpmn.js';
export { toBpmnProcessMap } from './toBpmnProcessMap.js';
export { describePathTable, toPathTableMarkdown, type PathTable, type PathTableRule, type PathTableTransition } from './pathTable.js';
export { toSvg } from './toSvg.js';
export { buildReport, type Report, type ReportOptions, type ReportPath } from '../report/buildReport.js';
export type { ReportDiff } from '../report/diffReportPage.js';
export { historiesFromStore } from '../report/historiesFromStore.js';
export {
  indicatorsForReport,
  type ReportIndicatorCases,
  type ReportIndicators,
  type ReportIndicatorsResult,
} from '../report/reportIndicators.js';
export { summarizePathCheck, type PathCheckSummary } from '../report/pathCheckSummary.js';
export { summarizeCases, type PathCasesSummary, type StayDistribution, type SummarizeOptions } from '../report/summarizeCases.js';
export { toPathDocument } from './pathDocument.js';
export {
  diffPaths,
  pathDiffSubjects,
  type PathDiff,
  type PathDiffChange,
  type PathDiffRow,
  type PathDiffSubject,
} from './pathDiff.js';
export { toPathDiffMarkdown } from './pathDiffTable.js';
export { toPathDiffDot, toPathDiffSvg } from './pathDiffDiagram.js';
