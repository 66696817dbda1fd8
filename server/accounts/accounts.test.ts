import crypto from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, memberships, notifications, organizations, passwordResets, sessions, users } from '@/db/schema';
import type { Actor } from '../actor';
import { authenticate } from '../auth/login';
import { verifyPassword } from '../auth/passwords';
import { actorForSession, createSession } from '../auth/sessions';
import { advanceClock, resetClock } from '../clock';
import { AppError } from '../errors';
import { makeCreditCode } from '../orgs/credit-code';
import { FACTORY_PASSWORD, insertMember, insertOrgWithOwner, uniqueCreditCode } from '../seed/factories';
import { callerFor } from '../test/caller';
import { sha256 } from './password';
import { DELETED_USER_NAME, PRIVACY_NOTICE_VERSION } from './privacy';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
afterEach(() => {
  resetClock();
  vi.restoreAllMocks();
});

const anonymous = () => callerFor(database.db, null);
const as = (actor: Actor) => callerFor(database.db, actor);

/** Field errors as the form would get them: from an AppError's fields or a zod issue's `v.*` message. */
function fieldsOf(error: unknown): Record<string, string> {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof AppError) return cause.fields;
  if (cause instanceof ZodError) {
    // The same rule as the error formatter in server/trpc.ts: a schema's own `v.*` key, else the issue code.
    return Object.fromEntries(cause.issues.map((i) => [i.path.join('.'), i.message.startsWith('v.') ? i.message : `v.${i.code}`]));
  }
  throw error;
}
async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  return { code: (error as { code?: string }).code, messageKey: ((error as { cause?: unknown }).cause as AppError | undefined)?.messageKey, fields: fieldsOf(error) };
}

async function rowCounts() {
  const [u] = await database.db.select({ n: count() }).from(users);
  const [o] = await database.db.select({ n: count() }).from(organizations);
  const [m] = await database.db.select({ n: count() }).from(memberships);
  const [a] = await database.db.select({ n: count() }).from(auditLog);
  return { users: u?.n, orgs: o?.n, memberships: m?.n, audit: a?.n };
}

const uniqueEmail = () => `reg-${crypto.randomBytes(4).toString('hex')}@Test.Kechuang.cn`;

function enterprise(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'enterprise' as const,
    orgName: '新昌精工智能装备有限公司',
    creditCode: uniqueCreditCode('enterprise'),
    industryField: 'smart_equipment' as const,
    city: '新昌县',
    name: '张伟',
    email: uniqueEmail(),
    password: 'Secret2026ab',
    privacyConsent: true as const,
    ...overrides,
  };
}

/** A signed-in actor for a user id, as the session cookie would yield it. */
async function signedIn(userId: string): Promise<Actor> {
  const actor = await actorForSession(database.db, await createSession(database.db, userId));
  if (!actor) throw new Error('no actor');
  return { ...actor, ip: '127.0.0.1' };
}

