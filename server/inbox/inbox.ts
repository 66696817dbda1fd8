import { and, asc, count, eq, gte, inArray, isNull, lte, notExists, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  bids,
  bidScores,
  contractDisputes,
  contractMilestones,
  contractRatings,
  contracts,
  needs,
  organizations,
  reviewInvitations,
} from '@/db/schema';
import type { Actor } from '../actor';
import { now } from '../clock';
import { ANSWER_WINDOW_DAYS, DAY_MS, RATING_BLIND_DAYS } from '../contracts/states';
import { can, type Action } from '../permissions';

/**
 * 待办: what waits for the actor, across the marketplace — one query per kind of pending act, each scoped to
 * what the actor may do now (its organisation's side, its role, its own reviewer invitations). Items carry only
 * what the actor may already see; in particular "ratings to give" says nothing of the other side's rating.
 */

export type InboxItem =
  /** An invited reviewer must declare conflicts of interest before seeing bids. */
  | { kind: 'review.declareCoi'; needId: string; title: string; at: Date }
  /** An invited reviewer (no conflict) has bids left to score. */
  | { kind: 'review.score'; needId: string; title: string; pending: number; at: Date }
  /** The owner's need is closed or under evaluation with bids to evaluate and award. */
  | { kind: 'need.evaluate'; needId: string; title: string; bids: number; status: string; at: Date }
  /** The client must accept or reject a submitted deliverable. */
  | { kind: 'milestone.review'; contractId: string; milestoneId: string; subject: string; seq: number; at: Date; escalationOpensAt: Date }
  /** The client owes the amount of an accepted milestone. */
  | { kind: 'payment.due'; contractId: string; milestoneId: string; subject: string; seq: number; amount: string; at: Date }
  /** The team has a deliverable to submit (or resubmit after a rejection). */
  | { kind: 'milestone.deliver'; contractId: string; milestoneId: string; subject: string; seq: number; dueDate: string; rejected: boolean; at: Date }
  /** The team's submission went unanswered for 14 days: it may escalate. */
  | { kind: 'milestone.escalate'; contractId: string; milestoneId: string; subject: string; seq: number; at: Date }
  /** The actor's side has not rated a contract that ended normally; the window closes at `closesAt`. */
  | { kind: 'rating.give'; contractId: string; subject: string; closesAt: Date; at: Date }
  /** The bureau has a dispute or escalation to rule on. */
  | { kind: 'dispute.rule'; disputeId: string; contractId: string; subject: string; disputeKind: string; at: Date }
  /** The bureau has an organisation waiting for verification. */
  | { kind: 'org.verify'; orgId: string; name: string; orgKind: string; at: Date };

/** Each kind lists at most this many items, oldest first (the pages link to the full lists). */
const PER_KIND = 50;

function may(actor: Actor, action: Action): boolean {
  const org = actor.org;
  return !!org && can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, action);
}

