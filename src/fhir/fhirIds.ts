import { createHash } from 'node:crypto';

/**
 * A stable `urn:uuid` for one resource of a case's projection, derived (SHA-1, as UUID version 5 does)
 * from the path, the host's case id, the resource kind and the event seq: the same case gives the same
 * ids on every run and every machine, and no id repeats the host's case id in the clear.
 *
 * @internal
 */
export function resourceUuid(pathId: string, caseId: string, kind: string, seq: number): string {
  const hex = createHash('sha1').update(`kykypolku\u0000${pathId}\u0000${caseId}\u0000${kind}\u0000${seq}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