describe('registration', () => {
  it('creates a pending organisation owned by the new user, with consent, audit rows and a note to the bureau', async () => {
    const bureau = await insertOrgWithOwner(database.db, { kind: 'bureau', status: 'verified' });
    const input = enterprise();
    const { orgId } = await anonymous().account.register(input);

    const [user] = await database.db.select().from(users).where(eq(users.email, input.email.toLowerCase()));
    expect(user).toMatchObject({ name: '张伟', privacyConsentVersion: PRIVACY_NOTICE_VERSION });
    expect(user?.privacyConsentAt).toBeInstanceOf(Date);
    expect(await verifyPassword(user?.passwordHash ?? '', 'Secret2026ab')).toBe(true);
    const [org] = await database.db.select().from(organizations).where(eq(organizations.id, orgId));
    expect(org).toMatchObject({ kind: 'enterprise', status: 'pending', name: '新昌精工智能装备有限公司', industryField: 'smart_equipment', city: '新昌县' });
    const [membership] = await database.db.select().from(memberships).where(eq(memberships.userId, user?.id ?? ''));
    expect(membership).toMatchObject({ orgId, role: 'owner' });
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.orgId, orgId));
    expect(audits.map((a) => a.action).sort()).toEqual(['account.register', 'member.add', 'org.register']);
    expect(audits.every((a) => a.actorUserId === user?.id)).toBe(true);
    const [note] = await database.db.select().from(notifications).where(eq(notifications.userId, bureau.user.id));
    expect(note).toMatchObject({ kind: 'bureau.orgPending', payload: { orgId, orgName: '新昌精工智能装备有限公司', orgKind: 'enterprise' } });

    // The new owner can sign in, and acts for a pending organisation.
    const login = await authenticate(database.db, { email: input.email, password: 'Secret2026ab' });
    if (!login.ok) throw new Error('login failed');
    expect((await actorForSession(database.db, login.sessionId))?.org).toMatchObject({ id: orgId, status: 'pending', role: 'owner' });
  });

  it('a research team registers with its host institution’s name and code', async () => {
    const hostCode = makeCreditCode('12', '330000', crypto.randomInt(1, 2 ** 30));
    const input = enterprise({
      kind: 'research_team',
      orgName: '浙江大学智能制造创新团队',
      creditCode: hostCode.toLowerCase(),
      hostInstitution: '浙江大学',
      industryField: null,
    });
    const { orgId } = await anonymous().account.register(input);
    const [org] = await database.db.select().from(organizations).where(eq(organizations.id, orgId));
    expect(org).toMatchObject({ kind: 'research_team', creditCode: hostCode, hostInstitution: '浙江大学', status: 'pending' });
    // A second team of the same institution gives the same code.
    await anonymous().account.register({ ...input, email: uniqueEmail(), orgName: '浙江大学新材料团队' });
  });

  it('a wrong credit code is a field error in Chinese terms, and writes nothing', async () => {
    const before = await rowCounts();
    const valid = uniqueCreditCode('enterprise');
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const cases: Array<[string, string]> = [
      [wrongCheck, 'v.creditCode.checkDigit'],
      ['91330624', 'v.creditCode.length'],
      ['91330624MA2BCDEFGI', 'v.creditCode.charset'],
      ['Z1330624MA2BCDEFGH', 'v.creditCode.charset'],
      ['B1330624MA2BCDEFGH', 'v.creditCode.authority'],
    ];
    for (const [creditCode, key] of cases) {
      const { code, fields } = await failure(anonymous().account.register(enterprise({ creditCode })));
      expect(code).toBe('BAD_REQUEST');
      expect(fields.creditCode, creditCode).toBe(key);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('requires the privacy consent, a sound password, a host institution for research teams, and never a bureau', async () => {
    const before = await rowCounts();
    expect((await failure(anonymous().account.register(enterprise({ privacyConsent: false })))).fields.privacyConsent).toBe('v.privacyConsent');
    expect((await failure(anonymous().account.register(enterprise({ password: 'short1' })))).fields.password).toBe('v.password.tooShort');
    expect((await failure(anonymous().account.register(enterprise({ password: 'onlyletters' })))).fields.password).toBe('v.password.lettersAndDigits');
    expect((await failure(anonymous().account.register(enterprise({ password: '1234567890' })))).fields.password).toBe('v.password.lettersAndDigits');
    expect(
      (await failure(anonymous().account.register(enterprise({ kind: 'research_team', hostInstitution: '', creditCode: uniqueCreditCode('research_team') })))).fields
        .hostInstitution,
    ).toBe('v.hostInstitution.required');
    expect((await failure(anonymous().account.register(enterprise({ kind: 'bureau' })))).fields.kind).toBe('v.orgKind');
    expect((await failure(anonymous().account.register(enterprise({ email: 'not-an-email' })))).fields.email).toBe('v.email');
    expect(await rowCounts()).toEqual(before);
  });

  it('a taken email gets the generic answer, in any capitals, and writes nothing', async () => {
    const first = enterprise();
    await anonymous().account.register(first);
    const before = await rowCounts();
    const again = await failure(anonymous().account.register(enterprise({ email: `  ${first.email.toUpperCase()}` })));
    expect(again).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'emailUnavailable', fields: { email: 'v.emailUnavailable' } });
    // A deleted account's email is free again (it was wiped), so this is the only answer an existing email gets.
    expect(await rowCounts()).toEqual(before);
  });

  it('an enterprise code already registered by another enterprise is refused', async () => {
    const first = enterprise();
    await anonymous().account.register(first);
    const again = await failure(anonymous().account.register(enterprise({ creditCode: first.creditCode })));
    expect(again.fields.creditCode).toBe('v.creditCode.taken');
  });
});