export async function inbox(db: Db, actor: Actor): Promise<{ items: InboxItem[]; counts: Partial<Record<InboxItem['kind'], number>> }> {
  const at = now();
  const org = actor.org;
  const groups: InboxItem[][] = [];

  // Reviewer invitations are personal (any platform user may be invited).
  const invited = await db
    .select({ invitation: reviewInvitations, title: needs.title, status: needs.status, mode: needs.mode, bidDeadline: needs.bidDeadline })
    .from(reviewInvitations)
    .innerJoin(needs, eq(needs.id, reviewInvitations.needId))
    .where(
      and(
        eq(reviewInvitations.reviewerUserId, actor.userId),
        isNull(reviewInvitations.revokedAt),
        inArray(reviewInvitations.coiStatus, ['pending', 'none']),
        inArray(needs.status, ['published', 'closed', 'evaluating']),
      ),
    )
    .orderBy(asc(reviewInvitations.invitedAt))
    .limit(PER_KIND);
  const declare: InboxItem[] = [];
  const score: InboxItem[] = [];
  for (const row of invited) {
    const { invitation } = row;
    if (invitation.coiStatus === 'pending') {
      declare.push({ kind: 'review.declareCoi', needId: invitation.needId, title: row.title, at: invitation.invitedAt });
      continue;
    }
    // Scoring opens once bidding is over; a reviewer whose organisation bid is excluded (server/bids/access.ts).
    if (row.status === 'published' || (org && (await orgBid(db, invitation.needId, org.id)))) continue;
    const [pending] = await db
      .select({ n: count() })
      .from(bids)
      .where(
        and(
          eq(bids.needId, invitation.needId),
          inArray(bids.status, ['submitted', 'revised']),
          notExists(
            db
              .select({ one: sql`1` })
              .from(bidScores)
              .where(and(eq(bidScores.bidId, bids.id), eq(bidScores.invitationId, invitation.id))),
          ),
        ),
      );
    if (pending && pending.n > 0) score.push({ kind: 'review.score', needId: invitation.needId, title: row.title, pending: pending.n, at: invitation.coiDeclaredAt ?? invitation.invitedAt });
  }
  groups.push(declare, score);

  if (org) {
    // The owner: needs whose bids wait for evaluation and award.
    if (may(actor, 'need.award')) {
      const rows = await db
        .select({ id: needs.id, title: needs.title, status: needs.status, at: needs.updatedAt, bids: count(bids.id) })
        .from(needs)
        .innerJoin(bids, and(eq(bids.needId, needs.id), inArray(bids.status, ['submitted', 'revised'])))
        .where(and(eq(needs.ownerOrgId, org.id), inArray(needs.status, ['closed', 'evaluating'])))
        .groupBy(needs.id)
        .orderBy(asc(needs.updatedAt))
        .limit(PER_KIND);
      groups.push(rows.map((r) => ({ kind: 'need.evaluate', needId: r.id, title: r.title, bids: r.bids, status: r.status, at: r.at })));
    }

    // The client: submitted deliverables to answer, accepted milestones to pay.
    const asClient = eq(contracts.clientOrgId, org.id);
    if (may(actor, 'milestone.review')) {
      const rows = await db
        .select({ contractId: contracts.id, subject: contracts.subject, milestoneId: contractMilestones.id, seq: contractMilestones.seq, at: contractMilestones.submittedAt })
        .from(contractMilestones)
        .innerJoin(contracts, eq(contracts.id, contractMilestones.contractId))
        .where(and(asClient, eq(contracts.status, 'active'), eq(contractMilestones.status, 'submitted')))
        .orderBy(asc(contractMilestones.submittedAt))
        .limit(PER_KIND);
      groups.push(
        rows.map((r) => {
          const submitted = r.at ?? at;
          return {
            kind: 'milestone.review' as const,
            contractId: r.contractId,
            milestoneId: r.milestoneId,
            subject: r.subject,
            seq: r.seq,
            at: submitted,
            escalationOpensAt: new Date(submitted.getTime() + ANSWER_WINDOW_DAYS * DAY_MS),
          };
        }),
      );
    }
    if (may(actor, 'payment.record')) {
      const rows = await db
        .select({ contractId: contracts.id, subject: contracts.subject, milestoneId: contractMilestones.id, seq: contractMilestones.seq, amount: contractMilestones.amount, at: contractMilestones.acceptedAt })
        .from(contractMilestones)
        .innerJoin(contracts, eq(contracts.id, contractMilestones.contractId))
        .where(and(asClient, eq(contractMilestones.status, 'accepted')))
        .orderBy(asc(contractMilestones.acceptedAt))
        .limit(PER_KIND);
      groups.push(rows.map((r) => ({ kind: 'payment.due', contractId: r.contractId, milestoneId: r.milestoneId, subject: r.subject, seq: r.seq, amount: r.amount, at: r.at ?? at })));
    }

    // The team: deliverables to submit, and unanswered submissions it may escalate.
    if (may(actor, 'milestone.submit')) {
      const rows = await db
        .select({
          contractId: contracts.id,
          subject: contracts.subject,
          milestoneId: contractMilestones.id,
          seq: contractMilestones.seq,
          dueDate: contractMilestones.dueDate,
          status: contractMilestones.status,
          updatedAt: contractMilestones.updatedAt,
        })
        .from(contractMilestones)
        .innerJoin(contracts, eq(contracts.id, contractMilestones.contractId))
        .where(and(eq(contracts.providerOrgId, org.id), eq(contracts.status, 'active'), inArray(contractMilestones.status, ['pending', 'rejected'])))
        .orderBy(asc(contractMilestones.dueDate), asc(contractMilestones.seq))
        .limit(PER_KIND);
      groups.push(
        rows.map((r) => ({
          kind: 'milestone.deliver',
          contractId: r.contractId,
          milestoneId: r.milestoneId,
          subject: r.subject,
          seq: r.seq,
          dueDate: r.dueDate,
          rejected: r.status === 'rejected',
          at: r.updatedAt,
        })),
      );
    }
    if (may(actor, 'milestone.escalate')) {
      const rows = await db
        .select({ contractId: contracts.id, subject: contracts.subject, milestoneId: contractMilestones.id, seq: contractMilestones.seq, at: contractMilestones.submittedAt })
        .from(contractMilestones)
        .innerJoin(contracts, eq(contracts.id, contractMilestones.contractId))
        .where(
          and(
            eq(contracts.providerOrgId, org.id),
            eq(contracts.status, 'active'),
            eq(contractMilestones.status, 'submitted'),
            lte(contractMilestones.submittedAt, new Date(at.getTime() - ANSWER_WINDOW_DAYS * DAY_MS)),
          ),
        )
        .orderBy(asc(contractMilestones.submittedAt))
        .limit(PER_KIND);
      groups.push(rows.map((r) => ({ kind: 'milestone.escalate', contractId: r.contractId, milestoneId: r.milestoneId, subject: r.subject, seq: r.seq, at: r.at ?? at })));
    }

    // Either side: contracts that ended normally within the rating window and that this side has not rated.
    if (may(actor, 'rating.give')) {
      const windowStart = new Date(at.getTime() - RATING_BLIND_DAYS * DAY_MS);
      const mySide = sql`case when ${contracts.clientOrgId} = ${org.id} then 'client' else 'provider' end`;
      const rows = await db
        .select({ contractId: contracts.id, subject: contracts.subject, endedAt: contracts.endedAt })
        .from(contracts)
        .where(
          and(
            or(eq(contracts.clientOrgId, org.id), eq(contracts.providerOrgId, org.id)),
            inArray(contracts.status, ['completed', 'stage_closed']),
            gte(contracts.endedAt, windowStart),
            notExists(
              db
                .select({ one: sql`1` })
                .from(contractRatings)
                .where(and(eq(contractRatings.contractId, contracts.id), sql`${contractRatings.raterSide}::text = ${mySide}`)),
            ),
          ),
        )
        .orderBy(asc(contracts.endedAt))
        .limit(PER_KIND);
      groups.push(
        rows.map((r) => {
          const ended = r.endedAt ?? at;
          return { kind: 'rating.give', contractId: r.contractId, subject: r.subject, closesAt: new Date(ended.getTime() + RATING_BLIND_DAYS * DAY_MS), at: ended };
        }),
      );
    }

    // The bureau: disputes to rule on, organisations to verify.
    if (may(actor, 'dispute.rule')) {
      const rows = await db
        .select({ id: contractDisputes.id, contractId: contracts.id, subject: contracts.subject, kind: contractDisputes.kind, at: contractDisputes.openedAt })
        .from(contractDisputes)
        .innerJoin(contracts, eq(contracts.id, contractDisputes.contractId))
        .where(eq(contractDisputes.status, 'open'))
        .orderBy(asc(contractDisputes.openedAt))
        .limit(PER_KIND);
      groups.push(rows.map((r) => ({ kind: 'dispute.rule', disputeId: r.id, contractId: r.contractId, subject: r.subject, disputeKind: r.kind, at: r.at })));
    }
    if (may(actor, 'bureau.verifyOrg')) {
      const rows = await db
        .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, at: organizations.createdAt })
        .from(organizations)
        .where(eq(organizations.status, 'pending'))
        .orderBy(asc(organizations.createdAt))
        .limit(PER_KIND);
      groups.push(rows.map((r) => ({ kind: 'org.verify', orgId: r.id, name: r.name, orgKind: r.kind, at: r.at })));
    }
  }

  const items = groups.flat();
  const counts: Partial<Record<InboxItem['kind'], number>> = {};
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return { items, counts };
}

async function orgBid(db: Db, needId: string, orgId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: bids.id })
    .from(bids)
    .where(and(eq(bids.needId, needId), eq(bids.orgId, orgId)))
    .limit(1);
  return !!row;
}

