/**
 * Who stops when the process is asked to (SIGTERM, SIGINT): by default it exits at once, which lets
 * a --data-dir lock go at exit. A long-running command that must first give back what it holds
 * (the deadline worker's claims) takes the request over while it runs.
 */
let stopHandler: (() => void) | undefined;

/** Runs `work` with `onStop` as what a stop request does, then gives the default back. @internal */
export async function whileStoppable<T>(onStop: () => void, work: () => Promise<T>): Promise<T> {
  stopHandler = onStop;
  try {
    return await work();
  } finally {
    stopHandler = undefined;
  }
}

/** A stop request: to the running command that took it over, else exit now with `exitCode`. @internal */
export function requestStop(exitCode: number): void {
  if (stopHandler) stopHandler();
  else process.exit(exitCode);
}
