import type { BpmnNode, BpmnPlan } from './bpmnPlan.js';

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

interface ElkLike {
  layout(graph: unknown): Promise<{ children?: { id: string; x?: number; y?: number; width?: number; height?: number }[] }>;
}

/**
 * Lays out a BPMN plan: ELK's layered algorithm (`elkjs`) orders the process from left to right
 * and decides the order of nodes within each layer; then each node is put in its role's lane, in
 * the row ELK's order gives it among that lane's nodes of the same layer, and flows are routed
 * orthogonally between the rows. Rows never share a place, so no two shapes overlap.
 *
 * @internal
 */
export async function layoutBpmn(plan: BpmnPlan, elk: ElkLike): Promise<BpmnLayout> {
  const laneIndex = new Map(plan.lanes.map((lane, index) => [lane.role, index]));
  // Nodes are given lane by lane so that ELK's model-order option keeps each lane's nodes together.
  const ordered = [...plan.nodes].sort((a, b) => (laneIndex.get(a.lane) ?? 0) - (laneIndex.get(b.lane) ?? 0));
  const result = await elk.layout({
    id: 'process',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.randomSeed': '1',
      'elk.spacing.nodeNode': '30',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
    },
    children: ordered.map((node) => ({ id: node.id, ...sizeOf(node) })),
    edges: plan.flows.map((flow) => ({ id: flow.id, sources: [flow.source], targets: [flow.target] })),
  });
  const placed = new Map((result.children ?? []).map((child) => [child.id, child]));

  // Columns: ELK's layers, read back from the x ranges it gave (a layer's nodes share one range).
  const byX = [...plan.nodes].sort((a, b) => (placed.get(a.id)?.x ?? 0) - (placed.get(b.id)?.x ?? 0));
  const columnOf = new Map<string, number>();
  const columns: { left: number; right: number }[] = [];
  for (const node of byX) {
    const child = placed.get(node.id)!;
    const left = child.x ?? 0;
    const right = left + (child.width ?? 0);
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
      cell.sort((a, b) => (placed.get(a.id)?.y ?? 0) - (placed.get(b.id)?.y ?? 0));
      cell.forEach((node, row) => rowOf.set(node.id, row));
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
    shapes.set(node.id, { x: Math.round(centreX - size.width / 2), y: Math.round(rowTop + (80 - size.height) / 2), width: size.width, height: size.height });
  }

  const edges = new Map<string, { x: number; y: number }[]>();
  const gapUse = new Map<string, number>();
  for (const flow of plan.flows) {
    const from = shapes.get(flow.source)!;
    const to = shapes.get(flow.target)!;
    const sx = from.x + from.width;
    const sy = from.y + from.height / 2;
    const ty = to.y + to.height / 2;
    if (to.x > sx + 10) {
      // Forward: out of the right side, down or up in the gap after the source's column, in on the left.
      const column = columns[columnOf.get(flow.source)!]!;
      const key = `f${columnOf.get(flow.source)}`;
      const used = gapUse.get(key) ?? 0;
      gapUse.set(key, used + 1);
      const gapX = Math.round(column.right + columnShift + 12 + (used % 8) * 4);
      edges.set(flow.id, sy === ty ? [{ x: sx, y: sy }, { x: to.x, y: ty }] : [{ x: sx, y: sy }, { x: gapX, y: sy }, { x: gapX, y: ty }, { x: to.x, y: ty }]);
    } else {
      // Backward: out of the bottom, along the row gap below the lower shape, in from below.
      const fromX = Math.round(from.x + from.width / 2);
      const toX = Math.round(to.x + to.width / 2);
      const rowBottom = (shape: Bounds) => shape.y + (80 + shape.height) / 2;
      const lower = Math.round(Math.max(rowBottom(from), rowBottom(to)));
      const key = `b${lower}`;
      const used = gapUse.get(key) ?? 0;
      gapUse.set(key, used + 1);
      const gapY = lower + 8 + (used % 6) * 4;
      edges.set(flow.id, [
        { x: fromX, y: from.y + from.height },
        { x: fromX, y: gapY },
        { x: toX, y: gapY },
        { x: toX, y: to.y + to.height },
      ]);
    }
  }
  return { pool, lanes, shapes, edges };
}
