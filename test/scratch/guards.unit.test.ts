import { it } from 'vitest';
import { checkGuards, checkPath } from 'kykypolku';
import { builtInPathVersions } from 'kykypolku/paths';

it.each(builtInPathVersions.filter((p) => ['coordinator-service', 'ips-job-coaching'].includes(p.id)).map((p) => [`${p.id}@${p.version}`, p] as const))(
  'guards %s',
  (_name, path) => {
    const check = checkPath(path);
    console.log(_name, 'proven', check.proven, check.complete);
    const guards = checkGuards(path);
    console.log(_name, 'justified', guards.justified, guards.guards.map((g) => `${g.guard}:${g.verdict}`).join(' '));
  },
  600_000,
);
