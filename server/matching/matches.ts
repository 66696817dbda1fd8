import crypto from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { matchInvitations, memberships, needs } from '@/db/schema';
import type { MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { conflict, notFound } from '../errors';
import { startDirectConversation } from '../messaging/conversations';
import { sendMessage } from '../messaging/messages';
import { notify } from '../notifications/notify';
import { creditForInvitationAnswered } from '../credit/record';
import { type AfterCommit, inTransaction } from '../transaction';
import type { NeedInvitationInput, NeedMatchesInput, RecommendationsInput } from './inputs';
import { currentIndex } from './live-index';
import { matchScoresOf, type Ranking, rankTeams } from './rank';
import { MATCH_PARAMS, type MatchQuery, scoreTeams } from './scorer';
import { matchableTeams } from './signals';

/**
 * 智能匹配 for people: a need's owner (and the bureau) sees the ranked teams with their reasons and invites
 * any of them to bid; a research team sees the open needs it matches best. Scope is enforced here: a need
 * outside the actor's reach answers NOT_FOUND, exactly like one that does not exist.
 */

type NeedRow = typeof needs.$inferSelect;

/** The matching query of a stored need: its text and the 一级学科 it names (none: inferred among all). */
export function queryOfNeed(need: Pick<NeedRow, 'title' | 'summary' | 'description' | 'keywords' | 'disciplines'>): MatchQuery {
  return {
    title: need.title,
    keywords: need.keywords,
    description: [need.summary, need.description].filter(Boolean).join('\n'),
    disciplines: need.disciplines,
    categories: [],
  };
}

/** The need if the actor may see its matches: its owning organisation, or the bureau. */
async function needInReach(db: Db, actor: MemberActor, needId: string): Promise<NeedRow> {
  const [need] = await db.select().from(needs).where(eq(needs.id, needId));
  if (!need) throw notFound();
  if (need.ownerOrgId !== actor.org.id && actor.org.kind !== 'bureau') throw notFound();
  return need;
}

/** The match scores of the given teams (a need's bidders) for a stored need, by organisation id. */
export function matchScoresForNeed(db: Db, need: NeedRow, orgIds: readonly string[]): Promise<Map<string, number>> {
  return matchScoresOf(db, queryOfNeed(need), { ownerOrgId: need.ownerOrgId }, orgIds);
}

export interface NeedMatches extends Ranking {
  needId: string;
  /** Teams already invited to this need (ids). */
  invited: string[];
}

/** The ranked teams for a need, reasons for every listed team; only its owner and the bureau may ask. */
export async function matchesForNeed(db: Db, actor: MemberActor, input: NeedMatchesInput): Promise<NeedMatches> {
  const need = await needInReach(db, actor, input.needId);
  const ranking = await rankTeams(db, queryOfNeed(need), { ownerOrgId: need.ownerOrgId }, { limit: input.limit, explain: input.limit });
  const invited = await db
    .select({ teamOrgId: matchInvitations.teamOrgId })
    .from(matchInvitations)
    .where(eq(matchInvitations.needId, need.id));
  return { needId: need.id, ...ranking, invited: invited.map((i) => i.teamOrgId) };
}

/**
 * 邀请投标: the need's owner invites a matchable team to bid on its published need — once per team. The
 * team's owners and admins are notified with a link to the need; the owner's own words, if any, go to the
 * team as a message in their direct conversation (after the invitation has committed).
 */
export async function inviteToBid(db: Db, actor: MemberActor, input: { needId: string; teamOrgId: string; message: string }) {
  const need = await needInReach(db, actor, input.needId);
  // The bureau reads every need's matches but invites only for its own 揭榜挂帅 lists.
  if (need.ownerOrgId !== actor.org.id) throw notFound();
  if (need.status !== 'published' || (need.bidDeadline && need.bidDeadline <= now())) throw conflict('matching.needNotOpen');
  const team = (await matchableTeams(db, [input.teamOrgId])).get(input.teamOrgId);
  if (!team) throw notFound();
  // The score the owner saw: the team's place in the need's ranking, if it is listed at all.
  const ranking = await rankTeams(db, queryOfNeed(need), { ownerOrgId: need.ownerOrgId }, { limit: 100, explain: 0 });
  const score = ranking.teams.find((t) => t.orgId === team.orgId)?.score ?? null;

  const invitation = await inTransaction(db, async (tx, afterCommit) => {
    const [row] = await tx
      .insert(matchInvitations)
      .values({ needId: need.id, teamOrgId: team.orgId, invitedBy: actor.userId, score, createdAt: now() })
      .onConflictDoNothing({ target: [matchInvitations.needId, matchInvitations.teamOrgId] })
      .returning();
    if (!row) throw conflict('matching.alreadyInvited');
    await audit(tx, actor, {
      action: 'match.invite',
      entityType: 'need',
      entityId: need.id,
      orgId: actor.org.id,
      after: { teamOrgId: team.orgId, teamName: team.name, score },
    });
    const managers = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, team.orgId), inArray(memberships.role, ['owner', 'admin'])));
    await notify(
      tx,
      afterCommit,
      managers.map((m) => m.userId),
      'match.invited',
      { needTitle: need.title },
      `/needs/${need.id}`,
    );
    return row;
  });
  let conversationId: string | null = null;
  if (input.message) {
    conversationId = (await startDirectConversation(db, actor, { orgId: team.orgId })).id;
    await sendMessage(db, actor, { conversationId, clientId: crypto.randomUUID(), body: input.message, attachmentIds: [] });
  }
  return { id: invitation.id, needId: need.id, teamOrgId: team.orgId, score, conversationId };
}

