import { it } from 'vitest';
import { simulateCohort } from 'kykypolku';
import { coordinatorServicePath, coordinatorServicePathV1 } from 'kykypolku/paths';

it('times', () => {
  for (const p of [coordinatorServicePathV1, coordinatorServicePath]) {
    const t = performance.now();
    const c = simulateCohort(p, { clients: 600, seed: 1, faultRate: 0 });
    const groups: Record<string, number> = {};
    for (const k of c.cases) {
      const e = k.history.find((x) => x.type === 'ELIGIBILITY_CONFIRMED');
      if (e) {
        const pl = e.payload as { targetGroup: string; typNotSuitable?: string; unemploymentMonths?: number };
        const key = `${pl.targetGroup}/${pl.typNotSuitable ?? '-'}/${pl.unemploymentMonths === undefined ? 'none' : pl.unemploymentMonths < 12 ? '<12' : '>=12'}`;
        groups[key] = (groups[key] ?? 0) + 1;
      }
    }
    console.log(p.version, Math.round(performance.now() - t), 'ms', c.cases.reduce((n, k) => n + k.history.length, 0), JSON.stringify(groups));
  }
}, 300_000);
