import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bidRevisions, bidScores, bids, needs, organizations, type RubricCriterion } from '@/db/schema';
import type { MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { reviewerStanding, VISIBLE_TO_EVALUATORS, type InvitationRow, type ReviewerStanding } from '../bids/access';
import { COMPETING } from '../bids/states';
import { now } from '../clock';
import { creditSummaries } from '../credit/queries';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { matchScoresForNeed } from '../matching/matches';
import { applyNeedEvent } from '../needs/states';
import { inTransaction } from '../transaction';
import type { ScoreBidInput } from './inputs';

/**
 * Scoring (SPEC §3): an active reviewer scores each bid of the need on the need's rubric. Each criterion
 * takes 0 … its weight (one decimal), so the total is the weighted score out of 100 with no further
 * arithmetic, and a reviewer sees at once what each criterion is worth. Scores are editable until the award.
 */

type NeedRow = typeof needs.$inferSelect;

/** Scoring happens once bidding is over and until the award: every reviewer judges the final bids. */
const SCORING: readonly NeedRow['status'][] = ['closed', 'evaluating'];

/**
 * The refusal for a reviewer who may not read bids yet or at all. Not invited (or revoked): NOT_FOUND,
 * like a need that does not exist. The others know they are invited, and learn nothing about bids.
 */
function refuseStanding(standing: Exclude<ReviewerStanding, 'active' | 'sealed'> | null): never {
  if (!standing) throw notFound();
  if (standing === 'coiPending') throw new AppError('PRECONDITION_FAILED', 'reviews.coiRequired');
  // A declared conflict and membership of a bidding organisation exclude alike.
  throw new AppError('FORBIDDEN', 'reviews.excluded');
}

async function activeReviewer(db: Db, actor: MemberActor, need: NeedRow): Promise<{ invitation: InvitationRow; sealed: boolean }> {
  const found = await reviewerStanding(db, actor, need);
  if (!found) refuseStanding(null);
  if (found.standing === 'sealed') return { invitation: found.invitation, sealed: true };
  if (found.standing !== 'active') refuseStanding(found.standing);
  return { invitation: found.invitation, sealed: false };
}

/**
 * The bids a reviewer scores, with their own scores so far and each team's credit grade and match score: only for an invited reviewer who declared no
 * conflict; a `jiebang` list answers `sealed` with its deadline until then.
 */
export async function reviewerBids(db: Db, actor: MemberActor, needId: string) {
  const [need] = await db.select().from(needs).where(eq(needs.id, needId)).limit(1);
  if (!need) throw notFound();
  const { invitation, sealed } = await activeReviewer(db, actor, need);
  const base = { need: { id: need.id, title: need.title, mode: need.mode, status: need.status, bidDeadline: need.bidDeadline }, rubric: need.rubric };
  if (sealed) return { ...base, sealed: true as const, sealedUntil: need.bidDeadline };
  const rows = await db
    .select({
      id: bids.id,
      status: bids.status,
      team: { id: organizations.id, name: organizations.name, hostInstitution: organizations.hostInstitution },
      price: bidRevisions.price,
      revision: bidRevisions.number,
      submittedAt: bids.submittedAt,
    })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.orgId))
    .leftJoin(bidRevisions, eq(bidRevisions.id, bids.currentRevisionId))
    .where(and(eq(bids.needId, need.id), inArray(bids.status, [...VISIBLE_TO_EVALUATORS])))
    .orderBy(asc(bids.submittedAt), asc(bids.id));
  const teamIds = rows.map((r) => r.team.id);
  const [mine, credit, match] = await Promise.all([
    db.select().from(bidScores).where(eq(bidScores.invitationId, invitation.id)),
    creditSummaries(db, teamIds),
    matchScoresForNeed(db, need, teamIds),
  ]);
  return {
    ...base,
    sealed: false as const,
    invitationId: invitation.id,
    canScore: SCORING.includes(need.status),
    items: rows.map((r) => {
      const score = mine.find((s) => s.bidId === r.id);
      return {
        ...r,
        myScore: score ? { scores: score.scores, total: score.total, comment: score.comment, updatedAt: score.updatedAt } : null,
        // The platform's view of the team beside the reviewer's own judgement (server/credit, server/matching).
        creditGrade: credit.get(r.team.id)?.grade ?? null,
        creditScore: credit.get(r.team.id)?.score ?? null,
        matchScore: match.get(r.team.id) ?? null,
      };
    }),
  };
}

