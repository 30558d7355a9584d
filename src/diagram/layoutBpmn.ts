import type { BpmnNode, BpmnPlan } from './bpmnPlan.js';
import type { ElkLayoutEngine } from './loadElk.js';

/** A rectangle in diagram coordinates. @internal */
export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where everything of a BPMN plan is drawn. @internal */
export interface BpmnLayout {
  readonly pool: Bounds;
  readonly lanes: ReadonlyMap<string, Bounds>;
  readonly shapes: ReadonlyMap<string, Bounds>;
  readonly edges: ReadonlyMap<string, readonly { x: number; y: number }[]>;
}

const sizeOf = (node: BpmnNode): { width: number; height: number } =>
  node.kind === 'receiveTask' || node.kind === 'scriptTask'
    ? { width: 100, height: 80 }
    : node.kind === 'startEvent' || node.kind === 'endEvent'
      ? { width: 36, height: 36 }
      : { width: 50, height: 50 };

/** Height of one row of a lane: the tallest shape and the gap below it. */
const rowHeight = 120;
const laneLabelWidth = 30;
const lanePadding = 20;
const emptyLaneHeight = 80;

/**
 * Lays out a BPMN plan: ELK's layered algorithm (`elkjs`) orders each section of the process from
 * left to right and decides the order of nodes within each layer; then each node is put in its role's lane, in
 * the row ELK's order gives it among that lane's nodes of the same layer, and flows are routed
 * orthogonally between the rows. Rows never share a place, so no two shapes overlap.
 *
 * @internal
 */
