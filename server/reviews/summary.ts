import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bidFeedback, bidRevisions, bids, bidScores, memberships, needs, organizations, reviewInvitations } from '@/db/schema';
import type { MemberActor } from '../actor';
import { listScope, VISIBLE_TO_EVALUATORS } from '../bids/access';
import { creditSummaries } from '../credit/queries';
import { notFound } from '../errors';
import { matchScoresForNeed } from '../matching/matches';
import { biddingOrgs } from './invitations';

/**
 * The owner's evaluation table (SPEC §3): per bid, each rubric criterion's and the total's average and
 * spread (min, max, population standard deviation) over the reviewers whose scores count, beside the
 * platform's credit score and grade (server/credit) and match score — null while the platform has none,
 * never made up. Scores count from reviewers still invited, who declared no conflict, and whose
 * organisation has no bid on the need.
 */

export interface Spread {
  mean: number;
  min: number;
  max: number;
  stddev: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean: round2(mean), min: Math.min(...values), max: Math.max(...values), stddev: round2(Math.sqrt(variance)) };
}

export async function evaluationSummary(db: Db, actor: MemberActor, needId: string) {
  const [need] = await db.select().from(needs).where(eq(needs.id, needId)).limit(1);
  if (!need) throw notFound();
  const scope = listScope(actor, need);
  if (!scope) throw notFound();
  const head = { need: { id: need.id, title: need.title, mode: need.mode, status: need.status, bidDeadline: need.bidDeadline, awardCount: need.awardCount }, rubric: need.rubric };
  if (scope === 'sealed') return { ...head, sealed: true as const, sealedUntil: need.bidDeadline };

  const statuses = scope.statuses.filter((s) => VISIBLE_TO_EVALUATORS.includes(s));
  const rows = await db
    .select({
      id: bids.id,
      status: bids.status,
      team: { id: organizations.id, name: organizations.name, hostInstitution: organizations.hostInstitution },
      price: bidRevisions.price,
      revision: bidRevisions.number,
      submittedAt: bids.submittedAt,
      feedbackCode: bidFeedback.code,
      feedbackText: bidFeedback.text,
    })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.orgId))
    .leftJoin(bidRevisions, eq(bidRevisions.id, bids.currentRevisionId))
    .leftJoin(bidFeedback, eq(bidFeedback.bidId, bids.id))
    .where(and(eq(bids.needId, need.id), inArray(bids.status, statuses)))
    .orderBy(asc(bids.submittedAt), asc(bids.id));

  const invitations = await db
    .select({ id: reviewInvitations.id, coiStatus: reviewInvitations.coiStatus, revokedAt: reviewInvitations.revokedAt, orgId: memberships.orgId })
    .from(reviewInvitations)
    .leftJoin(memberships, eq(memberships.userId, reviewInvitations.reviewerUserId))
    .where(eq(reviewInvitations.needId, need.id));
  const bidders = await biddingOrgs(db, need.id);
  const counting = new Set(invitations.filter((i) => !i.revokedAt && i.coiStatus === 'none' && !(i.orgId && bidders.has(i.orgId))).map((i) => i.id));
  const scores = (await db.select().from(bidScores).where(eq(bidScores.needId, need.id))).filter((s) => counting.has(s.invitationId));
  const teamIds = rows.map((r) => r.team.id);
  const [credit, match] = await Promise.all([creditSummaries(db, teamIds), matchScoresForNeed(db, need, teamIds)]);

  return {
    ...head,
    sealed: false as const,
    reviewers: { invited: invitations.filter((i) => !i.revokedAt).length, counting: counting.size },
    items: rows.map(({ feedbackCode, feedbackText, ...bid }) => {
      const own = scores.filter((s) => s.bidId === bid.id);
      return {
        ...bid,
        feedback: feedbackCode ? { code: feedbackCode, text: feedbackText ?? '' } : null,
        reviewCount: own.length,
        criteria: Object.fromEntries(need.rubric.map((c) => [c.key, spread(own.map((s) => s.scores[c.key] ?? 0))])),
        total: spread(own.map((s) => Number(s.total))),
        creditScore: credit.get(bid.team.id)?.score ?? null,
        creditGrade: credit.get(bid.team.id)?.grade ?? null,
        matchScore: match.get(bid.team.id) ?? null,
      };
    }),
  };
}
