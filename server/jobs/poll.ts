/**
 * A job's timer: runs `pass` now and then every `intervalMs`, passes never overlapping. Jobs poll the database
 * rather than set timers per record, because the domain clock can be moved (tests, e2e) and a server that was
 * down catches up at start. Returns a stop function that cancels the timer and waits for a pass in progress.
 */
export function startPolling(pass: () => Promise<unknown>, options: { intervalMs: number; onError: (e: unknown) => void }): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = pass()
      .then(() => undefined, options.onError)
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(tick, options.intervalMs);
          timer.unref();
        }
      });
  };
  tick();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