export async function layoutBpmn(plan: BpmnPlan, elk: ElkLayoutEngine): Promise<BpmnLayout> {
  const laneIndex = new Map(plan.lanes.map((lane, index) => [lane.role, index]));
  // Each section (the start, each state, the final states) is laid out on its own: flows between
  // sections only run from the start and into the final states, and ELK's layered algorithm costs
  // far more on one large graph than on several small ones.
  const sections = [...new Set(plan.nodes.map((node) => node.section))].sort((a, b) => a - b);
  const placed = new Map<string, { x: number; y: number; width: number }>();
  let sectionLeft = 0;
  for (const section of sections) {
    // Nodes are given lane by lane so that ELK's model-order option keeps each lane's nodes together.
    const members = plan.nodes
      .filter((node) => node.section === section)
      .sort((a, b) => (laneIndex.get(a.lane) ?? 0) - (laneIndex.get(b.lane) ?? 0));
    const ids = new Set(members.map((node) => node.id));
    const result = await elk.layout({
      id: `section${section}`,
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.randomSeed': '1',
        'elk.spacing.nodeNode': '30',
        'elk.layered.spacing.nodeNodeBetweenLayers': '60',
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        // Only ELK's layers and its order within them are kept (rows and flows are placed below),
        // so its cheapest node placement and edge routing do.
        'elk.layered.nodePlacement.strategy': 'SIMPLE',
        'elk.edgeRouting': 'POLYLINE',
        'elk.padding': '[top=0,left=0,bottom=0,right=0]',
      },
      children: members.map((node) => ({ id: node.id, ...sizeOf(node) })),
      edges: plan.flows
        .filter((flow) => ids.has(flow.source) && ids.has(flow.target))
        .map((flow) => ({ id: flow.id, sources: [flow.source], targets: [flow.target] })),
    });
    let right = sectionLeft;
    for (const child of result.children ?? []) {
      const x = sectionLeft + (child.x ?? 0);
      placed.set(child.id, { x, y: child.y ?? 0, width: child.width ?? 0 });
      right = Math.max(right, x + (child.width ?? 0));
    }
    sectionLeft = right + 80;
  }

  // Columns: ELK's layers, read back from the x ranges it gave (a layer's nodes share one range).
  const byX = [...plan.nodes].sort((a, b) => placed.get(a.id)!.x - placed.get(b.id)!.x);
  const columnOf = new Map<string, number>();
  const columns: { left: number; right: number }[] = [];
  for (const node of byX) {
    const child = placed.get(node.id)!;
    const left = child.x;
    const right = left + child.width;
    const last = columns[columns.length - 1];
    if (last && left < last.right) {
      last.right = Math.max(last.right, right);
    } else {
      columns.push({ left, right });
    }
    columnOf.set(node.id, columns.length - 1);
  }

  // Rows: within a lane and a column, ELK's top-to-bottom order.
  const rowOf = new Map<string, number>();
  const rowsInLane = new Map<string, number>();
  for (const lane of plan.lanes) {
    const cells = new Map<number, BpmnNode[]>();
    for (const node of plan.nodes) {
      if (node.lane !== lane.role) continue;
      const column = columnOf.get(node.id)!;
      cells.set(column, [...(cells.get(column) ?? []), node]);
    }
    let rows = 0;
    for (const cell of cells.values()) {
      cell.sort((a, b) => placed.get(a.id)!.y - placed.get(b.id)!.y);
      cell.forEach((node, row) => {
        rowOf.set(node.id, row);
      });
      rows = Math.max(rows, cell.length);
    }
    rowsInLane.set(lane.role, rows);
  }

  const origin = { x: 0, y: 0 };
  const columnShift = laneLabelWidth * 2 + lanePadding - (columns[0]?.left ?? 0);
  const lanes = new Map<string, Bounds>();
  const laneTop = new Map<string, number>();
  let y = origin.y;
  const width = (columns[columns.length - 1]?.right ?? 0) + columnShift + lanePadding * 2;
  for (const lane of plan.lanes) {
    const rows = rowsInLane.get(lane.role) ?? 0;
    const height = rows === 0 ? emptyLaneHeight : rows * rowHeight + lanePadding;
    lanes.set(lane.id, { x: origin.x + laneLabelWidth, y, width: width - laneLabelWidth, height });
    laneTop.set(lane.role, y);
    y += height;
  }
  const pool: Bounds = { x: origin.x, y: origin.y, width, height: y - origin.y };

  const shapes = new Map<string, Bounds>();
  for (const node of plan.nodes) {
    const size = sizeOf(node);
    const column = columns[columnOf.get(node.id)!]!;
    const centreX = (column.left + column.right) / 2 + columnShift;
    const rowTop = laneTop.get(node.lane)! + lanePadding + rowOf.get(node.id)! * rowHeight;
    shapes.set(node.id, {
      x: Math.round(centreX - size.width / 2),
      y: Math.round(rowTop + (80 - size.height) / 2),
      width: size.width,
      height: size.height,
    });
  }

  // Flows run left to right (each instance is acyclic). A flow to the next column turns in the gap
  // after its source; a longer one climbs into the gap above its target's row, runs along it and
  // comes down in the gap before its target, so no flow crosses a shape on the way.
  const edges = new Map<string, { x: number; y: number }[]>();
  const used = new Map<string, number>();
  const offset = (key: string): number => {
    const count = used.get(key) ?? 0;
    used.set(key, count + 1);
    return (count % 8) * 4;
  };
  const gapAfter = (column: number) => Math.round(columns[column]!.right + columnShift + 12);
  for (const flow of plan.flows) {
    const from = shapes.get(flow.source)!;
    const to = shapes.get(flow.target)!;
    const sx = from.x + from.width;
    const sy = Math.round(from.y + from.height / 2);
    const ty = Math.round(to.y + to.height / 2);
    const fromColumn = columnOf.get(flow.source)!;
    const toColumn = columnOf.get(flow.target)!;
    if (sy === ty && toColumn === fromColumn + 1) {
      edges.set(flow.id, [
        { x: sx, y: sy },
        { x: to.x, y: ty },
      ]);
    } else if (toColumn === fromColumn + 1) {
      const gapX = gapAfter(fromColumn) + offset(`gap${fromColumn}`);
      edges.set(flow.id, [
        { x: sx, y: sy },
        { x: gapX, y: sy },
        { x: gapX, y: ty },
        { x: to.x, y: ty },
      ]);
    } else {
      const gapX = gapAfter(fromColumn) + offset(`gap${fromColumn}`);
      const rowTop = to.y - (80 - to.height) / 2;
      const corridorY = Math.round(rowTop - 12 - offset(`row${rowTop}`));
      const beforeX = Math.round(to.x - 20 - offset(`before${toColumn}`));
      edges.set(flow.id, [
        { x: sx, y: sy },
        { x: gapX, y: sy },
        { x: gapX, y: corridorY },
        { x: beforeX, y: corridorY },
        { x: beforeX, y: ty },
        { x: to.x, y: ty },
      ]);
    }
  }
  return { pool, lanes, shapes, edges };
}
