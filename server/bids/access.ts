import { and, arrayContains, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bidRevisions, bids, needs, reviewInvitations } from '@/db/schema';
import type { Actor } from '../actor';
import { now } from '../clock';
import { can, type Action } from '../permissions';
import type { BidStatus } from './inputs';

/**
 * SEALING (SPEC §3): who may read which bid. Every read of a bid — by id, in a list, in a count, in the
 * review screens — asks this module, and anyone it does not name gets NOT_FOUND, exactly as for a bid
 * that does not exist.
 *
 * - `team`: members of the bidding team, every state and every revision of their own bid.
 * - `owner`: members of the organisation that owns the need, bids in competition or decided (never
 *   drafts or withdrawn bids); in `jiebang` mode only once the deadline has passed — before it, not even
 *   their number.
 * - `bureau`: any bid but drafts once bidding is over (the deadline passed, or the need left bidding).
 *   A dispute only arises on a contract, i.e. after the award, so this covers "in a dispute" as well.
 * - `reviewer`: a user invited to review the need who declared no conflict of interest, whose own
 *   organisation has no bid on the need, and — in `jiebang` mode — once the deadline has passed.
 * Other bidders are none of these: nothing of another team's bid reaches them.
 */
export type BidReader = 'team' | 'owner' | 'bureau' | 'reviewer';

type NeedRow = typeof needs.$inferSelect;
type NeedTimes = Pick<NeedRow, 'mode' | 'status' | 'bidDeadline'>;

/** What the owner and reviewers see: bids in competition and decided ones. */
export const VISIBLE_TO_EVALUATORS: readonly BidStatus[] = ['submitted', 'revised', 'awarded', 'not_awarded', 'need_cancelled'];
/** The bureau also sees withdrawn bids (oversight); drafts are the team's alone. */
export const VISIBLE_TO_BUREAU: readonly BidStatus[] = ['submitted', 'revised', 'withdrawn', 'awarded', 'not_awarded', 'need_cancelled'];

export function deadlinePassed(need: Pick<NeedRow, 'bidDeadline'>, at: Date = now()): boolean {
  return !!need.bidDeadline && need.bidDeadline.getTime() <= at.getTime();
}

/** `jiebang`: the owner (and reviewers) see nothing of the bids before the deadline. */
export function sealedFromEvaluators(need: NeedTimes, at: Date = now()): boolean {
  return need.mode === 'jiebang' && !deadlinePassed(need, at);
}

/** Bidding is over: the deadline passed, or the need moved on (an `open` need closed early). */
export function biddingOver(need: NeedTimes, at: Date = now()): boolean {
  return deadlinePassed(need, at) || ['closed', 'evaluating', 'awarded', 'completed'].includes(need.status);
}

export function actorCan(actor: Actor | null, action: Action): boolean {
  const org = actor?.org;
  return !!org && can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, action);
}

export type InvitationRow = typeof reviewInvitations.$inferSelect;

/**
 * Where an invited reviewer stands on a need: `active` may read and score; `coiPending` must declare
 * first; `conflict` declared one (excluded); `bidder` belongs to an organisation that bid on the need
 * (excluded whatever was declared); `sealed` waits for a `jiebang` deadline. null: not (or no longer)
 * invited.
 */
export type ReviewerStanding = 'active' | 'coiPending' | 'conflict' | 'bidder' | 'sealed';

export async function reviewerStanding(
  db: Db,
  actor: Actor | null,
  need: NeedTimes & Pick<NeedRow, 'id'>,
): Promise<{ invitation: InvitationRow; standing: ReviewerStanding } | null> {
  if (!actor || !actorCan(actor, 'review.score')) return null;
  const [invitation] = await db
    .select()
    .from(reviewInvitations)
    .where(and(eq(reviewInvitations.needId, need.id), eq(reviewInvitations.reviewerUserId, actor.userId)))
    .limit(1);
  if (!invitation || invitation.revokedAt) return null;
  return { invitation, standing: await standingOf(db, actor, need, invitation) };
}

