import type { BpmnModdle, ModdleElement } from 'bpmn-moddle';
import type { AnyPathDefinition } from '../path/definition.js';
import { bpmnId } from './bpmnPlan.js';
import { boundsOf, type PooledFlow, writeDefinitions, writePool, writeSequenceFlows } from './bpmnPool.js';
import type { DiagramOptions, DiagramResult } from './diagramResult.js';
import type { Bounds } from './layoutBpmn.js';
import { layoutProcessMap, type ProcessMapLayout, scoredLayoutOf } from './layoutProcessMap.js';
import { planProcessMap, type MapNode, type ProcessMapPlan } from './processMapPlan.js';

const elementType: Readonly<Record<MapNode['kind'], string>> = {
  start: 'bpmn:StartEvent',
  end: 'bpmn:EndEvent',
  wait: 'bpmn:EventBasedGateway',
  join: 'bpmn:ExclusiveGateway',
  choice: 'bpmn:ExclusiveGateway',
  fork: 'bpmn:ParallelGateway',
  // A state whose one piece of work is a task other states lead to as well: a milestone named by
  // the state, so that the map still shows where the case is.
  state: 'bpmn:IntermediateThrowEvent',
  // A receive task: the case waits for the work to be recorded (the targets of an event-based
  // gateway are receive tasks or catching events in BPMN 2.0, not user tasks).
  task: 'bpmn:ReceiveTask',
  subprocess: 'bpmn:SubProcess',
};

/** The part of a plan drawn on one plane: the top level, or one sub-process's inside. */
function planeOf(plan: ProcessMapPlan, container: string | undefined, lanes: ProcessMapPlan['lanes']): ProcessMapPlan {
  const nodes = plan.nodes.filter((node) => node.container === container);
  const ids = new Set(nodes.map((node) => node.id));
  return { ...plan, lanes, nodes, flows: plan.flows.filter((flow) => ids.has(flow.source)) };
}

function writeProcessMap(plan: ProcessMapPlan, moddle: BpmnModdle): ModdleElement {
  const { definition, lang } = plan;
  const create = (type: string, attributes: Record<string, unknown> = {}) => moddle.create(type, attributes);
  const documentation = (text: string | undefined) => (text === undefined ? undefined : [create('bpmn:Documentation', { text })]);
  const elements = new Map<string, ModdleElement>();
  for (const node of plan.nodes) {
    const element = create(elementType[node.kind], { id: node.id, name: node.name, documentation: documentation(node.documentation) });
    if (node.terminate) element.set('eventDefinitions', [create('bpmn:TerminateEventDefinition', { id: `${node.id}_terminate` })]);
    elements.set(node.id, element);
  }
  const condition = (flow: PooledFlow) => {
    const text = (flow as (typeof plan.flows)[number]).condition;
    return text === undefined ? undefined : create('bpmn:FormalExpression', { body: text });
  };
  const bounds = (box: Bounds) => boundsOf(moddle, box);
  const label = (box: Bounds | undefined) => (box === undefined ? undefined : create('bpmndi:BPMNLabel', { bounds: bounds(box) }));
  const shapesAndEdges = (part: ProcessMapPlan, layout: ProcessMapLayout, written: readonly ModdleElement[]): ModdleElement[] => [
    ...part.nodes.map((node) => {
      const shape = create('bpmndi:BPMNShape', {
        id: `${node.id}_di`,
        bpmnElement: elements.get(node.id)!,
        bounds: bounds(layout.shapes.get(node.id)!),
        label: label(layout.shapeLabels.get(node.id)),
      });
      if (node.kind === 'choice' || node.kind === 'join') shape.set('isMarkerVisible', true);
      if (node.kind === 'subprocess') shape.set('isExpanded', false);
      return shape;
    }),
    ...written.map((flow) =>
      create('bpmndi:BPMNEdge', {
        id: `${flow.id}_di`,
        bpmnElement: flow,
        waypoint: layout.edges.get(flow.id!)!.map((point) => create('dc:Point', { x: point.x, y: point.y })),
        label: label(layout.edgeLabels.get(flow.id!)),
      }),
    ),
  ];

  // Each sub-process: its flow nodes, flows and lanes inside it, drawn on a plane of its own (the
  // drill-down of a collapsed sub-process in bpmn-js and Camunda Modeler).
  const diagramsAfter = plan.subProcesses.map((sub) => {
    const part = planeOf(plan, sub.id, sub.lanes);
    const layout = layoutProcessMap(part);
    const flows = writeSequenceFlows(moddle, elements, part.flows, condition);
    const lanes = sub.lanes.map((lane) =>
      create('bpmn:Lane', {
        id: lane.id,
        name: lane.name,
        flowNodeRef: part.nodes.filter((node) => node.lane === lane.role).map((node) => elements.get(node.id)!),
      }),
    );
    const element = elements.get(sub.id)!;
    element.set('flowElements', [...part.nodes.map((node) => elements.get(node.id)!), ...flows]);
    element.set('laneSets', [create('bpmn:LaneSet', { id: bpmnId('LaneSet', sub.state), lanes })]);
    const laneShapes = lanes.map((lane) =>
      create('bpmndi:BPMNShape', {
        id: `${lane.id}_di`,
        bpmnElement: lane,
        isHorizontal: true,
        bounds: bounds(layout.lanes.get(lane.id!)!),
      }),
    );
    return create('bpmndi:BPMNDiagram', {
      id: bpmnId('Diagram', sub.state),
      plane: create('bpmndi:BPMNPlane', {
        id: bpmnId('Plane', sub.state),
        bpmnElement: element,
        planeElement: [...laneShapes, ...shapesAndEdges(part, layout, flows)],
      }),
    });
  });

  const top = planeOf(plan, undefined, plan.lanes);
  const layout = layoutProcessMap(top);
  const pool = writePool(moddle, {
    definition,
    lang,
    processId: 'ProcessMap',
    isExecutable: false,
    lanes: top.lanes,
    nodes: top.nodes,
    elements: new Map(top.nodes.map((node) => [node.id, elements.get(node.id)!])),
    flows: top.flows,
    condition,
  });
  return writeDefinitions(moddle, pool, layout, {
    definition,
    targetNamespace: `urn:kykypolku:path:${definition.id}:${definition.version}:process-map`,
    planeElements: shapesAndEdges(top, layout, pool.flows),
    diagramsAfter,
  });
}

