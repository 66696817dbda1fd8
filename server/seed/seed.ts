import { count } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import { hashPassword } from '../auth/passwords';
import { now } from '../clock';

export const DEMO_PASSWORD = 'Demo@2026';

export const DEMO_LOGINS = [
  { email: 'bureau@demo.kechuang.cn', name: '王科长', org: { kind: 'bureau', name: '新昌县科学技术局', creditCode: '1133062400002R3BBN' } },
] as const;

/** Seeds the demo data when the database has no users yet; returns whether it did. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemo(db);
  return true;
}

export async function seedDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const login of DEMO_LOGINS) {
      const [org] = await tx
        .insert(organizations)
        .values({ ...login.org, status: 'verified', reviewedAt: now() })
        .returning({ id: organizations.id });
      const [user] = await tx
        .insert(users)
        .values({ email: login.email, name: login.name, passwordHash, privacyConsentAt: now(), privacyConsentVersion: '2026-11' })
        .returning({ id: users.id });
      if (org && user) await tx.insert(memberships).values({ userId: user.id, orgId: org.id, role: 'owner' });
    }
  });
}