describe('profile', () => {
  it('edits the own profile; the audit row names fields, not values', async () => {
    const { actor, user } = await insertOrgWithOwner(database.db);
    const result = await as(actor).account.updateProfile({ name: '李娜', phone: '138 0000 1234', title: '研发总监', bio: '', locale: 'en' });
    expect(result.changed).toEqual(['name', 'phone', 'title', 'locale']);
    const me = await as(actor).account.me();
    expect(me).toMatchObject({ name: '李娜', phone: '138 0000 1234', title: '研发总监', bio: null, locale: 'en', email: user.email });
    const [row] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'account.updateProfile')));
    expect(row?.after).toEqual({ changed: ['name', 'phone', 'title', 'locale'] });
    expect(JSON.stringify(row)).not.toContain('李娜');
    expect((await failure(as(actor).account.updateProfile({ name: '', phone: null, title: null, bio: null, locale: 'zh-CN' }))).fields.name).toBe('v.too_small');
  });
});

describe('password change', () => {
  it('needs the current password, revokes every other session, keeps this one, notifies and audits', async () => {
    const { actor, user } = await insertOrgWithOwner(database.db);
    const otherDevice = await createSession(database.db, user.id);
    const wrong = await failure(as(actor).account.changePassword({ currentPassword: 'Wrong#Pass2026', newPassword: 'Brand#New2026' }));
    expect(wrong).toMatchObject({ code: 'FORBIDDEN', fields: { currentPassword: 'v.passwordIncorrect' } });
    expect(await actorForSession(database.db, otherDevice)).not.toBeNull();

    await as(actor).account.changePassword({ currentPassword: FACTORY_PASSWORD, newPassword: 'Brand#New2026' });
    expect(await actorForSession(database.db, otherDevice)).toBeNull();
    expect(await actorForSession(database.db, actor.sessionId)).not.toBeNull();
    expect((await authenticate(database.db, { email: user.email ?? '', password: FACTORY_PASSWORD })).ok).toBe(false);
    expect((await authenticate(database.db, { email: user.email ?? '', password: 'Brand#New2026' })).ok).toBe(true);
    const [note] = await database.db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(note?.kind).toBe('account.passwordChanged');
    const [row] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'account.changePassword')));
    expect(row?.after).toEqual({ otherSessionsRevoked: 1 });
  });

  it('the new password follows the policy', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    expect((await failure(as(actor).account.changePassword({ currentPassword: FACTORY_PASSWORD, newPassword: 'abcdefgh' }))).fields.newPassword).toBe(
      'v.password.lettersAndDigits',
    );
  });
});

