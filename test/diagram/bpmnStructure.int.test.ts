import { describe, expect, it } from 'vitest';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import type { AnyPathDefinition } from 'kykypolku';
import { describePathGraph, toBpmn } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';
import { lintBpmn } from '../support/bpmnlint.js';
import { reviewPath } from '../support/reviewPath.js';

const paths: readonly AnyPathDefinition[] = [reviewPath, ...builtInPaths];

interface Box {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function shapesOf(text: string) {
  const { rootElement } = await new BpmnModdle().fromXML(text);
  const [diagram] = rootElement.get('diagrams') as ModdleElement[];
  const planeElements = (diagram!.get('plane') as ModdleElement).get('planeElement') as ModdleElement[];
  const shapes = planeElements.filter((element) => element.$type === 'bpmndi:BPMNShape');
  const box = (shape: ModdleElement): Box => {
    const bounds = shape.get('bounds') as { x: number; y: number; width: number; height: number };
    return { id: (shape.get('bpmnElement') as ModdleElement).id!, x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height };
  };
  const kindOf = (shape: ModdleElement) => (shape.get('bpmnElement') as ModdleElement).$type;
  return {
    rootElement,
    flowNodes: shapes.filter((shape) => !['bpmn:Participant', 'bpmn:Lane'].includes(kindOf(shape))).map(box),
    lanes: shapes.filter((shape) => kindOf(shape) === 'bpmn:Lane').map(box),
    edges: planeElements.filter((element) => element.$type === 'bpmndi:BPMNEdge'),
  };
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

describe.each(paths.map((path) => [path.id, path] as const))('the BPMN of %s', (_id, definition) => {
  it('passes bpmnlint’s recommended rules with no finding, and bpmn-moddle reads it back without a warning', async () => {
    const { text, warnings } = await toBpmn(definition);
    expect(warnings).toEqual([]);
    expect(await lintBpmn(text)).toEqual({ findings: [], importWarnings: [] });
  });

  it('gives every shape and every flow diagram interchange, with no two shapes overlapping and each in its lane', async () => {
    const { text } = await toBpmn(definition, { lang: 'fi' });
    const { flowNodes, lanes, edges } = await shapesOf(text);
    const flowCount = (text.match(/<bpmn:sequenceFlow /g) ?? []).length;
    expect(edges).toHaveLength(flowCount);
    for (const edge of edges) expect((edge.get('waypoint') as unknown[]).length).toBeGreaterThanOrEqual(2);
    for (const [index, a] of flowNodes.entries()) {
      for (const b of flowNodes.slice(index + 1)) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }
    for (const [index, a] of lanes.entries()) {
      for (const b of lanes.slice(index + 1)) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }
    const laneOf = new Map<string, string>();
    for (const match of text.matchAll(/<bpmn:lane id="([^"]+)"[^>]*>([\s\S]*?)<\/bpmn:lane>/g)) {
      for (const ref of match[2]!.matchAll(/<bpmn:flowNodeRef>([^<]+)<\/bpmn:flowNodeRef>/g)) laneOf.set(ref[1]!, match[1]!);
    }
    for (const node of flowNodes)
      expect(inside(node, lanes.find((lane) => lane.id === laneOf.get(node.id))!), `${node.id} in its lane`).toBe(true);
  });

  it.for(['fi', 'sv', 'en'] as const)(
    'in %s, puts each receive task in the lane of the role that does its work, and draws no lane without work',
    async (lang) => {
      const { text } = await toBpmn(definition, { lang });
      const laneOf = new Map<string, string>();
      const lanes = [...text.matchAll(/<bpmn:lane id="Lane__([^"]+)" name="([^"]*)"[^>]*>([\s\S]*?)<\/bpmn:lane>/g)];
      for (const [, role, , refs] of lanes) {
        for (const ref of refs!.matchAll(/<bpmn:flowNodeRef>([^<]+)<\/bpmn:flowNodeRef>/g)) laneOf.set(ref[1]!, role!);
      }
      const tasks = [...text.matchAll(/<bpmn:receiveTask id="([^"]+)"[^>]*messageRef="Message__([A-Z0-9_]+)"/g)];
      expect(tasks.length).toBeGreaterThan(0);
      const performer = (event: string) => definition.performers?.[event] ?? definition.permissions[event]![0]!;
      for (const [, id, event] of tasks) expect(laneOf.get(id!), id).toBe(performer(event!));
      // Every lane drawn is a role of the path, named in the language, and holds work of that role.
      for (const [, role, name] of lanes) {
        expect(name).toBe(definition.roles[role!]![lang]);
        expect(
          tasks.some(([, id]) => laneOf.get(id!) === role),
          `lane of ${role} holds a task`,
        ).toBe(true);
      }
      // And every role that does the work of some event the machine offers has its lane.
      const performers = new Set(tasks.map(([, , event]) => performer(event!)));
      expect(lanes.map(([, role]) => role).sort()).toEqual([...performers].sort());
    },
  );

  it('offers every transition of every state as a receive task named by its event, and ends at an end event per end reason', async () => {
    const { text } = await toBpmn(definition, { lang: 'en' });
    const graph = describePathGraph(definition);
    for (const transition of graph.transitions) {
      expect(text, transition.id).toContain(`name="${definition.labels.events[transition.event]!.en.replace(/'/g, '&#39;')}"`);
    }
    const endEvents = [...text.matchAll(/<bpmn:endEvent id="[^"]+" name="([^"]*)"/g)].map((match) => match[1]);
    for (const outcome of Object.values(definition.outcomes)) expect(endEvents).toContain(outcome.en.replace(/'/g, '&#39;'));
  });
});
