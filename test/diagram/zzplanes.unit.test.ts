import { it } from 'vitest';
import { builtInPaths } from 'kykypolku/paths';
import { toBpmnProcessMap } from 'kykypolku/diagram';
import { countCrossings, drawingsOf } from '../support/bpmnGeometry.js';
it('planes', async () => {
  for (const p of builtInPaths) {
    const { text } = await toBpmnProcessMap(p, { lang: 'fi' });
    const ds = await drawingsOf(text);
    console.log(p.id, ds.map((d) => { const r = d.lanes.reduce((m, l) => Math.max(m, l.x + l.width), 0); const b = d.lanes.reduce((m, l) => Math.max(m, l.y + l.height), 0); return `${countCrossings(d.routes)} @ ${r}x${b}`; }).join(' + '));
  }
}, 120000);