describe('password reset', () => {
  /** The link that went out (written to the log, as there is no SMTP server in tests). */
  async function requestLink(email: string): Promise<string | null> {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await anonymous().account.requestPasswordReset({ email });
    const text = log.mock.calls.map((c) => String(c[0])).join('\n');
    log.mockRestore();
    return /\/reset-password\/([\w-]+)/.exec(text)?.[1] ?? null;
  }

  it('answers the same for unknown emails, sends nothing and writes nothing', async () => {
    const [before] = await database.db.select({ n: count() }).from(passwordResets);
    const result = await anonymous().account.requestPasswordReset({ email: 'nobody-here@test.kechuang.cn' });
    expect(result).toEqual({ ok: true });
    expect(await requestLink('nobody-here@test.kechuang.cn')).toBeNull();
    const [after] = await database.db.select({ n: count() }).from(passwordResets);
    expect(after?.n).toBe(before?.n);
  });

  it('a mailed link stores only its hash, works once within an hour, and signs the user out everywhere', async () => {
    const { user, actor } = await insertOrgWithOwner(database.db);
    const second = await createSession(database.db, user.id);
    const token = await requestLink(user.email ?? '');
    if (!token) throw new Error('no link was sent');
    const rows = await database.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await anonymous().account.resetTokenUsable({ token })).toEqual({ usable: true });

    await anonymous().account.resetPassword({ token, password: 'Reset#Pass2026' });
    expect(await actorForSession(database.db, actor.sessionId)).toBeNull();
    expect(await actorForSession(database.db, second)).toBeNull();
    expect((await authenticate(database.db, { email: user.email ?? '', password: 'Reset#Pass2026' })).ok).toBe(true);
    const [row] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'account.resetPassword')));
    expect(row).toMatchObject({ actorUserId: user.id, after: { sessionsRevoked: 2 } });

    // Single use.
    expect(await anonymous().account.resetTokenUsable({ token })).toEqual({ usable: false });
    expect(await failure(anonymous().account.resetPassword({ token, password: 'Again#Pass2026' }))).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'resetTokenInvalid' });
  });

  it('a link expires after an hour, and a newer reset kills older links', async () => {
    const { user } = await insertOrgWithOwner(database.db);
    const first = await requestLink(user.email ?? '');
    const second = await requestLink(user.email ?? '');
    if (!first || !second) throw new Error('no link');
    advanceClock(61 * 60_000);
    expect(await failure(anonymous().account.resetPassword({ token: first, password: 'Late#Pass2026' }))).toMatchObject({ messageKey: 'resetTokenInvalid' });
    resetClock();
    await anonymous().account.resetPassword({ token: second, password: 'Fresh#Pass2026' });
    expect(await anonymous().account.resetTokenUsable({ token: first })).toEqual({ usable: false });
  });
});

describe('account deletion (PIPL erasure)', () => {
  it('needs the password; wipes personal fields, ends membership and sessions; records keep an anonymous author', async () => {
    const { actor, user, org } = await insertOrgWithOwner(database.db);
    await as(actor).account.updateProfile({ name: '王芳', phone: '13900001111', title: '工程师', bio: '简介', locale: 'zh-CN' });
    const other = await createSession(database.db, user.id, { ip: '10.0.0.9', userAgent: 'Firefox' });

    expect(await failure(as(actor).account.deleteAccount({ password: 'Wrong#Pass2026' }))).toMatchObject({ code: 'FORBIDDEN', fields: { password: 'v.passwordIncorrect' } });
    await as(actor).account.deleteAccount({ password: FACTORY_PASSWORD });

    const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ email: null, name: DELETED_USER_NAME, phone: null, title: null, bio: null, passwordHash: null });
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect(await database.db.select().from(memberships).where(eq(memberships.userId, user.id))).toEqual([]);
    const live = await database.db.select().from(sessions).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
    expect(live).toEqual([]);
    const [otherRow] = await database.db.select().from(sessions).where(eq(sessions.id, other));
    expect(otherRow).toMatchObject({ ip: null, userAgent: null });
    expect(await actorForSession(database.db, actor.sessionId)).toBeNull();
    // The organisation's audit log still shows the acts, by the anonymised user.
    const acts = await database.db
      .select({ action: auditLog.action, author: users.name })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(eq(auditLog.orgId, org.id));
    expect(acts.map((a) => a.action)).toEqual(expect.arrayContaining(['account.updateProfile', 'member.remove', 'account.delete']));
    expect(new Set(acts.map((a) => a.author))).toEqual(new Set([DELETED_USER_NAME]));
    // The email is free to register again and nobody can sign in as the deleted user.
    expect((await authenticate(database.db, { email: user.email ?? '', password: FACTORY_PASSWORD })).ok).toBe(false);
  });

  it('the last owner of an organisation with other members must hand ownership over first', async () => {
    const { actor, org, user } = await insertOrgWithOwner(database.db);
    await insertMember(database.db, org, 'member');
    const before = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(await failure(as(actor).account.deleteAccount({ password: FACTORY_PASSWORD }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      messageKey: 'lastOwnerMustTransfer',
    });
    expect(await database.db.select().from(users).where(eq(users.id, user.id))).toEqual(before);
    // With a second owner, the first may leave.
    await insertMember(database.db, org, 'owner');
    await as(actor).account.deleteAccount({ password: FACTORY_PASSWORD });
  });

  it('a member (not owner) can always delete their account', async () => {
    const { org } = await insertOrgWithOwner(database.db);
    const member = await insertMember(database.db, org, 'member');
    await as(member.actor).account.deleteAccount({ password: FACTORY_PASSWORD });
    const [row] = await database.db.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, member.user.id));
    expect(row?.deletedAt).toBeInstanceOf(Date);
  });
});

