import type { Db } from '@/db/client';
import { startPolling } from '../jobs/poll';
import { recordRevealedRatings } from './record';

/**
 * The credit model's one timer: ratings that reveal by time (14 days after a contract's normal end, when the other
 * side never rated) enter the ledger. Everything else is recorded by the act that causes it. Polls, like the
 * deadline job, because the domain clock can be moved in tests and e2e. Returns a stop function.
 */
export function startCreditJob(db: Db, options: { intervalMs?: number; onError?: (e: unknown) => void } = {}): () => Promise<void> {
  return startPolling(() => recordRevealedRatings(db), {
    intervalMs: options.intervalMs ?? 60_000,
    onError: options.onError ?? ((e: unknown) => console.error('[jobs] credit pass failed', e)),
  });
}
