// The Bind message of a prepared statement's run, written in one pass into one buffer with the
// run's fixed tail (Describe, Execute, Sync) after it. PGlite's own serializer (pg-protocol's
// BufferWriter) keeps its state in transpiled private fields, each access a WeakMap lookup, and
// allocates and copies a buffer per message: 30–50 µs for an append's 18 parameters, a fifth of a
// single-event append on PGlite (issue 19 item 3). This writes the same bytes (a test holds them
// equal) in a few µs.

const encoder = new TextEncoder();

/** The number of UTF-8 bytes `text` takes when it is all ASCII (one byte per character), else -1. */
function asciiLength(text: string): number {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return -1;
  return text.length;
}

/** Writes `text`, known to be ASCII, at `at`; returns the offset after it. */
function writeAscii(out: Uint8Array, at: number, text: string): number {
  for (let index = 0; index < text.length; index++) out[at + index] = text.charCodeAt(index);
  return at + text.length;
}

/**
 * The Bind message for `statement` (unnamed portal, every parameter and result column in text
 * format, one format code per parameter as pg-protocol writes them) with `values` (NULL for null),
 * followed by `tail`, in one array.
 *
 * @internal
 */
export function bindMessage(statement: string, values: readonly (string | null)[], tail: Uint8Array): Uint8Array {
  const name = asciiLength(statement) < 0 ? encoder.encode(statement) : undefined;
  const nameLength = name ? name.length : statement.length;
  // Values that are not ASCII are encoded once, here, and copied below; ASCII ones are written by hand.
  let encoded: (Uint8Array | undefined)[] | undefined;
  // length, portal '' and its NUL, the name and its NUL, the format codes, the values' count, the result formats' count.
  let length = 4 + 1 + nameLength + 1 + 2 + 2 * values.length + 2 + 2;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    length += 4;
    if (value === null || value === undefined) continue;
    const ascii = asciiLength(value);
    if (ascii >= 0) {
      length += ascii;
      continue;
    }
    encoded ??= [];
    const bytes = encoder.encode(value);
    encoded[index] = bytes;
    length += bytes.length;
  }
  const out = new Uint8Array(1 + length + tail.length);
  const view = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  view.setInt32(1, length);
  let at = 5;
  out[at++] = 0;
  if (name) {
    out.set(name, at);
    at += name.length;
  } else {
    at = writeAscii(out, at, statement);
  }
  out[at++] = 0;
  view.setInt16(at, values.length);
  at += 2 + 2 * values.length; // every format code 0 (text): the array is zeroed already
  view.setInt16(at, values.length);
  at += 2;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null || value === undefined) {
      view.setInt32(at, -1);
      at += 4;
      continue;
    }
    const bytes = encoded?.[index];
    if (bytes) {
      view.setInt32(at, bytes.length);
      out.set(bytes, at + 4);
      at += 4 + bytes.length;
    } else {
      view.setInt32(at, value.length);
      at = writeAscii(out, at + 4, value);
    }
  }
  view.setInt16(at, 0); // result columns: text
  out.set(tail, at + 2);
  return out;
}
