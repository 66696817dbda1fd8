import { and, asc, desc, eq, inArray, isNotNull, isNull, max } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { achievements, attachments, bidFeedback, bidRevisions, bids, needs, organizations } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { creditApplicant } from '../credit/queries';
import { answerInvitation } from '../matching/matches';
import { failedRules } from '../needs/eligibility';
import { inTransaction } from '../transaction';
import { bidReader, listScope, type BidReader } from './access';
import { centsToAmount, toCents, type BidContentInput, type BidDraftContentInput, type BidStatus } from './inputs';
import { applyBidEvent, auditBidEvent, availableBidEvents, biddingOpen, checkBidEvent, type BidRow } from './states';

/**
 * The bid acts (SPEC §3): a research team drafts, submits, revises and withdraws its one bid on a
 * published need until the deadline, every submitted revision kept; and the reads, each scoped by
 * access.ts so that nothing of a bid reaches anyone it does not name.
 */

type NeedRow = typeof needs.$inferSelect;
type RevisionRow = typeof bidRevisions.$inferSelect;
type Content = BidContentInput | BidDraftContentInput;

/** China has one time zone and no daylight saving: today's calendar date in the county. */
const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
export const localToday = () => LOCAL_DATE.format(now());

/**
 * The need a team may bid on: published (at some point) and not its own. Locked `for share` so the
 * deadline job (which takes it `for update`) waits for a bid being written, and bids on one need do not
 * wait for each other.
 */
async function biddableNeed(tx: Db, actor: MemberActor, needId: string): Promise<NeedRow> {
  const [need] = await tx.select().from(needs).where(eq(needs.id, needId)).for('share');
  if (!need || !need.publishedAt || need.ownerOrgId === actor.org.id) throw notFound();
  return need;
}

async function ownBidOn(tx: Db, actor: MemberActor, needId: string): Promise<BidRow | undefined> {
  const [bid] = await tx
    .select()
    .from(bids)
    .where(and(eq(bids.needId, needId), eq(bids.orgId, actor.org.id)))
    .for('update');
  return bid;
}

/** The team's own bid by id, locked, with its need; anything else is NOT_FOUND. */
async function ownBid(tx: Db, actor: MemberActor, bidId: string): Promise<{ bid: BidRow; need: NeedRow }> {
  const [bid] = await tx
    .select()
    .from(bids)
    .where(and(eq(bids.id, bidId), eq(bids.orgId, actor.org.id)))
    .for('update');
  if (!bid) throw notFound();
  const [need] = await tx.select().from(needs).where(eq(needs.id, bid.needId)).for('share');
  if (!need) throw notFound();
  return { bid, need };
}

/**
 * Eligibility at bid time, through the need's one list of rule kinds (server/needs/eligibility.ts).
 * The refusal names the team's own failed rules: it says nothing about anyone else.
 */
async function assertEligible(tx: Db, actor: MemberActor, need: NeedRow) {
  const { excluded, failed } = await eligibilityOf(tx, actor, need);
  if (excluded) throw new AppError('FORBIDDEN', 'credit.excluded');
  if (failed.length > 0) throw new AppError('FORBIDDEN', 'bids.notEligible', { rules: failed.map((r) => r.kind).join(',') });
}

/** Whether the team may bid on the need: excluded by its credit, and the need's rules it fails (each rule as stored). */
async function eligibilityOf(tx: Db, actor: MemberActor, need: NeedRow) {
  // A negative-listed organisation (or one under a serious-misconduct gate) cannot bid at all, whatever the rules.
  const credit = await creditApplicant(tx, actor.org.id);
  const applicant = { orgId: actor.org.id, status: actor.org.status, credit };
  return { excluded: credit.excluded, failed: need.eligibility.filter((rule) => failedRules([rule], applicant).length > 0) };
}

/**
 * What a submitted revision must satisfy beyond its shape: milestones due after today, a price above
 * zero, and in `jiebang` mode exactly the bounty (榜额 is fixed: the team proposes how, not how much).
 */
function assertSubmittable(need: NeedRow, content: BidContentInput) {
  const today = localToday();
  const fields: Record<string, string> = {};
  content.milestones.forEach((m, i) => {
    if (m.dueDate <= today) fields[`milestones.${i}.dueDate`] = 'v.bid.dueDatePast';
  });
  if (Object.keys(fields).length > 0) throw badRequest('bids.invalid', fields);
  const price = content.milestones.reduce((sum, m) => sum + toCents(m.amount), 0);
  if (need.mode === 'jiebang' && need.bounty !== null && price !== toCents(need.bounty)) {
    throw badRequest('bids.priceMustEqualBounty', { milestones: 'v.bid.priceMustEqualBounty' }, { bounty: need.bounty, price: centsToAmount(price) });
  }
}

