import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { createSession } from './sessions';

export type LoginResult = { ok: true; userId: string; sessionId: string } | { ok: false; reason: 'invalid' };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password and opens a server-side session. The answer for an unknown email and a
 * wrong password is the same, in the same time.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip?: string | null; userAgent?: string | null },
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deletedAt)))
    .limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !user.passwordHash || !valid) return { ok: false, reason: 'invalid' };
  const sessionId = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent });
  return { ok: true, userId: user.id, sessionId };
}
