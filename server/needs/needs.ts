import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments, DEFAULT_RUBRIC, needNdaAcceptances, needs, organizations } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { badRequest, conflict, notFound } from '../errors';
import { can } from '../permissions';
import { segmentForIndex } from '../search/segment';
import { inTransaction } from '../transaction';
import { withRequiredRules } from './eligibility';
import type { NeedFieldsInput, NeedStatus } from './inputs';
import { availableEvents, fireNeedEvent, type NeedRow } from './states';

/**
 * The need acts (SPEC §2): drafts, publication and the owner's other events, the public and the owner's
 * views, the owner's list. Status changes all go through states.ts.
 */

/** How much of the description goes into the search index (the start says what a need is about). */
const DESCRIPTION_INDEXED_CHARS = 1000;

/**
 * The search vector of a need, as an SQL value for insert/update (also used by bulk paths: the seed and
 * the benchmark): jieba tokens of the title at weight A, of keywords, summary and the description's start
 * at weight B, in PostgreSQL's 'simple' configuration.
 */
export function searchColumns(n: { title: string; summary: string; keywords: readonly string[]; description: string }) {
  const title = segmentForIndex(n.title);
  const body = segmentForIndex(n.keywords.join(' '), n.summary, n.description.slice(0, DESCRIPTION_INDEXED_CHARS));
  return {
    searchVector: sql<string>`setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${body}), 'B')`,
  };
}

const money = (n: number | null) => (n === null ? null : n.toFixed(2));

/** The stored form of an author's fields (amounts as numeric strings, required eligibility rules, search tokens). */
function storedFields(actor: MemberActor, input: NeedFieldsInput) {
  // SPEC §1: the bureau posts 揭榜挂帅 lists only.
  if (actor.org.kind === 'bureau' && input.mode !== 'jiebang') throw badRequest('needs.bureauJiebangOnly', { mode: 'needs.bureauJiebangOnly' });
  return {
    mode: input.mode,
    title: input.title,
    summary: input.summary,
    description: input.description,
    anonymous: input.anonymous,
    industryField: input.industryField,
    disciplines: input.disciplines,
    keywords: input.keywords,
    expectedResults: input.expectedResults,
    budgetMin: money(input.budgetMin),
    budgetMax: money(input.budgetMax),
    bounty: money(input.bounty),
    bidDeadline: input.bidDeadline,
    deliveryMonths: input.deliveryMonths,
    ipTerms: input.ipTerms,
    rubric: input.rubric ?? DEFAULT_RUBRIC,
    eligibility: withRequiredRules(input.mode, input.eligibility),
    awardCount: input.awardCount,
    annexText: input.annexText,
    ndaText: input.ndaText,
    ...searchColumns(input),
  };
}

/** What the audit log keeps of a need's content (not the search tokens). */
function auditable(row: NeedRow) {
  const { searchVector: _v, ...rest } = row;
  return rest;
}

export async function createDraft(db: Db, actor: MemberActor, input: NeedFieldsInput): Promise<NeedRow> {
  const values = storedFields(actor, input);
  return inTransaction(db, async (tx) => {
    const at = now();
    const [row] = await tx
      .insert(needs)
      .values({ ...values, ownerOrgId: actor.org.id, authorUserId: actor.userId, status: 'draft', createdAt: at, updatedAt: at })
      .returning();
    if (!row) throw new Error('insert need returned no row');
    await audit(tx, actor, { action: 'need.create', entityType: 'need', entityId: row.id, orgId: actor.org.id, after: auditable(row) });
    return row;
  });
}

/** Replaces a draft's fields. Only the owning organisation's drafts: anything else is NOT_FOUND or CONFLICT. */
export async function updateDraft(db: Db, actor: MemberActor, id: string, input: NeedFieldsInput): Promise<NeedRow> {
  const values = storedFields(actor, input);
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(needs)
      .where(and(eq(needs.id, id), eq(needs.ownerOrgId, actor.org.id)))
      .for('update');
    if (!before) throw notFound();
    // A published need is what teams bid on: its terms no longer move (clarifications come with Q&A).
    if (before.status !== 'draft') throw conflict('needs.notDraft');
    const [row] = await tx
      .update(needs)
      .set({ ...values, updatedAt: now() })
      .where(and(eq(needs.id, id), eq(needs.status, 'draft')))
      .returning();
    if (!row) throw conflict('needs.notDraft');
    await audit(tx, actor, {
      action: 'need.update',
      entityType: 'need',
      entityId: id,
      orgId: actor.org.id,
      before: auditable(before),
      after: auditable(row),
    });
    return row;
  });
}

export const publishNeed = (db: Db, actor: Actor, id: string) => fireNeedEvent(db, actor, id, 'publish');
/** `open` needs only: the owner stops taking bids before the deadline. */
export const closeNeedEarly = (db: Db, actor: Actor, id: string) => fireNeedEvent(db, actor, id, 'close');
export const cancelNeed = (db: Db, actor: Actor, id: string, reason: string) => fireNeedEvent(db, actor, id, 'cancel', { cancelReason: reason });

