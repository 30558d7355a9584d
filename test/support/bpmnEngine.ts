import { EventEmitter } from 'node:events';
import { BpmnModdle } from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';

/** Where a history drove the exported process. */
export type BpmnRunResult =
  /** The last instance ended at a final state's end event. */
  | { readonly kind: 'ended'; readonly endEvent: string; readonly state: string; readonly context: unknown }
  /** The case is open: the state the last instance reached, and the events an instance there offers. */
  | { readonly kind: 'open'; readonly state: string; readonly context: unknown; readonly offered: readonly string[] }
  /** An instance did not offer the history's next event, or did not end. */
  | { readonly kind: 'stuck'; readonly event: string; readonly index: number; readonly state: string; readonly offered: readonly string[] };

interface ActivityApi {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  readonly environment: { readonly variables: Record<string, unknown> };
  signal(message?: unknown): void;
}

/**
 * Loads an exported BPMN into `bpmn-engine` and drives it with a history, one process instance
 * per event as the export describes: each instance starts with the process variables `state` and
 * `context` where the previous one ended, the receive task waiting for the event's type is
 * completed with the variable `event` = `{ type, payload }`, and the end event it reaches names
 * the state the case moved to (its documentation holds the state's dotted path, or `$state` when a
 * history state's script put it in the variable `state`). `context` and `history` carry over.
 */
export async function loadBpmnProcess(text: string, states: { readonly initial: string; readonly final: ReadonlySet<string> }) {
  const parsed = await new BpmnModdle().fromXML(text);
  const eventOfTask = new Map<string, string>();
  const stateOfEnd = new Map<string, string>();
  for (const element of Object.values(parsed.elementsById)) {
    if (element.$type === 'bpmn:ReceiveTask') eventOfTask.set(element.id!, String((element.get('messageRef') as { name: string }).name));
    if (element.$type === 'bpmn:EndEvent') {
      const [documentation] = element.get('documentation') as { text: string }[];
      if (documentation) stateOfEnd.set(element.id!, documentation.text);
    }
  }
  // Parsed and serialized once; each instance starts from the serialized context, as bpmn-engine's
  // `sourceContext` option allows, instead of parsing the XML again.
  const sourceContext = await (
    new Engine({ name: 'kykypolku' }) as unknown as { _serializeSource(source: string): Promise<unknown> }
  )._serializeSource(text);

  /** Starts an instance in a state; resolves once it waits, with the receive tasks waiting. */
  async function startInstance(state: string, context: unknown, history: unknown) {
    const listener = new EventEmitter();
    const waiting = new Map<string, ActivityApi>();
    const ended: { api?: ActivityApi } = {};
    listener.on('activity.wait', (api: ActivityApi) => {
      if (eventOfTask.has(api.id)) waiting.set(api.id, api);
    });
    const forget = (api: ActivityApi) => waiting.delete(api.id);
    listener.on('activity.leave', forget);
    listener.on('activity.discard', forget);
    listener.on('activity.end', (api: ActivityApi) => {
      if (api.type === 'bpmn:EndEvent') ended.api = api;
    });
    const engine = new Engine({ name: 'kykypolku', sourceContext } as never);
    const variables = { state, ...(context === undefined ? {} : { context }), ...(history === undefined ? {} : { history }) };
    const execution = await engine.execute({ listener, variables });
    return { engine, execution, waiting, ended, offered: () => [...new Set([...waiting.keys()].map((id) => eventOfTask.get(id)!))].sort() };
  }

  return {
    async run(history: readonly { readonly type: string; readonly payload?: unknown }[]): Promise<BpmnRunResult> {
      let state = states.initial;
      let context: unknown;
      let remembered: unknown;
      for (const [index, input] of history.entries()) {
        const instance = await startInstance(state, context, remembered);
        const task = [...instance.waiting.values()].find((api) => eventOfTask.get(api.id) === input.type);
        if (!task) {
          instance.engine.stop();
          return { kind: 'stuck', event: input.type, index, state, offered: instance.offered() };
        }
        task.environment.variables.event = { type: input.type, payload: input.payload ?? {} };
        task.signal();
        const end = instance.ended.api;
        if (!end || !stateOfEnd.has(end.id)) return { kind: 'stuck', event: input.type, index, state, offered: [] };
        // `$state`: the end of a history state; the state is the one the process put in `state`.
        const named = stateOfEnd.get(end.id)!;
        state = named === '$state' ? String(end.environment.variables.state) : named;
        context = end.environment.variables.context;
        remembered = end.environment.variables.history;
        if (states.final.has(state)) {
          return index === history.length - 1
            ? { kind: 'ended', endEvent: end.name ?? end.id, state, context }
            : { kind: 'stuck', event: input.type, index, state, offered: [] };
        }
      }
      const probe = await startInstance(state, context, remembered);
      const offered = probe.offered();
      probe.engine.stop();
      return { kind: 'open', state, context, offered };
    },
  };
}
