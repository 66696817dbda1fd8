import type { Db } from '@/db/client';
import { deliveryMode } from '../mail';
import { sendMessageDigests, type Digest } from '../messaging/digest';

/**
 * 未读消息邮件摘要 job: only when SMTP is configured (without it there is nobody to email — the in-app
 * notification is the only reminder). Polls like the deadline job (the domain clock can be moved in tests
 * and e2e). `deliver` composes and sends one user's email (server/main.ts wires server/digest-mail.ts and
 * the mailer). Returns a stop function that waits for a pass in progress.
 */
export function startMessageDigestJob(
  db: Db,
  deliver: (digest: Digest) => Promise<{ delivered: boolean }>,
  options: { intervalMs?: number; onError?: (e: unknown) => void } = {},
): () => Promise<void> {
  if (deliveryMode() !== 'smtp') return async () => {};
  const intervalMs = options.intervalMs ?? 60_000;
  const onError = options.onError ?? ((e: unknown) => console.error('[jobs] message digest pass failed', e));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = sendMessageDigests(db, deliver)
      .then((users) => {
        if (users.length > 0) console.log(`[jobs] emailed ${users.length} unread-message digest(s)`);
      }, onError)
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(tick, intervalMs);
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
