import crypto from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invitations, memberships, organizations, users } from '@/db/schema';
import type { Actor, MemberActor, MemberRole } from '../actor';
import { emailUnavailable, isUniqueViolation } from '../accounts/register';
import { PRIVACY_NOTICE_VERSION } from '../accounts/privacy';
import { audit } from '../audit/audit';
import { hashPassword } from '../auth/passwords';
import { now } from '../clock';
import { getEnv } from '../env';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors';
import { deliveryMode, sendMail } from '../mail';
import { announceMembershipChanged } from '../notifications/announcer';
import { notify } from '../notifications/notify';
import { inTransaction, type AfterCommit } from '../transaction';
import type { AcceptWithNewAccountInput, CreateInvitationInput } from './inputs';
import { lockOrganisation, orgUserIds } from './shared';

/**
 * Invitation links. The token is random (256 bits) and only its SHA-256 is stored, so a database leak
 * reveals no usable link. A link lasts 7 days and works once. With SMTP configured and an email given,
 * it is emailed; otherwise it is shown to the inviter once (and written to the server log) to pass on.
 */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export type InvitationState = 'open' | 'expired' | 'accepted' | 'revoked';

export function hashInvitationToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function stateOf(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, at = now()): InvitationState {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= at ? 'expired' : 'open';
}

function invitationLink(token: string): string {
  return `${getEnv().APP_URL.replace(/\/$/, '')}/invite/${token}`;
}

const ROLE_ZH: Record<MemberRole, string> = { owner: '所有者', admin: '管理员', member: '成员' };

/**
 * Owners and admins invite (permission `org.inviteMember`); only owners may invite owners.
 * Returns the link when it was not emailed — the only time the token is ever available.
 */
export async function createInvitation(db: Db, actor: MemberActor, input: CreateInvitationInput) {
  if (input.role === 'owner' && actor.org.role !== 'owner') throw forbidden('onlyOwnersInviteOwners');
  const token = crypto.randomBytes(32).toString('base64url');
  const created = await inTransaction(db, async (tx) => {
    const org = await lockOrganisation(tx, actor.org.id);
    const at = now();
    const [row] = await tx
      .insert(invitations)
      .values({
        orgId: org.id,
        tokenHash: hashInvitationToken(token),
        email: input.email,
        role: input.role,
        invitedBy: actor.userId,
        createdAt: at,
        expiresAt: new Date(at.getTime() + INVITATION_TTL_MS),
      })
      .returning();
    if (!row) throw new Error('insert invitation returned no row');
    // The audit row names the role and expiry; never the token.
    await audit(tx, actor, {
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: row.id,
      orgId: org.id,
      after: { role: row.role, email: row.email, expiresAt: row.expiresAt.toISOString() },
    });
    return { row, orgName: org.name };
  });

  const link = invitationLink(token);
  let emailed = false;
  if (input.email && deliveryMode() === 'smtp') {
    ({ delivered: emailed } = await sendMail({
      to: input.email,
      subject: `${created.orgName} 邀请您加入众创共享科创云 / You are invited to join ${created.orgName}`,
      text:
        `您好：\n\n${actor.name} 邀请您以“${ROLE_ZH[input.role]}”身份加入“${created.orgName}”。请在 7 天内打开以下链接接受邀请，链接只能使用一次：\n\n${link}\n\n` +
        `如果您不认识邀请人，请忽略本邮件。\n\n` +
        `${actor.name} invited you to join "${created.orgName}" as ${input.role}. Open the link above within 7 days to accept; it works once. ` +
        `If you do not know the sender, ignore this email.\n`,
    }));
  }
  if (!emailed) console.log(`[invite] ${created.orgName}: invitation ${created.row.id} (${input.role}) — pass this link on: ${link}`);
  return {
    id: created.row.id,
    role: created.row.role,
    email: created.row.email,
    expiresAt: created.row.expiresAt,
    emailed,
    link: emailed ? null : link,
  };
}

/** The organisation's invitations that were neither accepted nor revoked (open or expired), newest first. */
export async function listInvitations(db: Db, actor: MemberActor) {
  const rows = await db
    .select({
      id: invitations.id,
      role: invitations.role,
      email: invitations.email,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      invitedByName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.orgId, actor.org.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt))
    .limit(100);
  const at = now();
  return rows.map(({ acceptedAt: _a, revokedAt: _r, ...row }) => ({ ...row, state: stateOf({ ...row, acceptedAt: null, revokedAt: null }, at) }));
}

export async function revokeInvitation(db: Db, actor: MemberActor, id: string) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, id), eq(invitations.orgId, actor.org.id)))
      .for('update');
    if (!row) throw notFound();
    if (row.acceptedAt || row.revokedAt) throw conflict('invitationClosed');
    const at = now();
    await tx.update(invitations).set({ revokedAt: at }).where(eq(invitations.id, id));
    await audit(tx, actor, {
      action: 'invitation.revoke',
      entityType: 'invitation',
      entityId: id,
      orgId: actor.org.id,
      before: { state: stateOf(row, at) },
      after: { state: 'revoked' },
    });
    return { id };
  });
}

