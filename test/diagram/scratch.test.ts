import { it } from 'vitest';
import { workabilityPath } from 'kykypolku/paths';
import { toMermaid } from '../../src/diagram/toMermaid.js';
import { toDot } from '../../src/diagram/toDot.js';
import { toScxml } from '../../src/diagram/toScxml.js';
import { reviewPath } from '../support/reviewPath.js';
it('prints', () => {
  for (const def of [reviewPath, workabilityPath]) {
    const m = toMermaid(def, { lang: 'fi' }); console.log(m.text, m.warnings);
    const d = toDot(def, { lang: 'en' }); console.log(d.text);
    const s = toScxml(def, { lang: 'en' }); console.log(s.text, s.warnings);
  }
});
import { toBpmn } from '../../src/diagram/toBpmn.js';
import { writeFileSync, mkdirSync } from 'node:fs';
it('bpmn', async () => {
  mkdirSync('test-artifacts', { recursive: true });
  for (const def of [reviewPath, workabilityPath]) {
    const b = await toBpmn(def, { lang: 'en' }); writeFileSync(`test-artifacts/${def.id}.bpmn`, b.text); console.log(b.warnings, b.text.length);
  }
});
