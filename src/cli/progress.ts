/**
 * Progress of a long run on standard error: one line rewritten in place on a terminal, a line
 * every tenth of the way otherwise (CI logs), nothing when quiet.
 *
 * @internal
 */
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

/** @internal */
export function createProgress(label: string, stream: NodeJS.WriteStream, quiet: boolean): Progress {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (quiet || total === 0) return;
      if (stream.isTTY) {
        if (done % Math.max(1, Math.floor(total / 200)) !== 0 && done !== total) return;
        stream.write(`\r${label} ${done}/${total} (${Math.floor((done / total) * 100)} %)`);
        drawn = true;
        return;
      }
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`${label} ${done}/${total}\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
