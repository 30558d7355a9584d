import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';

/** A rectangle of a BPMN drawing. */
export interface Box {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface Point {
  readonly x: number;
  readonly y: number;
}

/** What a BPMN document draws: flow-node shapes, lanes, labels (with bounds) and flow routes. */
export interface BpmnDrawing {
  readonly rootElement: ModdleElement;
  readonly flowNodes: Box[];
  readonly lanes: Box[];
  /** Labels with diagram-interchange bounds, by the id of the element they name. */
  readonly labels: Box[];
  readonly routes: { readonly id: string; readonly points: Point[] }[];
}

/** Reads the diagram interchange of a BPMN document: its first diagram (the pool's). */
export async function drawingOf(text: string): Promise<BpmnDrawing> {
  return (await drawingsOf(text))[0]!;
}

/**
 * Reads every diagram of a BPMN document, one drawing per plane: the pool's first, then e.g. the
 * drill-down plane of each collapsed sub-process (shapes of different planes never meet).
 */
export async function drawingsOf(text: string): Promise<BpmnDrawing[]> {
  const { rootElement } = await new BpmnModdle().fromXML(text);
  return (rootElement.get('diagrams') as ModdleElement[]).map((diagram) => planeDrawing(rootElement, diagram));
}

function planeDrawing(rootElement: ModdleElement, diagram: ModdleElement): BpmnDrawing {
  const planeElements = (diagram.get('plane') as ModdleElement).get('planeElement') as ModdleElement[];
  const idOf = (element: ModdleElement) => (element.get('bpmnElement') as ModdleElement).id!;
  const box = (id: string, bounds: { x: number; y: number; width: number; height: number }): Box => ({
    id,
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
  });
  const shapes = planeElements.filter((element) => element.$type === 'bpmndi:BPMNShape');
  const kindOf = (shape: ModdleElement) => (shape.get('bpmnElement') as ModdleElement).$type;
  const labels: Box[] = [];
  for (const element of planeElements) {
    const label = element.get('label') as ModdleElement | undefined;
    const bounds = label?.get('bounds') as { x: number; y: number; width: number; height: number } | undefined;
    if (bounds) labels.push(box(idOf(element), bounds));
  }
  return {
    rootElement,
    flowNodes: shapes
      .filter((shape) => !['bpmn:Participant', 'bpmn:Lane'].includes(kindOf(shape)))
      .map((shape) => box(idOf(shape), shape.get('bounds') as Box)),
    lanes: shapes.filter((shape) => kindOf(shape) === 'bpmn:Lane').map((shape) => box(idOf(shape), shape.get('bounds') as Box)),
    labels,
    routes: planeElements
      .filter((element) => element.$type === 'bpmndi:BPMNEdge')
      .map((edge) => ({ id: idOf(edge), points: (edge.get('waypoint') as Point[]).map((point) => ({ x: point.x, y: point.y })) })),
  };
}

/** Whether two boxes share some area (touching edges do not count). */
export const boxesOverlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * How many times the segments of two different flows cross: a proper crossing of a horizontal
 * and a vertical run (or any two segments) away from their end points. Flows that share a start
 * or an end (a fan out of a gateway, a join) run together there and do not cross.
 */
export function countCrossings(routes: BpmnDrawing['routes']): number {
  const segments = routes.flatMap((route) =>
    route.points.slice(1).map((point, index) => ({ id: route.id, a: route.points[index]!, b: point })),
  );
  const cross = (p: Point, q: Point, r: Point, s: Point): boolean => {
    const d = (q.x - p.x) * (s.y - r.y) - (q.y - p.y) * (s.x - r.x);
    if (d === 0) return false;
    const t = ((r.x - p.x) * (s.y - r.y) - (r.y - p.y) * (s.x - r.x)) / d;
    const u = ((r.x - p.x) * (q.y - p.y) - (r.y - p.y) * (q.x - p.x)) / d;
    const inside = (value: number) => value > 1e-9 && value < 1 - 1e-9;
    return inside(t) && inside(u);
  };
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const first = segments[i]!;
      const second = segments[j]!;
      if (first.id !== second.id && cross(first.a, first.b, second.a, second.b)) count++;
    }
  }
  return count;
}

/** Pairs of labels that overlap each other, and labels that overlap a flow node's shape. */
export function countLabelOverlaps(drawing: BpmnDrawing): { labelPairs: number; labelOnShape: number } {
  let labelPairs = 0;
  for (let i = 0; i < drawing.labels.length; i++) {
    for (let j = i + 1; j < drawing.labels.length; j++) if (boxesOverlap(drawing.labels[i]!, drawing.labels[j]!)) labelPairs++;
  }
  let labelOnShape = 0;
  for (const label of drawing.labels) for (const shape of drawing.flowNodes) if (boxesOverlap(label, shape)) labelOnShape++;
  return { labelPairs, labelOnShape };
}