/** Achievements and files must be the team's own (files: uploaded by the team, not a need's): others' ids are NOT_FOUND. */
async function assertOwnReferences(tx: Db, actor: MemberActor, content: Content) {
  if (content.achievementIds.length > 0) {
    const own = await tx
      .select({ id: achievements.id })
      .from(achievements)
      .where(and(inArray(achievements.id, content.achievementIds), eq(achievements.orgId, actor.org.id)));
    if (own.length !== content.achievementIds.length) throw notFound();
  }
  if (content.attachmentIds.length > 0) {
    const own = await tx
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(inArray(attachments.id, content.attachmentIds), eq(attachments.ownerOrgId, actor.org.id), isNull(attachments.needId)));
    if (own.length !== content.attachmentIds.length) throw notFound();
  }
}

function revisionValues(content: Content) {
  const price = content.milestones.reduce((sum, m) => sum + toCents(m.amount), 0);
  return {
    approach: content.approach,
    milestones: content.milestones.map((m) => ({ deliverable: m.deliverable, dueDate: m.dueDate, amount: centsToAmount(toCents(m.amount)) })),
    price: centsToAmount(price),
    teamMembers: content.teamMembers.map((t) => ({ name: t.name, role: t.role })),
    achievementIds: content.achievementIds,
    attachmentIds: content.attachmentIds,
  };
}

async function nextRevisionNumber(tx: Db, bidId: string): Promise<number> {
  const [row] = await tx.select({ n: max(bidRevisions.number) }).from(bidRevisions).where(eq(bidRevisions.bidId, bidId));
  return (row?.n ?? 0) + 1;
}

async function insertRevision(tx: Db, actor: MemberActor, bidId: string, content: Content, submitted: boolean): Promise<RevisionRow> {
  const at = now();
  const [row] = await tx
    .insert(bidRevisions)
    .values({
      bidId,
      number: await nextRevisionNumber(tx, bidId),
      ...revisionValues(content),
      authorUserId: actor.userId,
      createdAt: at,
      submittedAt: submitted ? at : null,
    })
    .returning();
  if (!row) throw new Error('insert bid revision returned no row');
  return row;
}

/** A new bid of the actor's team on `need`, in state `status`, with its first revision. */
async function insertBid(tx: Db, actor: MemberActor, need: NeedRow, status: 'draft' | 'submitted', content: Content) {
  const at = now();
  const [bid] = await tx
    .insert(bids)
    .values({ needId: need.id, orgId: actor.org.id, status, createdBy: actor.userId, createdAt: at, updatedAt: at, submittedAt: status === 'submitted' ? at : null })
    // Two members submitting at once: the unique (need, team) index lets one through.
    .onConflictDoNothing()
    .returning();
  if (!bid) throw conflict('bids.alreadyBid');
  const revision = await insertRevision(tx, actor, bid.id, content, status === 'submitted');
  const [row] = await tx.update(bids).set({ currentRevisionId: revision.id }).where(eq(bids.id, bid.id)).returning();
  if (!row) throw new Error('update bid returned no row');
  await auditBidEvent(tx, actor, { bid: row, event: status === 'draft' ? 'draft' : 'submit', from: 'none', details: { revision: revision.number } });
  return row;
}

const summaryOf = (bid: BidRow, revision: number) => ({ id: bid.id, needId: bid.needId, status: bid.status, revision, updatedAt: bid.updatedAt });

/**
 * Saves the team's draft (any member, pending organisations included): creates the bid as a draft, edits
 * the draft in place, or starts a new draft of a withdrawn bid. A bid already submitted → CONFLICT.
 */