/**
 * The path as a BPMN 2.0 process map for people, beside the executable BPMN of `toBpmn`:
 * one process per case, a pool with a lane per role that does some of the work, each piece of work
 * one task on its plane (named by the event's label) in the lane of the role that does it
 * (`performers`, else the first role that may record it), each state the case waits in an
 * event-based gateway named by the state leading to the tasks it takes; after a task an exclusive
 * gateway whose branches carry the guards' own conditions and, where the states differ, the states
 * each holds in (and "refused" back to the state when none holds); work that leaves the state as it
 * is loops back to it, and work several states take that leaves the case where it is is drawn once,
 * beside the states, after a parallel gateway; a final state ends in an end
 * event per end reason the machine can give it. Laid out in layers so that it reads at
 * fit-to-width, labels placed with their bounds. Not executable (`isExecutable="false"`): the
 * conditions name the machine's guards, and context updates are not drawn.
 *
 * @example
 * ```ts
 * import { toBpmnProcessMap } from 'kykypolku/diagram';
 * const { text, warnings } = await toBpmnProcessMap(workabilityPath, { lang: 'fi' });
 * ```
 */
export async function toBpmnProcessMap(definition: AnyPathDefinition, options: DiagramOptions = {}): Promise<DiagramResult> {
  const lang = options.lang ?? 'en';
  const { BpmnModdle } = await import('bpmn-moddle');
  const moddle = new BpmnModdle();
  // The work beside the states may run alongside the states that take it or alongside every state
  // from the start: which reads better depends on the path (the lifestyle guidance's first steps
  // then need no choice of their own), so both are laid out and the better pool is drawn.
  const plan = (['takingIt', 'everyState'] as const)
    .map((region) => planProcessMap(definition, lang, region))
    .map((candidate) => ({ candidate, score: scoredLayoutOf(planeOf(candidate, undefined, candidate.lanes)).score }))
    .reduce((best, next) => (next.score < best.score ? next : best)).candidate;
  const { xml } = await moddle.toXML(writeProcessMap(plan, moddle), { format: true });
  return { text: `${xml}\n`, warnings: [...plan.warnings] };
}
