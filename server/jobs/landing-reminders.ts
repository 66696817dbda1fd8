import type { Db } from '@/db/client';
import { sendKpiReminders } from '../landing/kpi';
import { startPolling } from './poll';

/**
 * Reminds landing projects whose quarter ended without a KPI report (server/landing/kpi.ts): once per project and
 * quarter, however many passes or instances run.
 */
export function startKpiReminderJob(db: Db, options: { intervalMs?: number; onError?: (e: unknown) => void } = {}): () => Promise<void> {
  return startPolling(
    async () => {
      const ids = await sendKpiReminders(db);
      if (ids.length > 0) console.log(`[jobs] reminded ${ids.length} landing project(s) of a KPI report due`);
    },
    { intervalMs: options.intervalMs ?? 60_000, onError: options.onError ?? ((e: unknown) => console.error('[jobs] KPI reminder pass failed', e)) },
  );
}
