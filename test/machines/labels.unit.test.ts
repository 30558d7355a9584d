import { describe, expect, it } from 'vitest';
import { languages, type AnyPathDefinition, type Label } from 'kykypolku';
import { describePathGraph } from 'kykypolku/diagram';
import { builtInPaths } from 'kykypolku/paths';

/** Every label of a path, by where it is used. */
function labelsOf(definition: AnyPathDefinition): [string, Label][] {
  const graph = describePathGraph(definition);
  const guards = Object.keys(definition.machine.implementations.guards ?? {});
  return [
    ['title', definition.title],
    ...graph.states.map((state): [string, Label] => [`state ${state.id}`, definition.labels.states[state.id]!]),
    ...Object.keys(definition.events).map((type): [string, Label] => [`event ${type}`, definition.labels.events[type]!]),
    ...guards.map((guard): [string, Label] => [`guard ${guard}`, definition.labels.guards[guard]!]),
    ...Object.entries(definition.roles).map(([role, label]): [string, Label] => [`role ${role}`, label]),
    ...definition.rules.flatMap((rule): [string, Label][] => [
      [`rule ${rule.id} name`, rule.name],
      [`rule ${rule.id} sentence`, rule.sentence],
    ]),
    ...definition.deadlines.map((deadline): [string, Label] => [`deadline ${deadline.id}`, deadline.label]),
    ...Object.entries(definition.outcomes).map(([outcome, label]): [string, Label] => [`outcome ${outcome}`, label]),
    ...(definition.simulation?.reference ?? []).map((figure): [string, Label] => [`reference ${figure.state}`, figure.label]),
  ];
}

// Diagrams, tables and reports are drawn in Finnish, Swedish and English (Finland is bilingual):
// every label of every built-in path, including paths added later, must exist in all three.
describe.each(builtInPaths.map((path) => [path.id, path] as const))('the labels of %s', (_id, definition) => {
  it('name every state, event, guard, role, rule, deadline and end reason in Finnish, Swedish and English', () => {
    for (const [where, label] of labelsOf(definition)) {
      expect(label, where).toBeDefined();
      for (const lang of languages) expect(label[lang]?.trim(), `${where} in ${lang}`).toBeTruthy();
    }
  });
});
