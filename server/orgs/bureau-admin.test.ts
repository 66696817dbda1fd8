import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, memberships, organizations, users } from '@/db/schema';
import { authenticate } from '../auth/login';
import { actorForSession } from '../auth/sessions';
import { isValidCreditCode, makeCreditCode } from './credit-code';
import { callerFor } from '../test/caller';
import { BureauAdminError, createBureauAdmin, generatePassword, PLACEHOLDER_BUREAU_CODE } from './bureau-admin';

// Its own database: "the first run creates the bureau" needs a database without one.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('admin:create', () => {
  it('generates passwords that meet the policy', () => {
    for (let i = 0; i < 50; i++) expect(generatePassword()).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]{16}$/);
  });

  it('first run: creates the verified bureau with a placeholder code and its owner, with a generated password that signs in', async () => {
    const result = await createBureauAdmin(database.db, { email: 'Admin@Bureau.example.cn', name: '王科长' });
    expect(result).toMatchObject({ email: 'admin@bureau.example.cn', role: 'owner', createdOrg: true, placeholderCode: true });
    expect(isValidCreditCode(PLACEHOLDER_BUREAU_CODE)).toBe(true);
    const [org] = await database.db.select().from(organizations).where(eq(organizations.id, result.orgId));
    expect(org).toMatchObject({ kind: 'bureau', status: 'verified', name: '新昌县科学技术局' });
    const login = await authenticate(database.db, { email: 'admin@bureau.example.cn', password: result.password ?? '', ip: '127.0.0.1' });
    expect(login.ok).toBe(true);
    const actions = (await database.db.select().from(auditLog).where(eq(auditLog.orgId, result.orgId))).map((a) => [a.action, a.actorUserId]);
    expect(actions).toEqual([
      ['org.create', null],
      ['account.register', null],
      ['member.add', null],
    ]);

    // The bureau fixes its credit code: it stays verified (it is the verifier).
    if (!login.ok) throw new Error('login failed');
    const actor = await actorForSession(database.db, login.sessionId);
    if (!actor) throw new Error('no actor');
    const realCode = makeCreditCode('11', '330624', 26091);
    expect(await callerFor(database.db, actor).orgs.updateProfile({ creditCode: realCode })).toEqual({ status: 'verified', reverification: false });
    const [after] = await database.db.select().from(organizations).where(eq(organizations.id, result.orgId));
    expect(after).toMatchObject({ status: 'verified', creditCode: realCode });
  });

  it('later runs add admins to the same bureau, with the given password', async () => {
    const result = await createBureauAdmin(database.db, { email: 'second@bureau.example.cn', password: 'Bureau2026pass' });
    expect(result).toMatchObject({ role: 'admin', createdOrg: false, password: null });
    expect(await database.db.select().from(organizations).where(eq(organizations.kind, 'bureau'))).toHaveLength(1);
    const [m] = await database.db.select().from(memberships).where(eq(memberships.userId, result.userId));
    expect(m?.role).toBe('admin');
  });

  it('refuses a registered email, a weak password or a bad email, creating nothing', async () => {
    const count = async () => (await database.db.select().from(users)).length;
    const before = await count();
    await expect(createBureauAdmin(database.db, { email: 'second@bureau.example.cn' })).rejects.toBeInstanceOf(BureauAdminError);
    await expect(createBureauAdmin(database.db, { email: 'third@bureau.example.cn', password: 'short' })).rejects.toBeInstanceOf(BureauAdminError);
    await expect(createBureauAdmin(database.db, { email: 'not-an-email' })).rejects.toBeInstanceOf(BureauAdminError);
    expect(await count()).toBe(before);
  });
});
