import { createHmac } from 'node:crypto';
import { sha256Base64 } from './sha256.js';

/**
 * A secret the host keeps outside the database (at least 32 bytes, e.g. from its secret store):
 * with it, every event's chain link is an HMAC, so a row edited through SQL is detected even when
 * the editor recomputed the plain digest and the chain.
 */
export type IntegrityKey = string | Uint8Array;

/** How a store links each event to the one before it in its case. @internal */
export interface EventChain {
  /** Whether links are keyed (HMAC) or plain SHA-256. */
  readonly keyed: boolean;
  /** The link of an event: its digest chained to the link of the event before it ('' before the first). */
  link(previous: string, digest: string): string;
  /**
   * The seal of a case's head at `seq` with `link`: under a key, what nobody without it can make,
   * so a tail cut off with the head set to the link of the row before it is still detected.
   */
  seal(seq: number, link: string): string;
  /**
   * The seal of an erasure receipt's fields (canonical text): under a key, a receipt forged through
   * SQL for a case deleted without a purge is detected.
   */
  sealReceipt(fields: string): string;
  /** A value that tells whether a store was sealed with this key, without revealing it. */
  readonly keyCheck: string | null;
}

const smallestKeyBytes = 32;

/**
 * The chain a store uses: HMAC-SHA-256 under the host's key, or SHA-256 without one. A link covers
 * the previous link and the event's own digest (which covers its case id, seq and every field),
 * so changing, removing, renumbering or moving any event breaks every link after it.
 *
 * @internal
 */
export function createEventChain(key: IntegrityKey | undefined): EventChain {
  if (key === undefined) {
    const sha256 = sha256Base64;
    return {
      keyed: false,
      keyCheck: null,
      link: (previous, digest) => sha256(`${previous}.${digest}`),
      seal: (seq, link) => sha256(`head.${seq}.${link}`),
      sealReceipt: (fields) => sha256(`receipt.${fields}`),
    };
  }
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (bytes.length < smallestKeyBytes) {
    throw new TypeError(
      `integrityKey must be at least ${smallestKeyBytes} bytes (got ${bytes.length}): use a random secret from the host's secret store`,
    );
  }
  const hmac = (text: string) => createHmac('sha256', bytes).update(text).digest('base64');
  return {
    keyed: true,
    keyCheck: hmac('kykypolku integrity key check'),
    link: (previous, digest) => hmac(`${previous}.${digest}`),
    seal: (seq, link) => hmac(`head.${seq}.${link}`),
    sealReceipt: (fields) => hmac(`receipt.${fields}`),
  };
}
