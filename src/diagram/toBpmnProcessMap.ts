import type { BpmnModdle, ModdleElement } from 'bpmn-moddle';
import type { AnyPathDefinition } from '../path/definition.js';
import { boundsOf, writeDefinitions, writePool } from './bpmnPool.js';
import type { DiagramOptions, DiagramResult } from './diagramResult.js';
import type { Bounds } from './layoutBpmn.js';
import { layoutProcessMap, type ProcessMapLayout } from './layoutProcessMap.js';
import { planProcessMap, type MapNode, type ProcessMapPlan } from './processMapPlan.js';

const elementType: Readonly<Record<MapNode['kind'], string>> = {
  start: 'bpmn:StartEvent',
  end: 'bpmn:EndEvent',
  wait: 'bpmn:EventBasedGateway',
  join: 'bpmn:ExclusiveGateway',
  choice: 'bpmn:ExclusiveGateway',
  // A receive task: the case waits for the work to be recorded (the targets of an event-based
  // gateway are receive tasks or catching events in BPMN 2.0, not user tasks).
  task: 'bpmn:ReceiveTask',
};

function writeProcessMap(plan: ProcessMapPlan, layout: ProcessMapLayout, moddle: BpmnModdle): ModdleElement {
  const { definition, lang } = plan;
  const create = (type: string, attributes: Record<string, unknown> = {}) => moddle.create(type, attributes);
  const documentation = (text: string | undefined) => (text === undefined ? undefined : [create('bpmn:Documentation', { text })]);
  const elements = new Map<string, ModdleElement>();
  for (const node of plan.nodes) {
    elements.set(
      node.id,
      create(elementType[node.kind], { id: node.id, name: node.name, documentation: documentation(node.documentation) }),
    );
  }
  const pool = writePool(moddle, {
    definition,
    lang,
    processId: 'ProcessMap',
    isExecutable: false,
    lanes: plan.lanes,
    nodes: plan.nodes,
    elements,
    flows: plan.flows,
    condition: (flow) => {
      const condition = (flow as (typeof plan.flows)[number]).condition;
      return condition === undefined ? undefined : create('bpmn:FormalExpression', { body: condition });
    },
  });
  const bounds = (box: Bounds) => boundsOf(moddle, box);
  const label = (box: Bounds | undefined) => (box === undefined ? undefined : create('bpmndi:BPMNLabel', { bounds: bounds(box) }));
  const planeElements: ModdleElement[] = [
    ...plan.nodes.map((node) => {
      const shape = create('bpmndi:BPMNShape', {
        id: `${node.id}_di`,
        bpmnElement: elements.get(node.id)!,
        bounds: bounds(layout.shapes.get(node.id)!),
        label: label(layout.shapeLabels.get(node.id)),
      });
      if (node.kind === 'choice' || node.kind === 'join') shape.set('isMarkerVisible', true);
      return shape;
    }),
    ...pool.flows.map((flow) =>
      create('bpmndi:BPMNEdge', {
        id: `${flow.id}_di`,
        bpmnElement: flow,
        waypoint: layout.edges.get(flow.id!)!.map((point) => create('dc:Point', { x: point.x, y: point.y })),
        label: label(layout.edgeLabels.get(flow.id!)),
      }),
    ),
  ];
  return writeDefinitions(moddle, pool, layout, {
    definition,
    targetNamespace: `urn:kykypolku:path:${definition.id}:${definition.version}:process-map`,
    planeElements,
  });
}

/**
 * The path as a BPMN 2.0 process map for people, beside the executable BPMN of `toBpmn`:
 * one process per case, a pool with a lane per role that does some of the work, each state the
 * case waits in an event-based gateway named by the state, offering a task per piece of work
 * recorded there (named by the event's label) in the lane of the role that does it (`performers`,
 * else the first role that may record it); a guarded event is followed by an exclusive gateway
 * whose branches carry the guards' own conditions (and "refused" back to the state when none
 * holds); work that leaves the state as it is loops back to it; a final state ends in an end
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
  const plan = planProcessMap(definition, lang);
  const layout = layoutProcessMap(plan);
  const { xml } = await moddle.toXML(writeProcessMap(plan, layout, moddle), { format: true });
  return { text: `${xml}\n`, warnings: [...plan.warnings] };
}
