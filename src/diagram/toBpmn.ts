import type { BpmnModdle, ModdleElement } from 'bpmn-moddle';
import type { AnyPathDefinition } from '../path/definition.js';
import { bpmnId, planBpmn, type BpmnNode, type BpmnPlan } from './bpmnPlan.js';
import { boundsOf, writeDefinitions, writePool } from './bpmnPool.js';
import { conditionScript, historyScript, updateScript } from './bpmnScripts.js';
import type { DiagramOptions, DiagramResult } from './diagramResult.js';
import { layoutBpmn, type BpmnLayout } from './layoutBpmn.js';
import { loadElk } from './loadElk.js';
import { portableLogicOf } from './portableLogic.js';

const elementType: Readonly<Record<BpmnNode['kind'], string>> = {
  startEvent: 'bpmn:StartEvent',
  endEvent: 'bpmn:EndEvent',
  eventBasedGateway: 'bpmn:EventBasedGateway',
  exclusiveGateway: 'bpmn:ExclusiveGateway',
  receiveTask: 'bpmn:ReceiveTask',
  scriptTask: 'bpmn:ScriptTask',
};

/** Loads the BPMN writer and the layout library when first needed: the rest of the subpath stays light. */
async function loadLibraries() {
  const [{ BpmnModdle }, elk] = await Promise.all([import('bpmn-moddle'), loadElk()]);
  return { moddle: new BpmnModdle(), elk };
}

function writeExecutable(plan: BpmnPlan, layout: BpmnLayout, moddle: BpmnModdle): ModdleElement {
  const { definition, lang } = plan;
  const logic = portableLogicOf(definition);
  const create = (type: string, attributes: Record<string, unknown> = {}) => moddle.create(type, attributes);
  const documentation = (text: string | undefined) => (text === undefined ? undefined : [create('bpmn:Documentation', { text })]);

  const messages = new Map<string, ModdleElement>();
  for (const node of plan.nodes) {
    if (node.event !== undefined && !messages.has(node.event)) {
      messages.set(node.event, create('bpmn:Message', { id: bpmnId('Message', node.event), name: node.event }));
    }
  }
  const elements = new Map<string, ModdleElement>();
  for (const node of plan.nodes) {
    const attributes: Record<string, unknown> = { id: node.id, name: node.name, documentation: documentation(node.documentation) };
    if (node.kind === 'receiveTask' && node.event !== undefined) attributes.messageRef = messages.get(node.event);
    if (node.kind === 'scriptTask') {
      attributes.scriptFormat = 'javascript';
      attributes.script = node.history ? historyScript(node.history) : updateScript(logic, node.actions ?? []);
    }
    elements.set(node.id, create(elementType[node.kind], attributes));
  }
  const pool = writePool(moddle, {
    definition,
    lang,
    processId: 'Process',
    isExecutable: true,
    lanes: plan.lanes,
    nodes: plan.nodes,
    elements,
    flows: plan.flows,
    condition: (flow) => {
      const condition = (flow as (typeof plan.flows)[number]).condition;
      return condition ? create('bpmn:FormalExpression', { language: 'javascript', body: conditionScript(logic, condition) }) : undefined;
    },
  });

  const bounds = (box: { x: number; y: number; width: number; height: number }) => boundsOf(moddle, box);
  const planeElements: ModdleElement[] = [
    ...plan.nodes.map((node) => {
      const shape = create('bpmndi:BPMNShape', {
        id: `${node.id}_di`,
        bpmnElement: elements.get(node.id)!,
        bounds: bounds(layout.shapes.get(node.id)!),
      });
      if (node.kind === 'exclusiveGateway') shape.set('isMarkerVisible', true);
      return shape;
    }),
    ...pool.flows.map((flow) =>
      create('bpmndi:BPMNEdge', {
        id: `${flow.id}_di`,
        bpmnElement: flow,
        waypoint: layout.edges.get(flow.id!)!.map((point) => create('dc:Point', { ...point })),
      }),
    ),
  ];
  return writeDefinitions(moddle, pool, layout, {
    definition,
    targetNamespace: `urn:kykypolku:path:${definition.id}:${definition.version}`,
    rootsBefore: [...messages.values()],
    planeElements,
  });
}

/**
 * The path as an executable BPMN 2.0 process with diagram interchange, laid out by ELK and
 * written by `bpmn-moddle`: a pool with a lane per role that does some of the work; each state a
 * waiting point (an event-based gateway named by the state) offering a receive task per event it
 * accepts, in the lane of the role that does that work (`performers`, else the first role that may
 * record it); guarded choices as exclusive gateways whose flows
 * are named by the readable condition of their guards; in-state events as loops back to their state;
 * context updates as script tasks; final states as end events, one per end reason. Conditions
 * and scripts are JavaScript over the process variables `context` and `event`, carrying the
 * machine's own guard and assign code, so the process runs in a BPMN engine (complete a receive
 * task with the variable `event` = `{ type, payload }`).
 *
 * @example
 * ```ts
 * import { toBpmn } from 'kykypolku/diagram';
 * const { text, warnings } = await toBpmn(workabilityPath, { lang: 'fi' });
 * ```
 */
export async function toBpmn(definition: AnyPathDefinition, options: DiagramOptions = {}): Promise<DiagramResult> {
  const lang = options.lang ?? 'en';
  const { moddle, elk } = await loadLibraries();
  const plan = planBpmn(definition, lang);
  const layout = await layoutBpmn(plan, elk);
  const { xml } = await moddle.toXML(writeExecutable(plan, layout, moddle), { format: true });
  return { text: `${xml}\n`, warnings: [...plan.warnings, ...portableLogicOf(definition).warnings] };
}
