import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, organizations, sessions, users } from '@/db/schema';
import { FACTORY_PASSWORD, insertOrgWithOwner } from '../seed/factories';
import type { RefusalCase, RefusalTable } from '../test/refusals';

/**
 * Organisation A with its owner: what the walker's callers must leave untouched. Every account act works
 * on the caller's own account only, so A's owner (profile, password hash, sessions, membership) and A
 * itself must be exactly as they were.
 */
async function orgA(db: Db) {
  const { org, user } = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  const snapshot = async () => ({
    user: await db.select().from(users).where(eq(users.id, user.id)),
    sessions: await db.select().from(sessions).where(eq(sessions.userId, user.id)),
    memberships: await db.select().from(memberships).where(eq(memberships.orgId, org.id)),
    org: await db.select().from(organizations).where(eq(organizations.id, org.id)),
  });
  return { org, user, snapshot };
}

/** Acts on the caller's own account: anonymous is refused, signed-in outsiders succeed without touching A. */
const ownAccount = (input: unknown): RefusalCase => ({
  async setup(db) {
    const { snapshot } = await orgA(db);
    return { input, snapshot };
  },
  allowed: ['outsider', 'pendingOutsider'],
});

export const refusals: RefusalTable = {
  'account.register': { public: 'registration is open to visitors; it creates a new user and organisation, never touches another' },
  'account.requestPasswordReset': { public: 'answers the same for any email; the link goes only to the mailbox of the account' },
  'account.resetTokenUsable': { public: 'only says whether a secret one-time link is still valid' },
  'account.resetPassword': { public: 'authorised by the secret one-time link itself, not by a session' },
  'account.me': ownAccount(undefined),
  'account.exportData': ownAccount(undefined),
  'account.updateProfile': ownAccount({ name: '改名测试', phone: null, title: null, bio: null, locale: 'zh-CN' }),
  'account.changePassword': ownAccount({ currentPassword: FACTORY_PASSWORD, newPassword: 'Changed#Pass2026' }),
  // Refused for everyone here: anonymous has no account, and the signed-in callers give a wrong password
  // (a real deletion would remove the walker's shared callers).
  'account.deleteAccount': {
    async setup(db) {
      const { snapshot } = await orgA(db);
      return { input: { password: 'not-the-password-1' }, snapshot };
    },
  },
};
