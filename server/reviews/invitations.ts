import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bidScores, bids, memberships, needs, organizations, reviewInvitations, users } from '@/db/schema';
import type { MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { sealedFromEvaluators, standingOf, type InvitationRow, type ReviewerStanding } from '../bids/access';
import { now } from '../clock';
import { badRequest, conflict, notFound } from '../errors';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import type { InviteReviewerInput } from './inputs';

/**
 * 评审专家 (SPEC §3): the owner invites platform users to review one need's bids; each declares a
 * conflict of interest (利益冲突声明) before seeing any bid, and a declared conflict excludes them.
 */

type NeedRow = typeof needs.$inferSelect;

/** Needs still open to reviewing: from publication until the award. */
const REVIEWABLE: readonly NeedRow['status'][] = ['published', 'closed', 'evaluating'];

/** The owner's need, locked when `lock`; anyone else's is NOT_FOUND. */
export async function ownNeed(db: Db, actor: MemberActor, needId: string, lock = false): Promise<NeedRow> {
  const query = db
    .select()
    .from(needs)
    .where(and(eq(needs.id, needId), eq(needs.ownerOrgId, actor.org.id)));
  const [need] = lock ? await query.for('update') : await query.limit(1);
  if (!need) throw notFound();
  return need;
}

function invitationAudit(invitation: InvitationRow) {
  return {
    needId: invitation.needId,
    reviewerUserId: invitation.reviewerUserId,
    coiStatus: invitation.coiStatus,
    revoked: invitation.revokedAt !== null,
  };
}

/**
 * Invites a user (by id, or by the email of an existing account) to review a need. The reviewer must
 * belong to a verified organisation; one who does not, and an address with no account, get the same
 * answer. Inviting a revoked reviewer again reinstates them with a fresh declaration.
 */
export async function inviteReviewer(db: Db, actor: MemberActor, input: InviteReviewerInput) {
  return inTransaction(db, async (tx, afterCommit) => {
    const need = await ownNeed(tx, actor, input.needId, true);
    if (!REVIEWABLE.includes(need.status)) throw conflict('reviews.needNotReviewable', { status: need.status });
    const [reviewer] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(
        and(
          input.userId ? eq(users.id, input.userId) : eq(users.email, input.email ?? ''),
          isNull(users.deletedAt),
          eq(organizations.status, 'verified'),
        ),
      )
      .limit(1);
    if (!reviewer) throw badRequest('reviews.reviewerNotFound', { [input.userId ? 'userId' : 'email']: 'v.review.reviewerNotFound' });
    const at = now();
    const [existing] = await tx
      .select()
      .from(reviewInvitations)
      .where(and(eq(reviewInvitations.needId, need.id), eq(reviewInvitations.reviewerUserId, reviewer.id)))
      .for('update');
    if (existing && !existing.revokedAt) throw conflict('reviews.alreadyInvited');
    const [row] = existing
      ? await tx
          .update(reviewInvitations)
          .set({ revokedAt: null, invitedAt: at, invitedBy: actor.userId, coiStatus: 'pending', coiText: null, coiDeclaredAt: null })
          .where(eq(reviewInvitations.id, existing.id))
          .returning()
      : await tx
          .insert(reviewInvitations)
          .values({ needId: need.id, reviewerUserId: reviewer.id, invitedBy: actor.userId, invitedAt: at })
          .returning();
    if (!row) throw new Error('invitation write returned no row');
    await audit(tx, actor, {
      action: 'review.invite',
      entityType: 'reviewInvitation',
      entityId: row.id,
      orgId: need.ownerOrgId,
      before: existing ? invitationAudit(existing) : null,
      after: invitationAudit(row),
    });
    await notify(tx, afterCommit, [reviewer.id], 'review.invited', { needId: need.id, title: need.title }, `/reviews/${row.id}`);
    return { id: row.id, needId: need.id, reviewer, coiStatus: row.coiStatus, invitedAt: row.invitedAt };
  });
}

/** The owner withdraws an invitation before the award; the reviewer's scores stop counting (and stay on record). */
export async function revokeReviewer(db: Db, actor: MemberActor, invitationId: string) {
  return inTransaction(db, async (tx) => {
    const [found] = await tx
      .select({ invitation: reviewInvitations, need: needs })
      .from(reviewInvitations)
      .innerJoin(needs, eq(needs.id, reviewInvitations.needId))
      .where(and(eq(reviewInvitations.id, invitationId), eq(needs.ownerOrgId, actor.org.id)))
      .for('update');
    if (!found) throw notFound();
    const { invitation, need } = found;
    if (invitation.revokedAt) throw conflict('reviews.alreadyRevoked');
    if (!REVIEWABLE.includes(need.status)) throw conflict('reviews.needNotReviewable', { status: need.status });
    const [row] = await tx.update(reviewInvitations).set({ revokedAt: now() }).where(eq(reviewInvitations.id, invitation.id)).returning();
    if (!row) throw new Error('revoke returned no row');
    await audit(tx, actor, {
      action: 'review.revoke',
      entityType: 'reviewInvitation',
      entityId: row.id,
      orgId: need.ownerOrgId,
      before: invitationAudit(invitation),
      after: invitationAudit(row),
    });
    return { id: row.id, revokedAt: row.revokedAt };
  });
}

/**
 * The owner's list of a need's reviewers: who, their declaration (with its text), how many bids they
 * scored. A reviewer from a bidding organisation shows as excluded only once the owner may see bids —
 * before a `jiebang` deadline that would tell the owner who bid.
 */
export async function listReviewers(db: Db, actor: MemberActor, needId: string) {
  const need = await ownNeed(db, actor, needId);
  const rows = await db
    .select({
      invitation: reviewInvitations,
      name: users.name,
      email: users.email,
      orgId: memberships.orgId,
      orgName: organizations.name,
      scored: sql<number>`(select count(*)::int from ${bidScores} where ${bidScores.invitationId} = ${reviewInvitations.id})`,
    })
    .from(reviewInvitations)
    .innerJoin(users, eq(users.id, reviewInvitations.reviewerUserId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(reviewInvitations.needId, need.id))
    .orderBy(asc(reviewInvitations.invitedAt));
  const sealed = sealedFromEvaluators(need);
  const bidderOrgs = sealed ? new Set<string>() : await biddingOrgs(db, need.id);
  return rows.map((r) => ({
    id: r.invitation.id,
    reviewer: { id: r.invitation.reviewerUserId, name: r.name, email: r.email, orgName: r.orgName },
    coiStatus: r.invitation.coiStatus,
    coiText: r.invitation.coiText,
    coiDeclaredAt: r.invitation.coiDeclaredAt,
    invitedAt: r.invitation.invitedAt,
    revokedAt: r.invitation.revokedAt,
    excludedAsBidder: !!r.orgId && bidderOrgs.has(r.orgId),
    scored: r.scored,
  }));
}

/** Organisations with any bid (drafts included) on the need: their people cannot judge their rivals. */
export async function biddingOrgs(db: Db, needId: string): Promise<Set<string>> {
  const rows = await db.selectDistinct({ orgId: bids.orgId }).from(bids).where(eq(bids.needId, needId));
  return new Set(rows.map((r) => r.orgId));
}

/** The signed-in user's review invitations (not revoked), newest first, with where they stand on each. */
export async function myInvitations(db: Db, actor: MemberActor) {
  const rows = await db
    .select({
      invitation: reviewInvitations,
      need: { id: needs.id, title: needs.title, mode: needs.mode, status: needs.status, bidDeadline: needs.bidDeadline, rubric: needs.rubric },
    })
    .from(reviewInvitations)
    .innerJoin(needs, eq(needs.id, reviewInvitations.needId))
    .where(and(eq(reviewInvitations.reviewerUserId, actor.userId), isNull(reviewInvitations.revokedAt)))
    .orderBy(desc(reviewInvitations.invitedAt))
    .limit(200);
  const scoredRows = rows.length
    ? await db
        .select({ invitationId: bidScores.invitationId, n: count() })
        .from(bidScores)
        .where(
          inArray(
            bidScores.invitationId,
            rows.map((r) => r.invitation.id),
          ),
        )
        .groupBy(bidScores.invitationId)
    : [];
  const scored = new Map(scoredRows.map((r) => [r.invitationId, r.n]));
  return Promise.all(
    rows.map(async ({ invitation, need }) => ({
      id: invitation.id,
      need,
      coiStatus: invitation.coiStatus,
      coiText: invitation.coiText,
      invitedAt: invitation.invitedAt,
      standing: (await standingOf(db, actor, need, invitation)) satisfies ReviewerStanding,
      scored: scored.get(invitation.id) ?? 0,
    })),
  );
}

/**
 * The reviewer's declaration: `pending` → no conflict or a conflict; no conflict → a conflict found later
 * (the reviewer is then excluded and their scores stop counting). A declared conflict is final.
 */
export async function declareCoi(db: Db, actor: MemberActor, input: { invitationId: string; hasConflict: boolean; text: string }) {
  return inTransaction(db, async (tx) => {
    const [found] = await tx
      .select({ invitation: reviewInvitations, need: needs })
      .from(reviewInvitations)
      .innerJoin(needs, eq(needs.id, reviewInvitations.needId))
      .where(and(eq(reviewInvitations.id, input.invitationId), eq(reviewInvitations.reviewerUserId, actor.userId), isNull(reviewInvitations.revokedAt)))
      .for('update');
    if (!found) throw notFound();
    const { invitation, need } = found;
    if (!REVIEWABLE.includes(need.status)) throw conflict('reviews.needNotReviewable', { status: need.status });
    const to = input.hasConflict ? 'conflict' : 'none';
    if (invitation.coiStatus === 'conflict') throw conflict('reviews.coiFinal');
    if (invitation.coiStatus === 'none' && to === 'none') throw conflict('reviews.coiAlreadyDeclared');
    const [row] = await tx
      .update(reviewInvitations)
      .set({ coiStatus: to, coiText: input.hasConflict ? input.text : null, coiDeclaredAt: now() })
      .where(and(eq(reviewInvitations.id, invitation.id), eq(reviewInvitations.coiStatus, invitation.coiStatus)))
      .returning();
    if (!row) throw conflict('reviews.coiAlreadyDeclared');
    await audit(tx, actor, {
      action: 'review.declareCoi',
      entityType: 'reviewInvitation',
      entityId: row.id,
      orgId: need.ownerOrgId,
      before: { coiStatus: invitation.coiStatus },
      after: { coiStatus: row.coiStatus, ...(row.coiText ? { coiText: row.coiText } : {}) },
    });
    return { id: row.id, coiStatus: row.coiStatus, standing: await standingOf(tx, actor, need, row) };
  });
}
