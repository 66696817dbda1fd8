import crypto from 'node:crypto';
import type { Db } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import type { Actor, MemberRole, OrgKind, OrgStatus } from '../actor';
import { hashPassword } from '../auth/passwords';
import { createSession } from '../auth/sessions';
import { now } from '../clock';
import { makeCreditCode } from '../orgs/credit-code';

/**
 * Factories shared by the seed and the tests: each call makes unique rows (random suffixes, fresh
 * credit codes), so test files and workers never collide.
 */
let serial = crypto.randomInt(1, 2 ** 30);
const CODE_PREFIX: Record<OrgKind, string> = { enterprise: '91', research_team: '12', incubator: '91', bureau: '11' };

export function uniqueCreditCode(kind: OrgKind, division = '330624'): string {
  return makeCreditCode(CODE_PREFIX[kind], division, serial++);
}

let cachedHash: Promise<string> | undefined;
/** Hashing is deliberately slow; factories share one hash of the common test password. */
export const FACTORY_PASSWORD = 'Factory#Pass2026';
function factoryHash(password: string): Promise<string> {
  if (password !== FACTORY_PASSWORD) return hashPassword(password);
  cachedHash ??= hashPassword(FACTORY_PASSWORD);
  return cachedHash;
}

export interface OrgInput {
  kind?: OrgKind;
  status?: OrgStatus;
  name?: string;
  creditCode?: string;
  hostInstitution?: string | null;
  industryField?: string | null;
  city?: string | null;
  description?: string | null;
  keywords?: string[];
}

export async function insertOrganization(db: Db, input: OrgInput = {}) {
  const kind = input.kind ?? 'enterprise';
  const suffix = crypto.randomBytes(3).toString('hex');
  const [org] = await db
    .insert(organizations)
    .values({
      kind,
      name: input.name ?? `测试机构-${suffix}`,
      creditCode: input.creditCode ?? uniqueCreditCode(kind),
      hostInstitution: input.hostInstitution ?? (kind === 'research_team' ? '浙江大学' : null),
      status: input.status ?? 'verified',
      reviewedAt: (input.status ?? 'verified') === 'pending' ? null : now(),
      industryField: input.industryField ?? null,
      city: input.city ?? null,
      description: input.description ?? null,
      keywords: input.keywords ?? [],
    })
    .returning();
  if (!org) throw new Error('insert organization failed');
  return org;
}

export interface UserInput {
  email?: string;
  name?: string;
  password?: string;
}

export async function insertUser(db: Db, input: UserInput = {}) {
  const suffix = crypto.randomBytes(4).toString('hex');
  const [user] = await db
    .insert(users)
    .values({
      email: (input.email ?? `user-${suffix}@test.kechuang.cn`).toLowerCase(),
      name: input.name ?? `用户${suffix}`,
      passwordHash: await factoryHash(input.password ?? FACTORY_PASSWORD),
      privacyConsentAt: now(),
      privacyConsentVersion: '2026-11',
    })
    .returning();
  if (!user) throw new Error('insert user failed');
  return user;
}

/** A user who is a member of `org` with `role`, signed in: returns the actor tests and the seed act as. */
export async function insertMember(db: Db, org: { id: string; kind: OrgKind; status: OrgStatus; name: string }, role: MemberRole = 'owner', input: UserInput = {}) {
  const user = await insertUser(db, input);
  await db.insert(memberships).values({ userId: user.id, orgId: org.id, role });
  const sessionId = await createSession(db, user.id);
  const actor: Actor = { userId: user.id, sessionId, name: user.name, org: { id: org.id, kind: org.kind, status: org.status, role, name: org.name } };
  return { user, actor, sessionId };
}

/** An organisation with an owner, in one call. */
export async function insertOrgWithOwner(db: Db, input: OrgInput = {}, user: UserInput = {}) {
  const org = await insertOrganization(db, input);
  const owner = await insertMember(db, org, 'owner', user);
  return { org, ...owner };
}