export async function saveDraft(db: Db, actor: MemberActor, needId: string, content: BidDraftContentInput) {
  return inTransaction(db, async (tx) => {
    const need = await biddableNeed(tx, actor, needId);
    const existing = await ownBidOn(tx, actor, needId);
    if (!existing) {
      checkBidEvent(actor, need, null, 'none', 'draft');
      await assertOwnReferences(tx, actor, content);
      const bid = await insertBid(tx, actor, need, 'draft', content);
      return summaryOf(bid, 1);
    }
    if (existing.status === 'withdrawn') {
      checkBidEvent(actor, need, existing, existing.status, 'draft');
      await assertOwnReferences(tx, actor, content);
      const revision = await insertRevision(tx, actor, existing.id, content, false);
      const bid = await applyBidEvent(tx, actor, need, existing, 'draft', { set: { currentRevisionId: revision.id }, details: { revision: revision.number } });
      return summaryOf(bid, revision.number);
    }
    if (existing.status !== 'draft') throw conflict('bids.alreadyBid');
    // Editing a draft is no change of state, but the same gate: the team's draft right, bidding open.
    checkBidEvent(actor, need, existing, 'none', 'draft');
    if (!existing.currentRevisionId) throw new Error('draft bid without a revision');
    const [revision] = await tx
      .update(bidRevisions)
      .set({ ...revisionValues(content), authorUserId: actor.userId, createdAt: now() })
      .where(and(eq(bidRevisions.id, existing.currentRevisionId), isNull(bidRevisions.submittedAt)))
      .returning();
    if (!revision) throw conflict('bids.invalidTransition', { from: existing.status, event: 'draft' });
    const [bid] = await tx.update(bids).set({ updatedAt: now() }).where(eq(bids.id, existing.id)).returning();
    if (!bid) throw new Error('update bid returned no row');
    await audit(tx, actor, {
      action: 'bid.editDraft',
      entityType: 'bid',
      entityId: bid.id,
      orgId: bid.orgId,
      after: { status: bid.status, needId, revision: revision.number },
    });
    return summaryOf(bid, revision.number);
  });
}

/**
 * Submits the team's bid on a need (owner/admin of a verified team, eligible, before the deadline): a new
 * bid, the team's draft (its revision becomes the submitted one), or a withdrawn bid entered again (a new
 * revision). A team that already has a bid in competition → CONFLICT: it revises that one.
 */
export async function submitBid(db: Db, actor: MemberActor, needId: string, content: BidContentInput) {
  return inTransaction(db, async (tx, afterCommit) => {
    const need = await biddableNeed(tx, actor, needId);
    const existing = await ownBidOn(tx, actor, needId);
    const from = existing?.status ?? 'none';
    if (from === 'submitted' || from === 'revised') throw conflict('bids.alreadyBid');
    checkBidEvent(actor, need, existing ?? null, from, 'submit');
    await assertEligible(tx, actor, need);
    assertSubmittable(need, content);
    await assertOwnReferences(tx, actor, content);
    // Bidding answers an invitation to bid on this need, if the team had one (its responsiveness).
    await answerInvitation(tx, afterCommit, { needId: need.id, ownerOrgId: need.ownerOrgId, teamOrgId: actor.org.id, answer: 'bid' });
    if (!existing) return summaryOf(await insertBid(tx, actor, need, 'submitted', content), 1);
    const at = now();
    let revision: RevisionRow | undefined;
    if (existing.status === 'draft' && existing.currentRevisionId) {
      [revision] = await tx
        .update(bidRevisions)
        .set({ ...revisionValues(content), authorUserId: actor.userId, createdAt: at, submittedAt: at })
        .where(and(eq(bidRevisions.id, existing.currentRevisionId), isNull(bidRevisions.submittedAt)))
        .returning();
    }
    revision ??= await insertRevision(tx, actor, existing.id, content, true);
    const bid = await applyBidEvent(tx, actor, need, existing, 'submit', {
      set: { currentRevisionId: revision.id, submittedAt: existing.submittedAt ?? at, withdrawnAt: null },
      details: { revision: revision.number },
    });
    return summaryOf(bid, revision.number);
  });
}

/** A new revision of the team's bid in competition, before the deadline; earlier revisions stay as they were. */
export async function reviseBid(db: Db, actor: MemberActor, bidId: string, content: BidContentInput) {
  return inTransaction(db, async (tx) => {
    const { bid, need } = await ownBid(tx, actor, bidId);
    checkBidEvent(actor, need, bid, bid.status, 'revise');
    await assertEligible(tx, actor, need);
    assertSubmittable(need, content);
    await assertOwnReferences(tx, actor, content);
    const revision = await insertRevision(tx, actor, bid.id, content, true);
    const updated = await applyBidEvent(tx, actor, need, bid, 'revise', { set: { currentRevisionId: revision.id }, details: { revision: revision.number } });
    return summaryOf(updated, revision.number);
  });
}

/** The team takes its bid out of the competition, before the deadline (it may submit it again while bidding is open). */
export async function withdrawBid(db: Db, actor: MemberActor, bidId: string) {
  return inTransaction(db, async (tx) => {
    const { bid, need } = await ownBid(tx, actor, bidId);
    const updated = await applyBidEvent(tx, actor, need, bid, 'withdraw', { set: { withdrawnAt: now() } });
    return summaryOf(updated, await currentNumber(tx, updated));
  });
}

