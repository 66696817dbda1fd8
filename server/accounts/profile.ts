import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from '../actor';
import { audit } from '../audit/audit';
import { AppError } from '../errors';
import { inTransaction } from '../transaction';
import type { ProfileInput } from './inputs';

/** The signed-in user's own account: profile fields and the organisation they act for. */
export async function myAccount(db: Db, actor: Actor) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      phone: users.phone,
      title: users.title,
      bio: users.bio,
      locale: users.locale,
      privacyConsentVersion: users.privacyConsentVersion,
      privacyConsentAt: users.privacyConsentAt,
      createdAt: users.createdAt,
      deletedAt: users.deletedAt,
    })
    .from(users)
    .where(eq(users.id, actor.userId))
    .limit(1);
  if (!user || user.deletedAt) throw new AppError('UNAUTHORIZED', 'unauthorized');
  const { deletedAt: _deleted, ...profile } = user;
  return { ...profile, org: actor.org };
}

const PROFILE_FIELDS = ['name', 'phone', 'title', 'bio', 'locale'] as const;

/** Edits the user's own profile. The audit row names the changed fields, not their values (personal data). */
export async function updateProfile(db: Db, actor: Actor, input: ProfileInput) {
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select({ name: users.name, phone: users.phone, title: users.title, bio: users.bio, locale: users.locale })
      .from(users)
      .where(eq(users.id, actor.userId))
      .limit(1);
    if (!before) throw new AppError('UNAUTHORIZED', 'unauthorized');
    const changed = PROFILE_FIELDS.filter((f) => before[f] !== input[f]);
    if (changed.length === 0) return { changed };
    await tx
      .update(users)
      .set({ name: input.name, phone: input.phone, title: input.title, bio: input.bio, locale: input.locale })
      .where(eq(users.id, actor.userId));
    await audit(tx, actor, {
      action: 'account.updateProfile',
      entityType: 'user',
      entityId: actor.userId,
      orgId: actor.org?.id ?? null,
      after: { changed },
    });
    return { changed };
  });
}
