import { getEnv } from './env';

/**
 * The one clock the domain reads. Tests (and the e2e server, started with CLOCK_CONTROL=1 on a local
 * database) move it; a production deployment cannot, since the offset can only change when control is on.
 */
const state = globalThis as unknown as { __kcClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (state.__kcClockOffsetMs ?? 0));
}

function isLocalDatabase(url: string | undefined): boolean {
  if (!url) return true; // embedded PGlite
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '::1';
}

/** Only tests, or an e2e server on a local database that asked for it, may move time. */
export function clockControlEnabled(): boolean {
  const env = getEnv();
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
