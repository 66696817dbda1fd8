import type { Db } from '@/db/client';

/** An effect to run after the commit; it is given the database the transaction committed to (e.g. to refresh scores). */
export type AfterCommit = (effect: (db: Db) => void | Promise<void>) => void;

/**
 * Runs `work` in one transaction and, only once it has committed, the effects it registered with
 * `afterCommit` (socket.io pushes, emails, score updates): nothing is announced that did not happen.
 */
export async function inTransaction<T>(db: Db, work: (tx: Db, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  const effects: Array<(db: Db) => void | Promise<void>> = [];
  const result = await db.transaction((tx) => work(tx as unknown as Db, (effect) => effects.push(effect)));
  for (const effect of effects) {
    try {
      await effect(db);
    } catch (e) {
      // The change is committed; a failed push must not turn it into an error for the caller.
      console.error('[after-commit]', e);
    }
  }
  return result;
}