/** Drops the team's draft (it never left the team); the bid can be drafted or submitted again. */
export async function discardDraft(db: Db, actor: MemberActor, bidId: string) {
  return inTransaction(db, async (tx) => {
    const { bid, need } = await ownBid(tx, actor, bidId);
    const updated = await applyBidEvent(tx, actor, need, bid, 'discard', { set: { withdrawnAt: now() } });
    return summaryOf(updated, await currentNumber(tx, updated));
  });
}

async function currentNumber(db: Db, bid: BidRow): Promise<number> {
  if (!bid.currentRevisionId) return 0;
  const [row] = await db.select({ n: bidRevisions.number }).from(bidRevisions).where(eq(bidRevisions.id, bid.currentRevisionId));
  return row?.n ?? 0;
}

// ─── Reads ─────────────────────────────────────────────────────────────────────────────────────────

/** A revision's content with its references resolved — only the bidding team's own achievements and files. */
async function revisionView(db: Db, revision: RevisionRow, teamOrgId: string) {
  const cited = revision.achievementIds.length
    ? await db
        .select({ id: achievements.id, kind: achievements.kind, title: achievements.title, year: achievements.year })
        .from(achievements)
        .where(and(inArray(achievements.id, revision.achievementIds), eq(achievements.orgId, teamOrgId)))
    : [];
  const files = revision.attachmentIds.length
    ? await db
        .select({ id: attachments.id, name: attachments.originalName, contentType: attachments.contentType, size: attachments.size })
        .from(attachments)
        .where(and(inArray(attachments.id, revision.attachmentIds), eq(attachments.ownerOrgId, teamOrgId)))
    : [];
  const order = <T extends { id: string }>(rows: T[], ids: string[]) => ids.flatMap((id) => rows.filter((r) => r.id === id));
  return {
    number: revision.number,
    approach: revision.approach,
    milestones: revision.milestones,
    price: revision.price,
    teamMembers: revision.teamMembers,
    achievements: order(cited, revision.achievementIds),
    attachments: order(files, revision.attachmentIds),
    createdAt: revision.createdAt,
    submittedAt: revision.submittedAt,
  };
}

/**
 * One bid as `actor` may read it (access.ts decides), at its current revision or at `revision`. The team
 * sees every revision, drafts included, and its feedback once the award has been made; the owner, the
 * bureau and reviewers see submitted revisions only. The credit and match scores are the credit-model
 * issue's: null until it fills them, never invented.
 */
export async function getBid(db: Db, actor: Actor | null, bidId: string, revisionNumber?: number) {
  const [row] = await db
    .select({ bid: bids, need: needs, team: { id: organizations.id, name: organizations.name, hostInstitution: organizations.hostInstitution } })
    .from(bids)
    .innerJoin(needs, eq(needs.id, bids.needId))
    .innerJoin(organizations, eq(organizations.id, bids.orgId))
    .where(eq(bids.id, bidId))
    .limit(1);
  if (!row) throw notFound();
  const { bid, need, team } = row;
  const reader = await bidReader(db, actor, need, bid);
  if (!reader || !actor) throw notFound();
  const isTeam = reader === 'team';
  const revisions = await db
    .select({ id: bidRevisions.id, number: bidRevisions.number, createdAt: bidRevisions.createdAt, submittedAt: bidRevisions.submittedAt })
    .from(bidRevisions)
    .where(isTeam ? eq(bidRevisions.bidId, bid.id) : and(eq(bidRevisions.bidId, bid.id), isNotNull(bidRevisions.submittedAt)))
    .orderBy(asc(bidRevisions.number));
  const wanted =
    revisionNumber !== undefined
      ? revisions.find((r) => r.number === revisionNumber)
      : (revisions.find((r) => r.id === bid.currentRevisionId) ?? revisions.at(-1));
  if (!wanted) throw notFound();
  const [revision] = await db.select().from(bidRevisions).where(eq(bidRevisions.id, wanted.id));
  if (!revision) throw notFound();
  const [feedback] = await db.select({ code: bidFeedback.code, text: bidFeedback.text }).from(bidFeedback).where(eq(bidFeedback.bidId, bid.id));
  // The team learns why only once the award is final; until then the owner may still change it.
  const showFeedback = reader === 'owner' || reader === 'bureau' || (isTeam && bid.status === 'not_awarded');
  return {
    id: bid.id,
    reader: reader satisfies BidReader,
    status: bid.status,
    need: {
      id: need.id,
      title: need.title,
      mode: need.mode,
      status: need.status,
      bidDeadline: need.bidDeadline,
      bounty: need.bounty,
      budgetMin: need.budgetMin,
      budgetMax: need.budgetMax,
    },
    team,
    revision: await revisionView(db, revision, bid.orgId),
    revisions: revisions.map((r) => ({ number: r.number, createdAt: r.createdAt, submittedAt: r.submittedAt, current: r.id === bid.currentRevisionId })),
    createdAt: bid.createdAt,
    submittedAt: bid.submittedAt,
    updatedAt: bid.updatedAt,
    withdrawnAt: bid.withdrawnAt,
    decidedAt: bid.decidedAt,
    feedback: showFeedback ? (feedback ?? null) : null,
    creditScore: null,
    matchScore: null,
    events: isTeam && actor.org ? availableBidEvents(bid.status, need, actor as MemberActor) : [],
  };
}