/**
 * The team's first answer to its invitation to bid on a need, if it was invited and has not answered yet:
 * stamped on the invitation and recorded as its responsiveness (answered within 48 h counts as prompt).
 * Called inside the answering act's transaction — submitting a bid (server/bids) or declining (below).
 */
export async function answerInvitation(tx: Db, afterCommit: AfterCommit, input: { needId: string; ownerOrgId: string; teamOrgId: string; answer: 'bid' | 'declined' }): Promise<boolean> {
  const at = now();
  const [row] = await tx
    .update(matchInvitations)
    .set({ answer: input.answer, answeredAt: at })
    .where(and(eq(matchInvitations.needId, input.needId), eq(matchInvitations.teamOrgId, input.teamOrgId), isNull(matchInvitations.answeredAt)))
    .returning();
  if (!row) return false;
  await creditForInvitationAnswered(tx, afterCommit, { invitationId: row.id, teamOrgId: input.teamOrgId, ownerOrgId: input.ownerOrgId, invitedAt: row.createdAt, answeredAt: at });
  return true;
}

/** The actor's team's invitation to bid on a need (null: not invited, or not a team). */
export async function invitationOf(db: Db, actor: MemberActor, input: NeedInvitationInput) {
  if (actor.org.kind !== 'research_team') return null;
  const [row] = await db
    .select({ id: matchInvitations.id, createdAt: matchInvitations.createdAt, answer: matchInvitations.answer, answeredAt: matchInvitations.answeredAt })
    .from(matchInvitations)
    .where(and(eq(matchInvitations.needId, input.needId), eq(matchInvitations.teamOrgId, actor.org.id)));
  return row ?? null;
}

/** The invited team declines: answered once (CONFLICT after that), audited; a team never invited gets NOT_FOUND. */
export async function declineInvitation(db: Db, actor: MemberActor, input: NeedInvitationInput) {
  const invitation = await invitationOf(db, actor, input);
  if (!invitation) throw notFound();
  if (invitation.answeredAt) throw conflict('matching.alreadyAnswered');
  const [need] = await db.select({ id: needs.id, ownerOrgId: needs.ownerOrgId }).from(needs).where(eq(needs.id, input.needId));
  if (!need) throw notFound();
  return inTransaction(db, async (tx, afterCommit) => {
    const answered = await answerInvitation(tx, afterCommit, { needId: need.id, ownerOrgId: need.ownerOrgId, teamOrgId: actor.org.id, answer: 'declined' });
    if (!answered) throw conflict('matching.alreadyAnswered');
    await audit(tx, actor, { action: 'match.decline', entityType: 'need', entityId: need.id, orgId: actor.org.id, after: { invitationId: invitation.id, answer: 'declined' } });
    return { needId: need.id, answer: 'declined' as const };
  });
}

