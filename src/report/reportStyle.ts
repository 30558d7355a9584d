/** The report's stylesheet, inlined in every page so that a page is one self-contained file. @internal */
export const reportStyle = `
body { font-family: Helvetica, Arial, sans-serif; color: #1c2b39; margin: 0; background: #fbfcfd; }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 26px; margin: 8px 0; }
h2 { font-size: 20px; margin: 32px 0 12px; border-bottom: 1px solid #d5dde6; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
a { color: #2a5d8f; }
.meta { color: #52667a; }
.indicator-table tr.small-number td { background: #fff6e0; }
.small-mark, .small-number-note { color: #8a5a00; }
figure { margin: 0; overflow-x: auto; background: #fff; border: 1px solid #d5dde6; border-radius: 6px; padding: 8px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; background: #fff; }
th, td { border: 1px solid #d5dde6; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef4fb; }
code { font-family: Menlo, Consolas, monospace; font-size: 12px; }
.status-proved { color: #1d6b35; font-weight: bold; }
.status-violated { color: #a12b2b; font-weight: bold; }
.status-incomplete { color: #8a5a00; font-weight: bold; }
.chart { display: block; margin: 4px 0 16px; background: #fff; border: 1px solid #d5dde6; border-radius: 6px; }
.languages { float: right; display: flex; gap: 10px; font-size: 14px; }
.languages a[aria-current='page'] { font-weight: bold; color: #1c2b39; text-decoration: none; }
.diagram-tools { display: flex; gap: 6px; align-items: center; margin: 0 0 6px; }
.diagram-tools button { min-width: 32px; height: 28px; font-size: 16px; }
/* Graphviz sizes every box for Helvetica's widths: draw the diagram's words in Helvetica or a font
   of the same widths (Arial, Liberation Sans), else DejaVu Sans Condensed (close), never a wider
   fallback that would spill out of the boxes. */
#diagram svg text { font-family: Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans Condensed', sans-serif; }
figure.zoomable { overflow: hidden; cursor: grab; touch-action: none; }
figure.zoomable.dragging { cursor: grabbing; }
figure.zoomable svg { display: block; width: 100%; height: auto; max-height: 75vh; }
.state-hook { cursor: pointer; }
.state-hook:focus { outline: none; }
.is-current > rect, .is-current > path, .is-current > polygon, .is-current > ellipse { fill: #fff3cd; }
.is-selected > rect, .is-selected > path, .is-selected > polygon, .is-selected > ellipse { stroke: #d97706; stroke-width: 3px; }
#state-panel:not(:empty) { margin: 10px 0; padding: 4px 12px; background: #fff; border: 1px solid #d97706; border-radius: 6px; }
.state-info ul { margin: 4px 0 12px; padding-left: 20px; font-size: 14px; }
.state-info li { margin-bottom: 6px; }
.state-rule, .state-info li > div { color: #35506b; font-size: 13px; }
#states .state-info { border-top: 1px solid #eef1f4; }
.sim-controls select { max-width: 100%; }
#sim-answer { margin: 8px 0; padding: 6px 10px; border-radius: 6px; }
#sim-answer:empty { display: none; }
.sim-accepted { color: #1d6b35; }
#sim-answer.sim-accepted { background: #e8f5ec; }
.sim-refused { color: #a12b2b; }
#sim-answer.sim-refused { background: #fbeaea; }
#sim-log { font-size: 13px; }
footer { max-width: 1180px; margin: 40px auto 24px; padding: 0 24px; color: #52667a; font-size: 12px; }
`;
