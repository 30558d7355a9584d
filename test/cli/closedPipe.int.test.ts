// A reader that stops early (`kykypolku diagram … | head -1`) closes the pipe under the CLI: the
// command ends quietly, as Unix tools do, instead of printing an unhandled EPIPE stack trace.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

describe('the built CLI when its reader closes the pipe', () => {
  it('ends without a stack trace', async () => {
    const child = spawn(process.execPath, [cli, 'diagram', 'ips-job-coaching', '--format', 'bpmn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('close', (exit) => resolve(exit)));
    expect(stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
    expect(code).toBe(0);
  });
});
