import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { loginLimiter, type LoginLimiter } from './rate-limit';
import { createSession } from './sessions';

export type LoginResult =
  | { ok: true; userId: string; sessionId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterS: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a password against the account behind `email` under the login rate limit. An unknown email
 * costs the same hash verification and counts like a wrong password, so the answer and its timing are
 * the same: nobody can probe which emails have accounts.
 */
export async function checkPassword(
  db: Db,
  input: { email: string; password: string; ip?: string | null },
  limiter?: LoginLimiter,
): Promise<{ ok: true; userId: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'rate_limited'; retryAfterS: number }> {
  const email = normaliseEmail(input.email);
  const decision = await (limiter ?? (await loginLimiter())).begin(email, input.ip);
  if (!decision.allowed) return { ok: false, reason: 'rate_limited', retryAfterS: decision.retryAfterS };
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deletedAt)))
    .limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !user.passwordHash || !valid) {
    await decision.attempt.failed();
    return { ok: false, reason: 'invalid' };
  }
  await decision.attempt.succeeded();
  return { ok: true, userId: user.id };
}

/** Checks an email and password and opens a server-side session. */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip?: string | null; userAgent?: string | null },
  limiter?: LoginLimiter,
): Promise<LoginResult> {
  const checked = await checkPassword(db, input, limiter);
  if (!checked.ok) return checked;
  const sessionId = await createSession(db, checked.userId, { ip: input.ip, userAgent: input.userAgent });
  return { ok: true, userId: checked.userId, sessionId };
}