export async function standingOf(db: Db, actor: Actor, need: NeedTimes & Pick<NeedRow, 'id'>, invitation: InvitationRow): Promise<ReviewerStanding> {
  if (invitation.coiStatus === 'conflict') return 'conflict';
  if (actor.org && (await orgHasBid(db, need.id, actor.org.id))) return 'bidder';
  if (invitation.coiStatus === 'pending') return 'coiPending';
  if (sealedFromEvaluators(need)) return 'sealed';
  return 'active';
}

/** Any bid at all (drafts included) by the organisation: a reviewer from it judges its rivals. */
export async function orgHasBid(db: Db, needId: string, orgId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: bids.id })
    .from(bids)
    .where(and(eq(bids.needId, needId), eq(bids.orgId, orgId)))
    .limit(1);
  return !!row;
}

/** How `actor` may read `bid` of `need`, or null (the caller answers NOT_FOUND). */
export async function bidReader(db: Db, actor: Actor | null, need: NeedRow, bid: { orgId: string; status: BidStatus }): Promise<BidReader | null> {
  const org = actor?.org;
  if (!actor || !org) return null;
  if (org.id === bid.orgId) return actorCan(actor, 'bid.readOwn') ? 'team' : null;
  const at = now();
  if (org.id === need.ownerOrgId && actorCan(actor, 'bid.readReceived') && VISIBLE_TO_EVALUATORS.includes(bid.status) && !sealedFromEvaluators(need, at)) {
    return 'owner';
  }
  if (actorCan(actor, 'bid.readAll') && VISIBLE_TO_BUREAU.includes(bid.status) && biddingOver(need, at)) return 'bureau';
  if (VISIBLE_TO_EVALUATORS.includes(bid.status)) {
    const reviewer = await reviewerStanding(db, actor, need);
    if (reviewer?.standing === 'active') return 'reviewer';
  }
  return null;
}

/**
 * Which bids of a need `actor` may list as owner or bureau: the statuses, or `sealed` (a `jiebang`
 * need before its deadline — the list answers with the deadline only, no count), or null when the
 * actor reads no bids of this need at all (NOT_FOUND).
 */
export function listScope(actor: Actor, need: NeedRow): { statuses: readonly BidStatus[] } | 'sealed' | null {
  const at = now();
  const isOwner = actor.org?.id === need.ownerOrgId && actorCan(actor, 'bid.readReceived');
  const isBureau = actorCan(actor, 'bid.readAll');
  if (isBureau && biddingOver(need, at)) return { statuses: VISIBLE_TO_BUREAU };
  if (isOwner) return sealedFromEvaluators(need, at) ? 'sealed' : { statuses: VISIBLE_TO_EVALUATORS };
  // The bureau may know a need has bids coming (it publishes lists itself), never how many or whose.
  if (isBureau && need.publishedAt) return 'sealed';
  return null;
}

/**
 * Whether `actor` may download a file the bidding team attached to a bid (a file of the team's, not of a
 * need): exactly those who may read a submitted revision citing it. For server/files' download check.
 */
export async function canReadBidAttachment(db: Db, actor: Actor | null, attachmentId: string): Promise<boolean> {
  if (!actor?.org) return false;
  const citing = await db
    .select({ bid: { orgId: bids.orgId, status: bids.status }, need: needs })
    .from(bidRevisions)
    .innerJoin(bids, eq(bids.id, bidRevisions.bidId))
    .innerJoin(needs, eq(needs.id, bids.needId))
    .where(and(arrayContains(bidRevisions.attachmentIds, [attachmentId]), isNotNull(bidRevisions.submittedAt)))
    .limit(20);
  for (const { bid, need } of citing) if (await bidReader(db, actor, need, bid)) return true;
  return false;
}
