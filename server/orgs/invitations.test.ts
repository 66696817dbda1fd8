import { asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, invitations, memberships, notifications, users } from '@/db/schema';
import type { Actor } from '../actor';
import { createSession } from '../auth/sessions';
import { advanceClock, resetClock } from '../clock';
import type { Mailer, MailMessage } from '../mail';
import { insertMember, insertOrgWithOwner, insertUser } from '../seed/factories';
import { callerFor } from '../test/caller';
import { hashInvitationToken } from './invitations';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
afterEach(() => {
  resetClock();
  useMailer(undefined);
  vi.restoreAllMocks();
});

const mailHolder = globalThis as unknown as { __kcMailer?: Mailer };
/** Stands in for the SMTP server (the mail module caches its mailer here); the database stays real. */
function useMailer(mailer: Mailer | undefined) {
  mailHolder.__kcMailer = mailer;
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    const error = e as { code?: string; message?: string; cause?: { fields?: Record<string, string> } };
    return { code: error.code, key: error.message, fields: error.cause?.fields };
  }
  throw new Error('expected a refusal');
}

function tokenOf(link: string | null): string {
  const token = link?.split('/invite/')[1];
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

async function loner(): Promise<Actor> {
  const user = await insertUser(database.db);
  return { userId: user.id, sessionId: await createSession(database.db, user.id), name: user.name, org: null };
}

async function state(orgId: string) {
  return {
    members: await database.db.select().from(memberships).where(eq(memberships.orgId, orgId)).orderBy(asc(memberships.userId)),
    invitations: await database.db.select().from(invitations).where(eq(invitations.orgId, orgId)).orderBy(asc(invitations.id)),
    audit: await database.db.select().from(auditLog).where(eq(auditLog.orgId, orgId)),
  };
}

describe('invitations', () => {
  it('without SMTP the link is returned to the inviter and logged; only the token’s SHA-256 is stored', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { org, actor } = await insertOrgWithOwner(database.db, { status: 'pending' });
    const created = await callerFor(database.db, actor).orgs.invitations.create({ role: 'admin', email: 'New.Colleague@Example.cn' });
    expect(created).toMatchObject({ role: 'admin', email: 'new.colleague@example.cn', emailed: false });
    const token = tokenOf(created.link);
    expect(created.link).toMatch(/^http:\/\/localhost:3000\/invite\//);
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(log.mock.calls.some((c) => String(c[0]).includes(token))).toBe(true);

    const [row] = await database.db.select().from(invitations).where(eq(invitations.orgId, org.id));
    expect(row?.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBe(7 * 24 * 3600 * 1000);
    const { audit } = await state(org.id);
    expect(audit.find((a) => a.action === 'invitation.create')?.after).toMatchObject({ role: 'admin', email: 'new.colleague@example.cn' });
    expect(JSON.stringify(audit)).not.toContain(token);

    const list = await callerFor(database.db, actor).orgs.invitations.list();
    expect(list).toEqual([expect.objectContaining({ id: created.id, state: 'open', role: 'admin', invitedByName: actor.name })]);
  });

  it('with SMTP and an email the link is emailed, not shown', async () => {
    const sent: MailMessage[] = [];
    useMailer({ mode: 'smtp', send: async (m) => (sent.push(m), { delivered: true }) });
    const { actor } = await insertOrgWithOwner(database.db);
    const created = await callerFor(database.db, actor).orgs.invitations.create({ role: 'member', email: 'engineer@example.cn' });
    expect(created).toMatchObject({ emailed: true, link: null });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('engineer@example.cn');
    expect(sent[0]?.text).toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
  });

  it('with SMTP but a failed delivery the link is shown after all', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    useMailer({ mode: 'smtp', send: async () => ({ delivered: false }) });
    const { actor } = await insertOrgWithOwner(database.db);
    const created = await callerFor(database.db, actor).orgs.invitations.create({ role: 'member', email: 'engineer@example.cn' });
    expect(created.emailed).toBe(false);
    expect(created.link).toContain('/invite/');
  });

  it('only owners invite owners; members cannot invite at all', async () => {
    const { org } = await insertOrgWithOwner(database.db);
    const admin = await insertMember(database.db, org, 'admin');
    const member = await insertMember(database.db, org, 'member');
    const before = await state(org.id);
    expect(await refusal(callerFor(database.db, admin.actor).orgs.invitations.create({ role: 'owner' }))).toEqual({
      code: 'FORBIDDEN',
      key: 'onlyOwnersInviteOwners',
      fields: {},
    });
    expect(await refusal(callerFor(database.db, member.actor).orgs.invitations.create({ role: 'member' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await state(org.id)).toEqual(before);
  });

  it('a signed-in user without an organisation accepts: joins with the role, the owners are notified, the link is used up', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { org, actor: owner } = await insertOrgWithOwner(database.db, { kind: 'research_team' });
    const { link } = await callerFor(database.db, owner).orgs.invitations.create({ role: 'admin' });
    const token = tokenOf(link);
    const visitor = await loner();

    expect(await callerFor(database.db, null).orgs.invitations.preview({ token })).toMatchObject({ orgName: org.name, role: 'admin', state: 'open' });
    expect(await callerFor(database.db, visitor).orgs.invitations.accept({ token })).toMatchObject({ orgId: org.id, role: 'admin' });

    const [membership] = await database.db.select().from(memberships).where(eq(memberships.userId, visitor.userId));
    expect(membership).toMatchObject({ orgId: org.id, role: 'admin' });
    const { audit, invitations: rows } = await state(org.id);
    expect(rows[0]).toMatchObject({ acceptedBy: visitor.userId });
    expect(audit.find((a) => a.action === 'member.add')).toMatchObject({ entityId: visitor.userId, actorOrgId: org.id, after: { role: 'admin' } });
    const told = await database.db.select().from(notifications).where(eq(notifications.userId, owner.userId));
    expect(told.find((n) => n.kind === 'org.memberJoined')?.payload).toMatchObject({ memberName: visitor.name, role: 'admin' });

    // Single use.
    const another = await loner();
    expect(await refusal(callerFor(database.db, another).orgs.invitations.accept({ token }))).toMatchObject({ code: 'CONFLICT', key: 'invitationUsed' });
    expect((await callerFor(database.db, null).orgs.invitations.preview({ token })).state).toBe('accepted');
    expect(await database.db.select().from(memberships).where(eq(memberships.userId, another.userId))).toEqual([]);
  });

  it('a user who already belongs to an organisation cannot accept (one organisation per user)', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { org, actor: owner } = await insertOrgWithOwner(database.db);
    const { link } = await callerFor(database.db, owner).orgs.invitations.create({ role: 'member' });
    const { actor: elsewhere } = await insertOrgWithOwner(database.db);
    const before = await state(org.id);
    expect(await refusal(callerFor(database.db, elsewhere).orgs.invitations.accept({ token: tokenOf(link) }))).toMatchObject({
      code: 'FORBIDDEN',
      key: 'alreadyInOrganisation',
    });
    expect(await refusal(callerFor(database.db, null).orgs.invitations.accept({ token: tokenOf(link) }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await state(org.id)).toEqual(before);
  });

  it('an invitation expires after 7 days', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { org, actor: owner } = await insertOrgWithOwner(database.db);
    const { link } = await callerFor(database.db, owner).orgs.invitations.create({ role: 'member' });
    advanceClock(7 * 24 * 3600 * 1000 + 1000);
    const visitor = await loner();
    const before = await state(org.id);
    expect(await refusal(callerFor(database.db, visitor).orgs.invitations.accept({ token: tokenOf(link) }))).toMatchObject({
      code: 'CONFLICT',
      key: 'invitationExpired',
    });
    expect((await callerFor(database.db, null).orgs.invitations.preview({ token: tokenOf(link) })).state).toBe('expired');
    expect((await callerFor(database.db, owner).orgs.invitations.list())[0]?.state).toBe('expired');
    expect(await state(org.id)).toEqual(before);
  });

  it('a revoked invitation cannot be used; an unknown token is NOT_FOUND', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { org, actor: owner } = await insertOrgWithOwner(database.db);
    const created = await callerFor(database.db, owner).orgs.invitations.create({ role: 'member' });
    await callerFor(database.db, owner).orgs.invitations.revoke({ id: created.id });
    expect((await state(org.id)).audit.find((a) => a.action === 'invitation.revoke')).toMatchObject({ entityId: created.id, after: { state: 'revoked' } });
    expect(await callerFor(database.db, owner).orgs.invitations.list()).toEqual([]);
    const visitor = await loner();
    expect(await refusal(callerFor(database.db, visitor).orgs.invitations.accept({ token: tokenOf(created.link) }))).toMatchObject({ key: 'invitationRevoked' });
    expect(await refusal(callerFor(database.db, owner).orgs.invitations.revoke({ id: created.id }))).toMatchObject({ code: 'CONFLICT', key: 'invitationClosed' });
    expect(await refusal(callerFor(database.db, null).orgs.invitations.preview({ token: 'x'.repeat(43) }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('another organisation’s invitation is NOT_FOUND to revoke; nothing changes, no audit row', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { org, actor: owner } = await insertOrgWithOwner(database.db);
    const created = await callerFor(database.db, owner).orgs.invitations.create({ role: 'member' });
    const { org: otherOrg, actor: other } = await insertOrgWithOwner(database.db);
    const before = await state(org.id);
    expect(await refusal(callerFor(database.db, other).orgs.invitations.revoke({ id: created.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await state(org.id)).toEqual(before);
    expect((await state(otherOrg.id)).audit).toEqual([]);
  });

  it('a visitor creates an account and joins in one transaction', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { org, actor: owner } = await insertOrgWithOwner(database.db, { kind: 'incubator' });
    const { link } = await callerFor(database.db, owner).orgs.invitations.create({ role: 'member', email: 'zhang.wei@example.cn' });
    const token = tokenOf(link);
    const anonymous = callerFor(database.db, null);

    // The invitation names an email: another one is refused, and nothing is created.
    const wrong = await refusal(
      anonymous.orgs.invitations.acceptWithNewAccount({ token, name: '张伟', email: 'other@example.cn', password: 'Secret#2026', privacyConsent: true }),
    );
    expect(wrong).toMatchObject({ code: 'BAD_REQUEST', fields: { email: 'v.invitationEmail' } });
    expect(await database.db.select().from(users).where(eq(users.email, 'other@example.cn'))).toEqual([]);

    const joined = await anonymous.orgs.invitations.acceptWithNewAccount({
      token,
      name: '张伟',
      email: 'Zhang.Wei@example.cn',
      password: 'Secret#2026',
      privacyConsent: true,
    });
    expect(joined).toMatchObject({ orgId: org.id, role: 'member', email: 'zhang.wei@example.cn' });
    const [user] = await database.db.select().from(users).where(eq(users.email, 'zhang.wei@example.cn'));
    expect(user?.privacyConsentVersion).toBeTruthy();
    const [membership] = await database.db.select().from(memberships).where(eq(memberships.userId, user?.id ?? ''));
    expect(membership).toMatchObject({ orgId: org.id, role: 'member' });
    const actions = (await state(org.id)).audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['account.register', 'member.add']));
    const told = await database.db.select().from(notifications).where(eq(notifications.userId, owner.userId));
    expect(told.some((n) => n.kind === 'org.memberJoined')).toBe(true);
  });

  it('a visitor whose email is already registered gets the neutral answer and nothing is created', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { org, actor: owner } = await insertOrgWithOwner(database.db);
    const { link } = await callerFor(database.db, owner).orgs.invitations.create({ role: 'member' });
    const existing = await insertUser(database.db);
    const before = await state(org.id);
    const outcome = await refusal(
      callerFor(database.db, null).orgs.invitations.acceptWithNewAccount({
        token: tokenOf(link),
        name: '李娜',
        email: existing.email ?? '',
        password: 'Secret#2026',
        privacyConsent: true,
      }),
    );
    expect(outcome).toMatchObject({ code: 'BAD_REQUEST', key: 'emailUnavailable' });
    expect(await state(org.id)).toEqual(before);
    expect((await callerFor(database.db, null).orgs.invitations.preview({ token: tokenOf(link) })).state).toBe('open');
  });

  it('without privacy consent no account is created', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { actor: owner } = await insertOrgWithOwner(database.db);
    const { link } = await callerFor(database.db, owner).orgs.invitations.create({ role: 'member' });
    const outcome = await refusal(
      callerFor(database.db, null).orgs.invitations.acceptWithNewAccount({
        token: tokenOf(link),
        name: '王芳',
        email: 'wang.fang@example.cn',
        password: 'Secret#2026',
        privacyConsent: false as true,
      }),
    );
    expect(outcome.code).toBe('BAD_REQUEST');
    expect(await database.db.select().from(users).where(eq(users.email, 'wang.fang@example.cn'))).toEqual([]);
  });
});
