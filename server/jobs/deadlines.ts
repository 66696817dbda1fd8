import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { needs } from '@/db/schema';
import { now } from '../clock';
import { applyNeedEvent } from '../needs/states';
import { inTransaction } from '../transaction';
import { startPolling } from './poll';

/**
 * Closes published needs whose bid deadline has passed (SPEC §2: published → closed on `deadline`).
 *
 * Due needs are read from the database, not from timers set at publication, so a need whose deadline
 * passed while the server was down is closed at the next start. Each batch runs in one transaction that
 * locks its rows with `for update skip locked`: when several instances run the job, each need is taken
 * by exactly one of them, and a row another instance closed meanwhile no longer matches `status =
 * 'published'` when it is re-read. PGlite has one connection, so there the transactions simply queue.
 */

const BATCH = 100;

/** One pass: closes every due need (in batches); returns the ids this call closed. */
export async function closeDueNeeds(db: Db): Promise<string[]> {
  const closed: string[] = [];
  for (;;) {
    const batch = await inTransaction(db, async (tx, afterCommit) => {
      const due = await tx
        .select()
        .from(needs)
        .where(and(eq(needs.status, 'published'), lte(needs.bidDeadline, now())))
        .orderBy(asc(needs.bidDeadline))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      const ids: string[] = [];
      for (const need of due) {
        await applyNeedEvent(tx, afterCommit, null, need, 'deadline');
        ids.push(need.id);
      }
      return ids;
    });
    closed.push(...batch);
    if (batch.length < BATCH) return closed;
  }
}

export interface DeadlineJobOptions {
  /** How often due needs are looked for. The domain clock can be moved in tests and e2e, so this polls. */
  intervalMs?: number;
  onClosed?: (ids: string[]) => void;
  onError?: (error: unknown) => void;
}

/**
 * Runs `closeDueNeeds` now and then every `intervalMs` (passes never overlap). Returns a stop function
 * that cancels the timer and waits for a pass in progress, for a clean shutdown.
 */
export function startDeadlineJob(db: Db, options: DeadlineJobOptions = {}): () => Promise<void> {
  const onClosed = options.onClosed ?? ((closed: string[]) => console.log(`[jobs] closed ${closed.length} need(s) past their bid deadline`));
  return startPolling(
    async () => {
      const ids = await closeDueNeeds(db);
      if (ids.length > 0) onClosed(ids);
    },
    { intervalMs: options.intervalMs ?? 15_000, onError: options.onError ?? ((e: unknown) => console.error('[jobs] deadline pass failed', e)) },
  );
}