describe('personal data export', () => {
  it('holds the user’s fields, membership, sessions, notifications and own audit rows — and no secrets', async () => {
    const input = enterprise();
    await anonymous().account.register(input);
    const [user] = await database.db.select().from(users).where(eq(users.email, input.email.toLowerCase()));
    if (!user) throw new Error('no user');
    const actor = await signedIn(user.id);
    await as(actor).account.updateProfile({ name: '张伟', phone: '13800138000', title: null, bio: null, locale: 'zh-CN' });
    await as(actor).account.changePassword({ currentPassword: 'Secret2026ab', newPassword: 'Secret2027ab' });

    const data = await as(actor).account.exportData();
    expect(data.user).toMatchObject({ id: user.id, email: input.email.toLowerCase(), name: '张伟', phone: '13800138000', privacyConsentVersion: PRIVACY_NOTICE_VERSION });
    expect(data.memberships).toEqual([expect.objectContaining({ orgName: input.orgName, orgKind: 'enterprise', role: 'owner' })]);
    expect(data.sessions.some((s) => s.current)).toBe(true);
    expect(data.notifications.map((n) => n.kind)).toContain('account.passwordChanged');
    expect(data.auditLog.map((a) => a.action)).toEqual(
      expect.arrayContaining(['account.register', 'org.register', 'account.updateProfile', 'account.changePassword']),
    );
    const text = JSON.stringify(data);
    expect(text).not.toContain(user.passwordHash ?? 'no-hash');
    expect(text).not.toContain(actor.sessionId);
    expect(text).not.toContain('passwordHash');
  });

  it('is refused to anonymous callers', async () => {
    expect((await anonymous().account.exportData().catch((e: { code?: string }) => e)) as { code?: string }).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('registration form answers', () => {
  it('names every missing field at once, the kind-specific ones included', async () => {
    const { fields } = await failure(
      // What a browser sends for an empty form (the consent box unticked): not a valid input type, on purpose.
      anonymous().account.register({ kind: 'research_team', orgName: '', creditCode: '', hostInstitution: '', name: '', email: '', password: '', privacyConsent: false } as never),
    );
    expect(Object.keys(fields).sort()).toEqual(['creditCode', 'email', 'hostInstitution', 'name', 'orgName', 'password', 'privacyConsent']);
    const enterpriseFields = (await failure(anonymous().account.register({ ...enterprise({ industryField: null }), orgName: '' }))).fields;
    expect(enterpriseFields).toMatchObject({ orgName: 'v.too_small', industryField: 'v.industryField' });
  });
});
