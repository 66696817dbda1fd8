import crypto from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, passwordResets, users } from '@/db/schema';
import type { Actor } from '../actor';
import { audit } from '../audit/audit';
import { checkPassword } from '../auth/login';
import { hashPassword } from '../auth/passwords';
import { revokeUserSessions } from '../auth/sessions';
import { loginLimiter, MemoryRateLimitStore, type LoginLimiter } from '../auth/rate-limit';
import { now } from '../clock';
import { getEnv } from '../env';
import { AppError, badRequest } from '../errors';
import { sendMail } from '../mail';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';

export const RESET_TOKEN_TTL_MS = 60 * 60_000;

export const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A wrong current password: a field error, answered as FORBIDDEN since re-authentication failed. */
const wrongPassword = (field: string) => new AppError('FORBIDDEN', 'passwordIncorrect', {}, { [field]: 'v.passwordIncorrect' });
const tooManyAttempts = (retryAfterS: number) =>
  new AppError('TOO_MANY_REQUESTS', 'login.rate_limited', { minutes: Math.ceil(retryAfterS / 60) });

/**
 * Re-authentication for sensitive acts (password change, account deletion): the signed-in user types
 * their password again. It runs under the login rate limit, so a stolen session cannot guess it.
 */
export async function confirmPassword(db: Db, actor: Actor, password: string, field: string, limiter?: LoginLimiter): Promise<void> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)).limit(1);
  const checked = await checkPassword(db, { email: user?.email ?? '', password, ip: actor.ip }, limiter);
  if (!checked.ok) throw checked.reason === 'rate_limited' ? tooManyAttempts(checked.retryAfterS) : wrongPassword(field);
  if (checked.userId !== actor.userId) throw wrongPassword(field);
}

async function orgIdOf(tx: Db, userId: string): Promise<string | null> {
  const [row] = await tx.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId)).limit(1);
  return row?.orgId ?? null;
}

/**
 * Changes the signed-in user's password. Every OTHER session of the user is revoked (a thief who copied
 * a cookie is out); the session that made the change stays signed in.
 */
export async function changePassword(db: Db, actor: Actor, input: { currentPassword: string; newPassword: string }, limiter?: LoginLimiter) {
  await confirmPassword(db, actor, input.currentPassword, 'currentPassword', limiter);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (tx, afterCommit) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId));
    const revoked = await revokeUserSessions(tx, actor.userId, actor.sessionId, afterCommit);
    await audit(tx, actor, {
      action: 'account.changePassword',
      entityType: 'user',
      entityId: actor.userId,
      orgId: actor.org?.id ?? null,
      after: { otherSessionsRevoked: revoked },
    });
    await notify(tx, afterCommit, [actor.userId], 'account.passwordChanged', {}, '/account');
  });
}

/** At most this many reset mails per address per hour: the form cannot be used to flood someone's inbox. */
const resetMailLimiter = new MemoryRateLimitStore();
const RESET_MAILS_PER_HOUR = 5;

/**
 * Starts a password reset. The answer is the same whether or not the email has an account (and the mail
 * is sent after answering, so timing tells nothing either). The link is mailed, or without SMTP written
 * to the server log for the operator — never shown to whoever asked, or anyone could take over accounts.
 */
export async function requestPasswordReset(db: Db, input: { email: string }, meta: { ip?: string | null } = {}): Promise<void> {
  const [user] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.email, input.email), isNull(users.deletedAt)))
    .limit(1);
  if (!user?.email) return;
  const nowMs = now().getTime();
  const sent = await resetMailLimiter.increment(`reset:${user.id}`, RESET_TOKEN_TTL_MS, nowMs);
  if (sent.count > RESET_MAILS_PER_HOUR) return;

  const token = crypto.randomBytes(32).toString('base64url');
  const to = user.email;
  await inTransaction(db, async (tx, afterCommit) => {
    await tx.insert(passwordResets).values({
      tokenHash: sha256(token),
      userId: user.id,
      createdAt: now(),
      expiresAt: new Date(nowMs + RESET_TOKEN_TTL_MS),
    });
    // Anyone may ask for someone's reset, so the row names no actor; the asking address is kept for abuse reviews.
    await audit(tx, null, {
      action: 'account.requestPasswordReset',
      entityType: 'user',
      entityId: user.id,
      orgId: await orgIdOf(tx, user.id),
      after: { requestedFrom: meta.ip ?? null },
    });
    const link = `${getEnv().APP_URL}/reset-password/${token}`;
    // Not awaited: the requester's answer must not wait for (or reveal) the mail.
    afterCommit(() => {
      void sendMail({
        to,
        subject: '重置密码 / Reset your password · 众创共享科创云',
        text:
          `您好：\n\n有人（希望是您本人）请求重置您在众创共享科创云的密码。请在 1 小时内打开以下链接设置新密码，链接只能使用一次：\n\n${link}\n\n` +
          `如果不是您本人操作，请忽略本邮件，您的密码不会改变。\n\n` +
          `Someone (hopefully you) asked to reset your password. Open the link above within one hour to choose a new one; it works once. ` +
          `If it was not you, ignore this email and your password stays the same.`,
      });
    });
  });
}

/** Whether a reset link can still be used (the reset page asks before showing its form). */
export async function resetTokenUsable(db: Db, token: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now()), isNull(users.deletedAt)))
    .limit(1);
  return Boolean(row);
}

/**
 * Sets a new password from a reset link: the link works once, within an hour. ALL sessions of the user
 * are revoked (whoever knew the old password is signed out everywhere), and any other open links die too.
 */
export async function resetPassword(db: Db, input: { token: string; password: string }, meta: { ip?: string | null } = {}): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const email = await inTransaction(db, async (tx, afterCommit) => {
    // Claiming the row in the UPDATE makes the link single-use even when two requests race.
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: now() })
      .where(and(eq(passwordResets.tokenHash, sha256(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now())))
      .returning({ userId: passwordResets.userId });
    const [user] = claimed
      ? await tx.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.id, claimed.userId), isNull(users.deletedAt))).limit(1)
      : [];
    if (!user) throw badRequest('resetTokenInvalid');
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await tx.update(passwordResets).set({ usedAt: now() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    const revoked = await revokeUserSessions(tx, user.id, undefined, afterCommit);
    const orgId = await orgIdOf(tx, user.id);
    await audit(tx, { userId: user.id, sessionId: '', name: '', org: null, ip: meta.ip ?? null }, {
      action: 'account.resetPassword',
      entityType: 'user',
      entityId: user.id,
      orgId,
      after: { sessionsRevoked: revoked },
    });
    await notify(tx, afterCommit, [user.id], 'account.passwordChanged', {}, '/account');
    return user.email;
  });
  // A successful reset also lifts the login lock on the account: its owner proved control of the mailbox.
  if (email) await (await loginLimiter()).clear(email);
}