/** A bid's list row: team, status, current revision's price and number. */
const listColumns = {
  id: bids.id,
  needId: bids.needId,
  status: bids.status,
  submittedAt: bids.submittedAt,
  updatedAt: bids.updatedAt,
  price: bidRevisions.price,
  revision: bidRevisions.number,
};

/** The team's own bids, newest change first, with each need's title, mode and deadline. */
export async function listMyBids(db: Db, actor: MemberActor, input: { status?: BidStatus; limit: number; offset: number }) {
  const where = input.status ? and(eq(bids.orgId, actor.org.id), eq(bids.status, input.status)) : eq(bids.orgId, actor.org.id);
  const rows = await db
    .select({
      ...listColumns,
      need: { id: needs.id, title: needs.title, mode: needs.mode, status: needs.status, bidDeadline: needs.bidDeadline },
    })
    .from(bids)
    .innerJoin(needs, eq(needs.id, bids.needId))
    .leftJoin(bidRevisions, eq(bidRevisions.id, bids.currentRevisionId))
    .where(where)
    .orderBy(desc(bids.updatedAt), desc(bids.id))
    .limit(input.limit + 1)
    .offset(input.offset);
  return { items: rows.slice(0, input.limit), hasMore: rows.length > input.limit };
}

/**
 * The team's bid on one need (for the bid form), or null, with what the team could do now. The need must
 * be one the team can see (published, not its own).
 */
export async function myBidOnNeed(db: Db, actor: MemberActor, needId: string) {
  const [need] = await db.select().from(needs).where(eq(needs.id, needId)).limit(1);
  if (!need || !need.publishedAt || need.ownerOrgId === actor.org.id) throw notFound();
  const [bid] = await db
    .select({ id: bids.id, status: bids.status })
    .from(bids)
    .where(and(eq(bids.needId, needId), eq(bids.orgId, actor.org.id)))
    .limit(1);
  return {
    biddingOpen: biddingOpen(need),
    // Why the team may not bid (the bid page says so before it writes anything).
    eligibility: await eligibilityOf(db, actor, need),
    bid: bid ? await getBid(db, actor, bid.id) : null,
    events: availableBidEvents(bid?.status ?? 'none', need, actor),
  };
}

/**
 * The bids of a need for its owner or the bureau, as access.ts scopes them: `{ sealed: true }` with the
 * deadline alone (no count) while a `jiebang` list is sealed, else the visible bids, oldest submission
 * first. Anyone else: NOT_FOUND.
 */
export async function listBidsForNeed(db: Db, actor: MemberActor, needId: string) {
  const [need] = await db.select().from(needs).where(eq(needs.id, needId)).limit(1);
  if (!need) throw notFound();
  const scope = listScope(actor, need);
  if (!scope) throw notFound();
  if (scope === 'sealed') return { sealed: true as const, sealedUntil: need.bidDeadline };
  const rows = await db
    .select({
      ...listColumns,
      team: { id: organizations.id, name: organizations.name, hostInstitution: organizations.hostInstitution },
      feedbackCode: bidFeedback.code,
      feedbackText: bidFeedback.text,
    })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.orgId))
    .leftJoin(bidRevisions, eq(bidRevisions.id, bids.currentRevisionId))
    .leftJoin(bidFeedback, eq(bidFeedback.bidId, bids.id))
    .where(and(eq(bids.needId, needId), inArray(bids.status, [...scope.statuses])))
    .orderBy(asc(bids.submittedAt), asc(bids.id));
  return {
    sealed: false as const,
    items: rows.map(({ feedbackCode, feedbackText, ...r }) => ({
      ...r,
      feedback: feedbackCode ? { code: feedbackCode, text: feedbackText ?? '' } : null,
      creditScore: null,
      matchScore: null,
    })),
  };
}
