import type { AnyPathDefinition } from '../path/definition.js';
import type { Language } from '../path/label.js';

/** A state's name in a language: its label, or the name itself for a state without one. @internal */
export function stateLabel(definition: AnyPathDefinition, name: string, lang: Language): string {
  // Parallel states print as 'a.b, c.d': label each region's state.
  return name
    .split(', ')
    .map((part) => definition.labels.states[part]?.[lang] ?? part)
    .join(', ');
}

function payloadText(payload: Readonly<Record<string, unknown>> | undefined): string {
  const fields = Object.entries(payload ?? {});
  if (fields.length === 0) return '';
  return `  {${fields.map(([field, value]) => `${field}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ')}}`;
}

/**
 * A trace as numbered lines in a path's labels: when, what (label and event type), who, with
 * which payload, and the state before and after. `lastNote` is appended to the last step.
 *
 * @internal
 */
export function formatTrace(
  definition: AnyPathDefinition,
  trace: { readonly inputs: readonly unknown[]; readonly states: readonly string[] },
  lang: Language,
  lastNote = '',
): string[] {
  const lines: string[] = [];
  const width = String(trace.inputs.length).length;
  trace.inputs.forEach((input, step) => {
    const { type, at, actor, payload } = input as { type: string; at: string; actor: { role: string }; payload?: Record<string, unknown> };
    const event = definition.labels.events[type]?.[lang] ?? type;
    const role = definition.roles[actor.role]?.[lang] ?? actor.role;
    const number = `${String(step + 1).padStart(width)}.`;
    lines.push(`${number} ${at}  ${event} [${type}] — ${role}${payloadText(payload)}`);
    const from = stateLabel(definition, trace.states[step]!, lang);
    const to = stateLabel(definition, trace.states[step + 1]!, lang);
    const note = step === trace.inputs.length - 1 && lastNote ? `   ✗ ${lastNote}` : '';
    lines.push(`${' '.repeat(number.length)} ${from} → ${to}${note}`);
  });
  return lines;
}