/**
 * Makes the first ranking after a start as fast as any other (the server calls it once it listens, in the
 * background): builds the index, then ranks the newest need once, which also loads the word segmenter's
 * dictionary and runs the signal and reason queries. A ranking asked for meanwhile joins the same index
 * build. Returns the milliseconds it took; failures are reported, never thrown.
 */
export async function warmMatching(db: Db, onError: (e: unknown) => void = (e) => console.error('[matching] warm-up failed', e)): Promise<number | null> {
  const started = performance.now();
  try {
    await currentIndex(db);
    const [need] = await db.select().from(needs).orderBy(desc(needs.createdAt)).limit(1);
    await rankTeams(db, queryOfNeed(need ?? { title: '精密轴承寿命预测', summary: '', description: '', keywords: [], disciplines: [] }), { ownerOrgId: need?.ownerOrgId ?? null }, { limit: 20, explain: 20 });
    return Math.round(performance.now() - started);
  } catch (e) {
    onError(e);
    return null;
  }
}

/** How many open needs the recommendations look at (the newest). */
const RECOMMENDATION_POOL = 200;

interface NeedProfile {
  at: number;
  live: number;
  /** The team relevances of this need, by organisation id, for the teams that rank anywhere. */
  relevance: Map<string, number>;
}
const profiles = new Map<string, NeedProfile>();
/** A profile is reused while the index has not grown or shrunk by more than 2 % and is under 15 minutes old. */
const PROFILE_TTL_MS = 15 * 60_000;

/**
 * 为你推荐: the open needs a research team matches best — the same ranking run from the need's side, read
 * at this team: each open need's relevance for every team is computed once (and kept briefly, since a
 * published need's text no longer changes), and the team's needs are ordered by its relevance to each.
 */
export async function recommendedNeeds(db: Db, actor: MemberActor, input: RecommendationsInput) {
  if (actor.org.kind !== 'research_team') return [];
  const index = await currentIndex(db);
  const doc = index.documentOf(actor.org.id);
  if (doc === undefined) return [];
  const at = now();
  const open = await db
    .select({
      id: needs.id,
      title: needs.title,
      summary: needs.summary,
      description: needs.description,
      keywords: needs.keywords,
      disciplines: needs.disciplines,
      mode: needs.mode,
      industryField: needs.industryField,
      budgetMin: needs.budgetMin,
      budgetMax: needs.budgetMax,
      bounty: needs.bounty,
      bidDeadline: needs.bidDeadline,
      publishedAt: needs.publishedAt,
      ownerOrgId: needs.ownerOrgId,
      anonymous: needs.anonymous,
    })
    .from(needs)
    .where(and(eq(needs.status, 'published'), gt(needs.bidDeadline, at)))
    .orderBy(desc(needs.publishedAt))
    .limit(RECOMMENDATION_POOL);
  const scored = open.map((need) => {
    let profile = profiles.get(need.id);
    if (!profile || Date.now() - profile.at > PROFILE_TTL_MS || Math.abs(profile.live - index.live) > index.live * 0.02) {
      const scores = scoreTeams(index, queryOfNeed(need));
      const relevance = new Map<string, number>();
      scores.relevance.forEach((r, d) => {
        if (index.alive[d] && r > 0) relevance.set(index.orgIds[d] as string, r);
      });
      profile = { at: Date.now(), live: index.live, relevance };
      profiles.set(need.id, profile);
    }
    return { need, relevance: profile.relevance.get(actor.org.id) ?? 0 };
  });
  for (const id of profiles.keys()) if (!open.some((n) => n.id === id)) profiles.delete(id);
  const top = (1 + MATCH_PARAMS.floor) * (1 + MATCH_PARAMS.textWeight);
  return scored
    .filter((s) => s.need.ownerOrgId !== actor.org.id && s.relevance > 0)
    .sort((a, b) => b.relevance - a.relevance)
    .slice(0, input.limit)
    .map(({ need, relevance }) => ({
      id: need.id,
      title: need.title,
      summary: need.summary,
      mode: need.mode,
      status: 'published' as const,
      industryField: need.industryField,
      budgetMin: need.budgetMin,
      budgetMax: need.budgetMax,
      bounty: need.bounty,
      bidDeadline: need.bidDeadline,
      score: Math.min(100, Math.round((100 * relevance) / top)),
    }));
}