export interface AttachmentView {
  id: string;
  name: string;
  contentType: string;
  size: number;
  confidential: boolean;
  createdAt: Date;
}

export async function needAttachments(db: Db, needId: string, which: 'public' | 'all'): Promise<AttachmentView[]> {
  const rows = await db
    .select({
      id: attachments.id,
      name: attachments.originalName,
      contentType: attachments.contentType,
      size: attachments.size,
      confidential: attachments.confidential,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(which === 'public' ? and(eq(attachments.needId, needId), eq(attachments.confidential, false)) : eq(attachments.needId, needId))
    .orderBy(asc(attachments.createdAt));
  return rows;
}

/** The fields of a published need anyone may read: no annex, and no owner when it is anonymous. */
function publicFields(row: NeedRow, owner: { id: string; name: string } | null) {
  return {
    id: row.id,
    mode: row.mode,
    status: row.status,
    title: row.title,
    summary: row.summary,
    description: row.description,
    industryField: row.industryField,
    disciplines: row.disciplines,
    keywords: row.keywords,
    expectedResults: row.expectedResults,
    budgetMin: row.budgetMin,
    budgetMax: row.budgetMax,
    bounty: row.bounty,
    bidDeadline: row.bidDeadline,
    deliveryMonths: row.deliveryMonths,
    ipTerms: row.ipTerms,
    rubric: row.rubric,
    eligibility: row.eligibility,
    awardCount: row.awardCount,
    anonymous: row.anonymous,
    owner: row.anonymous ? null : owner,
    /** Teams read the NDA before accepting it; what it protects stays in the annex. */
    ndaText: row.ndaText,
    hasAnnex: row.annexText.trim().length > 0,
    publishedAt: row.publishedAt,
    closedAt: row.closedAt,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
  };
}

/**
 * One need as `actor` may see it. The owning organisation sees everything (annex included, nothing
 * logged: it is their own document); anyone else — anonymous visitors included — sees the public view of
 * a need that has been published, and NOT_FOUND for a draft.
 */
export async function getNeed(db: Db, actor: Actor | null, id: string) {
  const [found] = await db
    .select({ need: needs, ownerName: organizations.name })
    .from(needs)
    .innerJoin(organizations, eq(organizations.id, needs.ownerOrgId))
    .where(eq(needs.id, id))
    .limit(1);
  if (!found) throw notFound();
  const { need, ownerName } = found;
  const owner = { id: need.ownerOrgId, name: ownerName };
  if (actor?.org && actor.org.id === need.ownerOrgId) {
    const member = actor as MemberActor;
    const [ndaCount] = await db.select({ n: count() }).from(needNdaAcceptances).where(eq(needNdaAcceptances.needId, id));
    return {
      view: 'owner' as const,
      ...publicFields(need, owner),
      owner,
      annexText: need.annexText,
      attachments: await needAttachments(db, id, 'all'),
      ndaAcceptances: ndaCount?.n ?? 0,
      createdAt: need.createdAt,
      updatedAt: need.updatedAt,
      events: availableEvents(need, member),
      viewer: { isOwner: true, ndaAccepted: false, canOpenAnnex: true },
    };
  }
  if (!need.publishedAt) throw notFound();
  let ndaAccepted = false;
  if (actor?.org?.kind === 'research_team') {
    const [acc] = await db
      .select({ at: needNdaAcceptances.acceptedAt })
      .from(needNdaAcceptances)
      .where(and(eq(needNdaAcceptances.needId, id), eq(needNdaAcceptances.orgId, actor.org.id)))
      .limit(1);
    ndaAccepted = !!acc;
  }
  const org = actor?.org;
  const canOpenAnnex =
    !!org &&
    can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, 'need.openAnnex') &&
    (org.kind === 'bureau' || ndaAccepted);
  return {
    view: 'public' as const,
    ...publicFields(need, owner),
    attachments: await needAttachments(db, id, 'public'),
    viewer: { isOwner: false, ndaAccepted, canOpenAnnex },
  };
}

/** The organisation's own needs, newest change first. */
export async function listMyNeeds(db: Db, actor: MemberActor, input: { status?: NeedStatus; limit: number; offset: number }) {
  const where = input.status
    ? and(eq(needs.ownerOrgId, actor.org.id), eq(needs.status, input.status))
    : eq(needs.ownerOrgId, actor.org.id);
  const rows = await db
    .select({
      id: needs.id,
      mode: needs.mode,
      status: needs.status,
      title: needs.title,
      industryField: needs.industryField,
      budgetMin: needs.budgetMin,
      budgetMax: needs.budgetMax,
      bounty: needs.bounty,
      bidDeadline: needs.bidDeadline,
      anonymous: needs.anonymous,
      publishedAt: needs.publishedAt,
      updatedAt: needs.updatedAt,
    })
    .from(needs)
    .where(where)
    .orderBy(desc(needs.updatedAt), desc(needs.id))
    .limit(input.limit + 1)
    .offset(input.offset);
  return { items: rows.slice(0, input.limit), hasMore: rows.length > input.limit };
}
