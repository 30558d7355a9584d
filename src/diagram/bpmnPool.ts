import type { BpmnModdle, ModdleElement } from 'bpmn-moddle';
import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';
import { bpmnId } from './bpmnPlan.js';
import type { Bounds } from './layoutBpmn.js';

// What the executable BPMN (toBpmn) and the process map (toBpmnProcessMap) write alike: one pool
// with a lane per role around one process of flow nodes and sequence flows, and its diagram.

/** A flow node or sequence flow as both BPMN writers plan it. @internal */
export interface PooledNode {
  readonly id: string;
  readonly lane: string;
}

/** A sequence flow between two written flow nodes. @internal */
export interface PooledFlow {
  readonly id: string;
  readonly name?: string | undefined;
  readonly source: string;
  readonly target: string;
  readonly isDefault?: boolean | undefined;
}

/** Where a pool and its lanes sit in the diagram. @internal */
export interface PoolBounds {
  readonly pool: Bounds;
  readonly lanes: ReadonlyMap<string, Bounds>;
}

/** The pool of one process: its process, participant and collaboration, and the lanes. @internal */
export interface WrittenPool {
  readonly process: ModdleElement;
  readonly participant: ModdleElement;
  readonly collaboration: ModdleElement;
  readonly lanes: readonly ModdleElement[];
  readonly flows: readonly ModdleElement[];
}

/**
 * The sequence flows between written flow nodes (each flow on its nodes' `outgoing`/`incoming`, a
 * default flow as its source's `default`), the lanes holding the nodes of each role, and the
 * process in a pool of its own.
 *
 * @internal
 */
export function writePool(
  moddle: BpmnModdle,
  pool: {
    readonly definition: AnyPathDefinition;
    readonly lang: Language;
    readonly processId: string;
    readonly isExecutable: boolean;
    readonly lanes: readonly { readonly id: string; readonly role: string; readonly name: string }[];
    readonly nodes: readonly PooledNode[];
    readonly elements: ReadonlyMap<string, ModdleElement>;
    readonly flows: readonly PooledFlow[];
    /** The condition of a flow, as the writer expresses it, if it has one. */
    readonly condition: (flow: PooledFlow) => ModdleElement | undefined;
  },
): WrittenPool {
  const { definition, elements } = pool;
  const create = (type: string, attributes: Record<string, unknown> = {}) => moddle.create(type, attributes);
  const flows = writeSequenceFlows(moddle, elements, pool.flows, pool.condition);
  const lanes = pool.lanes.map((lane) =>
    create('bpmn:Lane', {
      id: lane.id,
      name: lane.name,
      flowNodeRef: pool.nodes.filter((node) => node.lane === lane.role).map((node) => elements.get(node.id)!),
    }),
  );
  const process = create('bpmn:Process', {
    id: bpmnId(pool.processId, definition.id),
    name: definition.title[pool.lang],
    isExecutable: pool.isExecutable,
    laneSets: [create('bpmn:LaneSet', { id: 'LaneSet', lanes })],
    flowElements: [...elements.values(), ...flows],
  });
  const participant = create('bpmn:Participant', {
    id: bpmnId('Participant', definition.id),
    name: definition.title[pool.lang],
    processRef: process,
  });
  const collaboration = create('bpmn:Collaboration', { id: 'Collaboration', participants: [participant] });
  return { process, participant, collaboration, lanes, flows };
}

/**
 * Sequence flows between written flow nodes: each flow on its nodes' `outgoing`/`incoming`, a
 * default flow as its source's `default`.
 *
 * @internal
 */
export function writeSequenceFlows(
  moddle: BpmnModdle,
  elements: ReadonlyMap<string, ModdleElement>,
  flows: readonly PooledFlow[],
  condition: (flow: PooledFlow) => ModdleElement | undefined,
): ModdleElement[] {
  return flows.map((flow) => {
    const source = elements.get(flow.source)!;
    const target = elements.get(flow.target)!;
    const element = moddle.create('bpmn:SequenceFlow', {
      id: flow.id,
      name: flow.name,
      sourceRef: source,
      targetRef: target,
      conditionExpression: condition(flow),
    });
    (source.get('outgoing') as ModdleElement[]).push(element);
    (target.get('incoming') as ModdleElement[]).push(element);
    if (flow.isDefault) source.set('default', element);
    return element;
  });
}

/** A diagram box as `dc:Bounds`. @internal */
export function boundsOf(moddle: BpmnModdle, box: Bounds): ModdleElement {
  return moddle.create('dc:Bounds', { x: box.x, y: box.y, width: box.width, height: box.height });
}

/**
 * The definitions of one pool: the pool's and its lanes' shapes first, then `planeElements` (the
 * flow nodes' shapes and the flows' edges), in one diagram.
 *
 * @internal
 */
export function writeDefinitions(
  moddle: BpmnModdle,
  written: WrittenPool,
  layout: PoolBounds,
  diagram: {
    readonly definition: AnyPathDefinition;
    readonly targetNamespace: string;
    readonly rootsBefore?: readonly ModdleElement[];
    readonly planeElements: readonly ModdleElement[];
    /** Diagrams after the pool's, e.g. the drill-down plane of a collapsed sub-process. */
    readonly diagramsAfter?: readonly ModdleElement[];
  },
): ModdleElement {
  const create = (type: string, attributes: Record<string, unknown> = {}) => moddle.create(type, attributes);
  const { participant, lanes, collaboration, process } = written;
  const planeElements: ModdleElement[] = [
    create('bpmndi:BPMNShape', {
      id: `${participant.id}_di`,
      bpmnElement: participant,
      isHorizontal: true,
      bounds: boundsOf(moddle, layout.pool),
    }),
    ...lanes.map((lane) =>
      create('bpmndi:BPMNShape', {
        id: `${lane.id}_di`,
        bpmnElement: lane,
        isHorizontal: true,
        bounds: boundsOf(moddle, layout.lanes.get(lane.id!)!),
      }),
    ),
    ...diagram.planeElements,
  ];
  return create('bpmn:Definitions', {
    id: bpmnId('Definitions', diagram.definition.id),
    targetNamespace: diagram.targetNamespace,
    exporter: 'kykypolku',
    rootElements: [...(diagram.rootsBefore ?? []), collaboration, process],
    diagrams: [
      create('bpmndi:BPMNDiagram', {
        id: 'Diagram',
        plane: create('bpmndi:BPMNPlane', { id: 'Plane', bpmnElement: collaboration, planeElement: planeElements }),
      }),
      ...(diagram.diagramsAfter ?? []),
    ],
  });
}