/** What the invitation page shows to whoever holds the link (the token is the credential). */
export async function previewInvitation(db: Db, token: string) {
  const [row] = await db
    .select({
      role: invitations.role,
      email: invitations.email,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      orgName: organizations.name,
      orgKind: organizations.kind,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)));
  if (!row) throw notFound();
  return { orgName: row.orgName, orgKind: row.orgKind, role: row.role, email: row.email, expiresAt: row.expiresAt, state: stateOf(row) };
}

/** Locks an invitation by token and checks it can still be used. */
async function openInvitation(tx: Db, token: string) {
  const [row] = await tx.select().from(invitations).where(eq(invitations.tokenHash, hashInvitationToken(token))).for('update');
  if (!row) throw notFound();
  const state = stateOf(row);
  if (state === 'accepted') throw conflict('invitationUsed');
  if (state === 'revoked') throw conflict('invitationRevoked');
  if (state === 'expired') throw conflict('invitationExpired');
  return row;
}

/** Joins `userId` to the invitation's organisation, closes the invitation, audits and tells the owners. */
async function join(
  tx: Db,
  afterCommit: AfterCommit,
  invitation: typeof invitations.$inferSelect,
  user: { id: string; name: string; sessionId: string; ip: string | null },
) {
  const org = await lockOrganisation(tx, invitation.orgId);
  const at = now();
  try {
    await tx.insert(memberships).values({ userId: user.id, orgId: org.id, role: invitation.role, createdAt: at });
  } catch (e) {
    // The primary key keeps a user in one organisation, even against a concurrent acceptance elsewhere.
    if (isUniqueViolation(e)) throw forbidden('alreadyInOrganisation');
    throw e;
  }
  await tx.update(invitations).set({ acceptedAt: at, acceptedBy: user.id }).where(eq(invitations.id, invitation.id));
  const member: Actor = {
    userId: user.id,
    sessionId: user.sessionId,
    name: user.name,
    org: { id: org.id, kind: org.kind, status: org.status, role: invitation.role, name: org.name },
    ip: user.ip,
  };
  await audit(tx, member, {
    action: 'member.add',
    entityType: 'membership',
    entityId: user.id,
    orgId: org.id,
    after: { role: invitation.role, invitationId: invitation.id },
  });
  await notify(
    tx,
    afterCommit,
    await orgUserIds(tx, org.id, ['owner']),
    'org.memberJoined',
    { orgName: org.name, memberName: user.name, role: invitation.role },
    '/org/members',
  );
  afterCommit(() => announceMembershipChanged(user.id, org.id));
  return { orgId: org.id, orgName: org.name, role: invitation.role };
}

/** A signed-in user who belongs to no organisation accepts the invitation. */
export async function acceptInvitation(db: Db, actor: Actor, token: string) {
  if (actor.org) throw forbidden('alreadyInOrganisation');
  return inTransaction(db, async (tx, afterCommit) => {
    const invitation = await openInvitation(tx, token);
    return join(tx, afterCommit, invitation, { id: actor.userId, name: actor.name, sessionId: actor.sessionId, ip: actor.ip ?? null });
  });
}

/**
 * A visitor without an account accepts: the account (with its privacy consent) and the membership are
 * created in one transaction. If the invitation names an email, the account must use it. Signing in is
 * the caller's next step.
 */
export async function acceptWithNewAccount(db: Db, input: AcceptWithNewAccountInput, meta: { ip?: string | null } = {}) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(db, async (tx, afterCommit) => {
      const invitation = await openInvitation(tx, input.token);
      if (invitation.email && invitation.email !== input.email) {
        throw badRequest('invalidInput', { email: 'v.invitationEmail' });
      }
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
      if (taken) throw emailUnavailable();
      const at = now();
      const [user] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          passwordHash,
          privacyConsentVersion: PRIVACY_NOTICE_VERSION,
          privacyConsentAt: at,
          createdAt: at,
        })
        .returning({ id: users.id });
      if (!user) throw new Error('insert user returned no row');
      const newcomer: Actor = { userId: user.id, sessionId: '', name: input.name, org: null, ip: meta.ip ?? null };
      await audit(tx, newcomer, {
        action: 'account.register',
        entityType: 'user',
        entityId: user.id,
        orgId: invitation.orgId,
        after: { privacyConsentVersion: PRIVACY_NOTICE_VERSION, invitationId: invitation.id },
      });
      const joined = await join(tx, afterCommit, invitation, { id: user.id, name: input.name, sessionId: '', ip: meta.ip ?? null });
      return { ...joined, userId: user.id, email: input.email };
    });
  } catch (e) {
    if (!(e instanceof AppError) && isUniqueViolation(e)) throw emailUnavailable();
    throw e;
  }
}
