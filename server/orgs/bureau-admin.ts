import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import { emailSchema, passwordSchema } from '../accounts/inputs';
import { audit } from '../audit/audit';
import { hashPassword } from '../auth/passwords';
import { now } from '../clock';
import { inTransaction } from '../transaction';
import { creditCodeProblem, makeCreditCode, normaliseCreditCode, type CreditCodeProblem } from './credit-code';

/**
 * `npm run admin:create`: the first bureau administrator of a production install (which starts empty),
 * and later ones. Creates the bureau's organisation (verified: it is the verifier) when there is none;
 * the first administrator owns it, later ones are admins. Audited as a system act (no user actor).
 */
export interface BureauAdminInput {
  email: string;
  name?: string;
  password?: string;
  orgName?: string;
  creditCode?: string;
}

export class BureauAdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BureauAdminError';
  }
}

const CODE_PROBLEMS: Record<CreditCodeProblem, string> = {
  length: '应为 18 位 / must have 18 characters',
  charset: '只能含数字和大写字母（不含 I、O、S、V、Z）/ digits and capitals except I, O, S, V, Z only',
  authority: '前两位不正确 / wrong first two characters',
  division: '第 3–8 位应为行政区划代码 / characters 3–8 must be a division code',
  checkDigit: '校验位不正确 / wrong check character',
};

export const DEFAULT_BUREAU_NAME = '新昌县科学技术局';

/**
 * Without --credit-code the bureau gets a well-formed placeholder (serial all zeros, so nobody mistakes it
 * for a real one); its administrators put the real code in the profile, which for the bureau does not
 * re-open verification (see ./profile.ts).
 */
export const PLACEHOLDER_BUREAU_CODE = makeCreditCode('11', '330624', 0);

/** 16 characters from an alphabet without look-alikes, with letters and digits guaranteed (the password policy). */
export function generatePassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const pick = (set: string) => set[crypto.randomInt(set.length)] ?? '';
  const chars = [pick(letters), pick(digits), ...Array.from({ length: 14 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

function check<T>(result: { success: true; data: T } | { success: false; error: { issues: Array<{ message: string }> } }, what: string): T {
  if (result.success) return result.data;
  throw new BureauAdminError(`${what}: ${result.error.issues.map((i) => i.message).join(', ')}`);
}

export async function createBureauAdmin(db: Db, input: BureauAdminInput) {
  const email = check(emailSchema.safeParse(input.email), '邮箱无效 / invalid email');
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword();
  check(passwordSchema.safeParse(password), '密码须至少 8 位且同时包含字母和数字 / the password needs 8+ characters with letters and digits');
  const name = (input.name ?? '').trim() || '科技局管理员';
  const creditCode = input.creditCode === undefined ? undefined : normaliseCreditCode(input.creditCode);
  const problem = creditCode === undefined ? null : creditCodeProblem(creditCode);
  if (problem) throw new BureauAdminError(`统一社会信用代码无效 / invalid credit code: ${CODE_PROBLEMS[problem]}`);
  const passwordHash = await hashPassword(password);

  return inTransaction(db, async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (taken) throw new BureauAdminError(`该邮箱已注册：${email}。如忘记密码，请在登录页找回。/ ${email} is already registered; use password reset if needed.`);

    const at = now();
    let [bureau] = await tx.select().from(organizations).where(eq(organizations.kind, 'bureau')).orderBy(asc(organizations.createdAt)).limit(1);
    const createdOrg = !bureau;
    if (!bureau) {
      [bureau] = await tx
        .insert(organizations)
        .values({
          kind: 'bureau',
          name: input.orgName?.trim() || DEFAULT_BUREAU_NAME,
          creditCode: creditCode ?? PLACEHOLDER_BUREAU_CODE,
          status: 'verified',
          reviewedAt: at,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!bureau) throw new Error('insert bureau returned no row');
      await audit(tx, null, {
        action: 'org.create',
        entityType: 'organization',
        entityId: bureau.id,
        orgId: bureau.id,
        after: { kind: 'bureau', name: bureau.name, creditCode: bureau.creditCode, status: 'verified', by: 'admin:create' },
      });
    }
    const role = createdOrg ? ('owner' as const) : ('admin' as const);
    const [user] = await tx
      .insert(users)
      .values({ email, name, passwordHash, createdAt: at })
      .returning({ id: users.id });
    if (!user) throw new Error('insert user returned no row');
    await tx.insert(memberships).values({ userId: user.id, orgId: bureau.id, role, createdAt: at });
    await audit(tx, null, { action: 'account.register', entityType: 'user', entityId: user.id, orgId: bureau.id, after: { by: 'admin:create' } });
    await audit(tx, null, { action: 'member.add', entityType: 'membership', entityId: user.id, orgId: bureau.id, after: { role, by: 'admin:create' } });
    return {
      userId: user.id,
      email,
      role,
      orgId: bureau.id,
      orgName: bureau.name,
      createdOrg,
      placeholderCode: bureau.creditCode === PLACEHOLDER_BUREAU_CODE,
      password: generated ? password : null,
    };
  });
}
