import { AsyncLocalStorage } from 'node:async_hooks';
import { getEnv, type Env } from './env';

/**
 * The one clock the domain reads. Tests (and the e2e server, started with CLOCK_CONTROL=1 on a local
 * database) move it; a production deployment cannot, since the offset can only change when control is on.
 */
const state = globalThis as unknown as { __kcClockOffsetMs?: number };
/** The seed's replayed past (see `replayHistory`): set only inside the seed's own call chain. */
const replay = new AsyncLocalStorage<{ at: number }>();

export function now(): Date {
  const replayed = replay.getStore();
  if (replayed) return new Date(replayed.at);
  return new Date(Date.now() + (state.__kcClockOffsetMs ?? 0));
}

/**
 * SEED ONLY. The demo seed (server/seed/marketplace.ts) replays the market's past through the domain acts,
 * each at the moment it happened (a need published in March, its deadline passed in April …), so its rows are
 * exactly what the product writes. Inside `replayHistory(work)` — and only in the async calls `work` makes —
 * `now()` returns the instant last given to `setAt`; everything outside (every request, job and socket, which
 * never runs inside the seed's call chain) keeps the real clock, and the process clock never moves. The seed
 * runs before the server listens. A test (server/seed/seed.test.ts) checks that nothing outside server/seed
 * imports this.
 */
export interface ReplayClock {
  /** From now on (inside the replay), `now()` is `at`. */
  setAt(at: Date): void;
}

export function replayHistory<T>(start: Date, work: (clock: ReplayClock) => Promise<T>): Promise<T> {
  const store = { at: start.getTime() };
  return replay.run(store, () =>
    work({
      setAt: (at) => {
        store.at = at.getTime();
      },
    }),
  );
}

function isLocalDatabase(url: string | undefined): boolean {
  if (!url) return true; // embedded PGlite
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '::1';
}

/** Only tests, or an e2e server on a local database that asked for it, may move time. */
export function clockControlEnabled(env: Pick<Env, 'NODE_ENV' | 'CLOCK_CONTROL' | 'DATABASE_URL'> = getEnv()): boolean {
  if (env.NODE_ENV === 'test') return true;
  return env.CLOCK_CONTROL === '1' && isLocalDatabase(env.DATABASE_URL);
}

export function advanceClock(ms: number): Date {
  if (!clockControlEnabled()) throw new Error('clock control is disabled');
  state.__kcClockOffsetMs = (state.__kcClockOffsetMs ?? 0) + ms;
  return now();
}

export function resetClock(): void {
  if (!clockControlEnabled()) throw new Error('clock control is disabled');
  state.__kcClockOffsetMs = 0;
}