/** Every criterion of the rubric present, none foreign, each within 0 … its weight at one decimal. */
function checkScores(rubric: RubricCriterion[], scores: Record<string, number>): number {
  const fields: Record<string, string> = {};
  for (const c of rubric) {
    const v = scores[c.key];
    if (v === undefined) fields[`scores.${c.key}`] = 'v.review.scoreRequired';
    else if (v < 0 || v > c.weight || Math.abs(v * 10 - Math.round(v * 10)) > 1e-6) fields[`scores.${c.key}`] = 'v.review.scoreRange';
  }
  for (const key of Object.keys(scores)) if (!rubric.some((c) => c.key === key)) fields[`scores.${key}`] = 'v.review.scoreUnknown';
  if (Object.keys(fields).length > 0) throw badRequest('reviews.invalidScores', fields);
  // Tenths as integers, so the total is exact.
  return rubric.reduce((sum, c) => sum + Math.round((scores[c.key] ?? 0) * 10), 0) / 10;
}

/**
 * Saves (or replaces) the reviewer's score of one bid. The first score on a need still `closed` starts its
 * evaluation (`reviewStarted`, in the same transaction).
 */
export async function scoreBid(db: Db, actor: MemberActor, input: ScoreBidInput) {
  return inTransaction(db, async (tx, afterCommit) => {
    const [found] = await tx.select({ bid: bids }).from(bids).where(eq(bids.id, input.bidId)).limit(1);
    if (!found) throw notFound();
    // The need is locked so that scoring and the award never interleave.
    const [need] = await tx.select().from(needs).where(eq(needs.id, found.bid.needId)).for('update');
    if (!need) throw notFound();
    // By bid id, every reviewer who may not read it yet gets NOT_FOUND: an id is no oracle for a bid's existence.
    const standing = await reviewerStanding(tx, actor, need);
    const bid = found.bid;
    if (standing?.standing !== 'active' || !VISIBLE_TO_EVALUATORS.includes(bid.status)) throw notFound();
    const { invitation } = standing;
    if (!SCORING.includes(need.status) || !COMPETING.includes(bid.status)) {
      throw conflict(need.status === 'published' ? 'reviews.biddingStillOpen' : 'reviews.scoringClosed');
    }
    const total = checkScores(need.rubric, input.scores);
    const scores = Object.fromEntries(need.rubric.map((c) => [c.key, input.scores[c.key] ?? 0]));
    const at = now();
    const [before] = await tx
      .select()
      .from(bidScores)
      .where(and(eq(bidScores.invitationId, invitation.id), eq(bidScores.bidId, bid.id)))
      .for('update');
    const [row] = before
      ? await tx
          .update(bidScores)
          .set({ scores, total: total.toFixed(2), comment: input.comment, updatedAt: at })
          .where(eq(bidScores.id, before.id))
          .returning()
      : await tx
          .insert(bidScores)
          .values({ invitationId: invitation.id, bidId: bid.id, needId: need.id, scores, total: total.toFixed(2), comment: input.comment, createdAt: at, updatedAt: at })
          .returning();
    if (!row) throw new Error('score write returned no row');
    await audit(tx, actor, {
      action: 'review.score',
      // The score is the record (it names its bid): the row also shows in the reviewer's own organisation's
      // log, which must not learn bid ids of a need it does not review.
      entityType: 'bidScore',
      entityId: row.id,
      orgId: need.ownerOrgId,
      before: before ? { scores: before.scores, total: before.total } : null,
      after: { scores: row.scores, total: row.total, invitationId: invitation.id },
    });
    if (need.status === 'closed') await applyNeedEvent(tx, afterCommit, null, need, 'reviewStarted');
    return { bidId: bid.id, scores: row.scores, total: row.total, comment: row.comment, updatedAt: row.updatedAt };
  });
}
