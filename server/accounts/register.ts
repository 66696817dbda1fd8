import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import type { Actor } from '../actor';
import { audit } from '../audit/audit';
import { hashPassword } from '../auth/passwords';
import { now } from '../clock';
import { AppError, badRequest } from '../errors';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import type { RegisterInput } from './inputs';
import { PRIVACY_NOTICE_VERSION } from './privacy';

/**
 * The one answer for an email that cannot be used. It does not say the account exists (that would let
 * anyone test which emails are registered); it points to login and password reset, which work either way.
 */
export const emailUnavailable = () => badRequest('emailUnavailable', { email: 'v.emailUnavailable' });

/** Postgres' unique_violation, through either driver and drizzle's error wrapper. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * A visitor registers a user and a new organisation (pending until the bureau verifies it) in one
 * transaction: user, organisation, owner membership, privacy consent, audit rows, and a notification to
 * the bureau's reviewers. Returns the new ids; signing in is the caller's next step.
 */
export async function registerAccount(db: Db, input: RegisterInput, meta: { ip?: string | null } = {}) {
  // Hash outside the transaction: it is deliberately slow and needs no lock.
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(db, async (tx, afterCommit) => {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
      if (taken) throw emailUnavailable();

      // An enterprise or incubator registers once; research teams share their host institution's code.
      if (input.kind !== 'research_team') {
        const [holder] = await tx
          .select({ id: organizations.id })
          .from(organizations)
          .where(
            and(
              eq(organizations.creditCode, input.creditCode),
              inArray(organizations.kind, ['enterprise', 'incubator']),
              ne(organizations.status, 'rejected'),
            ),
          )
          .limit(1);
        if (holder) throw badRequest('invalidInput', { creditCode: 'v.creditCode.taken' });
      }

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
      const [org] = await tx
        .insert(organizations)
        .values({
          kind: input.kind,
          name: input.orgName,
          creditCode: input.creditCode,
          hostInstitution: input.kind === 'research_team' ? input.hostInstitution : null,
          industryField: input.industryField,
          city: input.city,
          status: 'pending',
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: organizations.id });
      if (!user || !org) throw new Error('registration insert returned no row');
      await tx.insert(memberships).values({ userId: user.id, orgId: org.id, role: 'owner', createdAt: at });

      const actor: Actor = {
        userId: user.id,
        sessionId: '',
        name: input.name,
        org: { id: org.id, kind: input.kind, status: 'pending', role: 'owner', name: input.orgName },
        ip: meta.ip ?? null,
      };
      // Audit rows hold ids and facts, not personal data, so erasing an account leaves nothing personal behind.
      await audit(tx, actor, {
        action: 'account.register',
        entityType: 'user',
        entityId: user.id,
        orgId: org.id,
        after: { privacyConsentVersion: PRIVACY_NOTICE_VERSION },
      });
      await audit(tx, actor, {
        action: 'org.register',
        entityType: 'organization',
        entityId: org.id,
        orgId: org.id,
        after: {
          kind: input.kind,
          name: input.orgName,
          creditCode: input.creditCode,
          hostInstitution: input.kind === 'research_team' ? input.hostInstitution : null,
          industryField: input.industryField,
          city: input.city,
          status: 'pending',
        },
      });
      await audit(tx, actor, {
        action: 'member.add',
        entityType: 'membership',
        entityId: user.id,
        orgId: org.id,
        after: { role: 'owner' },
      });

      const reviewers = await tx
        .select({ id: users.id })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.orgId))
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(organizations.kind, 'bureau'), eq(organizations.status, 'verified'), isNull(users.deletedAt)));
      await notify(
        tx,
        afterCommit,
        reviewers.map((r) => r.id),
        'bureau.orgPending',
        { orgId: org.id, orgName: input.orgName, orgKind: input.kind },
        '/bureau/verifications',
      );
      return { userId: user.id, orgId: org.id };
    });
  } catch (e) {
    // Two registrations racing for one email: the unique index decides, with the same answer.
    if (!(e instanceof AppError) && isUniqueViolation(e)) throw emailUnavailable();
    throw e;
  }
}
