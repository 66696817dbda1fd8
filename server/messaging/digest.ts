import { and, asc, eq, gt, inArray, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { conversationParticipants, conversationReads, conversations, memberships, messages, organizations, users } from '@/db/schema';
import { now } from '../clock';

/**
 * 未读消息邮件摘要: when SMTP is configured, a user with messages unread for 15 minutes gets ONE email listing
 * them, each with a link to the message. Once per unread stretch and conversation: `digested_seq` remembers the
 * last seq an email covered, and the conversation is not emailed again until the user has read past it (the
 * same rule as the in-app notification's `notified_seq`). A pass claims each (conversation, user) with one
 * conditional upsert before mailing, so two instances never both email it; a failed send is not retried
 * (at most once: an email repeated is worse than one missed, the in-app notification stays).
 */
export const DIGEST_AFTER_MS = 15 * 60 * 1000;
/** Messages listed per conversation (the rest are counted). */
const LISTED = 5;

interface Due {
  conversationId: string;
  userId: string;
  email: string;
  locale: string;
  lastReadSeq: number;
  lastSeq: number;
}

/** (conversation, user) pairs whose first unread message is older than 15 minutes and not yet emailed this stretch. */
async function dueStretches(db: Db, cutoff: Date): Promise<Due[]> {
  const read = sql<number>`coalesce(${conversationReads.lastReadSeq}, 0)`;
  return db
    .select({
      conversationId: conversations.id,
      userId: users.id,
      email: sql<string>`${users.email}`,
      locale: users.locale,
      lastReadSeq: read,
      lastSeq: conversations.lastSeq,
    })
    .from(conversations)
    .innerJoin(conversationParticipants, eq(conversationParticipants.conversationId, conversations.id))
    .innerJoin(memberships, eq(memberships.orgId, conversationParticipants.orgId))
    .innerJoin(users, and(eq(users.id, memberships.userId), isNull(users.deletedAt), sql`${users.email} is not null`))
    .leftJoin(conversationReads, and(eq(conversationReads.conversationId, conversations.id), eq(conversationReads.userId, users.id)))
    .innerJoin(messages, and(eq(messages.conversationId, conversations.id), eq(messages.seq, sql`${read} + 1`)))
    .where(
      and(
        gt(conversations.lastSeq, read),
        lte(messages.createdAt, cutoff),
        or(isNull(conversationReads.digestedSeq), lte(conversationReads.digestedSeq, read)),
      ),
    )
    .limit(1000);
}

/** Takes the stretch for this pass (false: read meanwhile, or another instance took it). */
async function claim(db: Db, due: Due): Promise<boolean> {
  const at = now();
  const rows = await db
    .insert(conversationReads)
    .values({ conversationId: due.conversationId, userId: due.userId, lastReadSeq: 0, digestedSeq: due.lastSeq, updatedAt: at })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { digestedSeq: due.lastSeq, updatedAt: at },
      setWhere: sql`(${conversationReads.digestedSeq} is null or ${conversationReads.digestedSeq} <= ${conversationReads.lastReadSeq}) and ${conversationReads.lastReadSeq} < ${due.lastSeq}`,
    })
    .returning({ userId: conversationReads.userId });
  return rows.length > 0;
}

/** One conversation in a digest: its other parties' names and the first unread messages. */
export interface DigestConversation {
  conversationId: string;
  title: string;
  unread: number;
  items: Array<{ seq: number; name: string | null; org: string; body: string; deleted: boolean }>;
}

async function listUnread(db: Db, due: Due, forOrgIds: readonly string[]): Promise<DigestConversation> {
  const others = await db
    .select({ name: organizations.name })
    .from(conversationParticipants)
    .innerJoin(organizations, eq(organizations.id, conversationParticipants.orgId))
    .where(and(eq(conversationParticipants.conversationId, due.conversationId), notInArray(conversationParticipants.orgId, [...forOrgIds])));
  const rows = await db
    .select({ seq: messages.seq, body: messages.body, deletedAt: messages.deletedAt, userName: users.name, orgName: organizations.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .innerJoin(organizations, eq(organizations.id, messages.senderOrgId))
    .where(and(eq(messages.conversationId, due.conversationId), gt(messages.seq, due.lastReadSeq), lte(messages.seq, due.lastSeq)))
    .orderBy(asc(messages.seq))
    .limit(LISTED);
  return {
    conversationId: due.conversationId,
    title: others.map((o) => o.name).join('、'),
    unread: due.lastSeq - due.lastReadSeq,
    items: rows.map((r) => ({ seq: r.seq, name: r.userName, org: r.orgName, body: r.body.replace(/\s+/g, ' ').slice(0, 200), deleted: r.deletedAt !== null })),
  };
}

/** What one user is emailed: the wording (in their language) is the mail transport's, server/digest-mail.ts. */
export interface Digest {
  to: string;
  locale: string;
  conversations: DigestConversation[];
}

/**
 * One pass: finds stretches unread for 15 minutes, claims them, and hands each user's digest to `deliver`
 * (the job's: compose and send the email; it runs only when SMTP is configured). Returns the users emailed.
 */
export async function sendMessageDigests(db: Db, deliver: (digest: Digest) => Promise<{ delivered: boolean }>): Promise<string[]> {
  const due = await dueStretches(db, new Date(now().getTime() - DIGEST_AFTER_MS));
  const byUser = new Map<string, Due[]>();
  for (const d of due) byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d]);
  const emailed: string[] = [];
  for (const [userId, stretches] of byUser) {
    const claimed: Due[] = [];
    for (const d of stretches) if (await claim(db, d)) claimed.push(d);
    const first = claimed[0];
    if (!first) continue;
    const orgIds = (await db.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId))).map((m) => m.orgId);
    const listed = [];
    for (const d of claimed) listed.push(await listUnread(db, d, orgIds));
    const { delivered } = await deliver({ to: first.email, locale: first.locale, conversations: listed });
    if (delivered) emailed.push(userId);
    else console.error(`[messaging] digest to user ${userId} not delivered`);
  }
  return emailed;
}

/** Conversations whose stretch a user has been emailed about (tests and support). */
export async function digestedConversations(db: Db, userId: string, conversationIds: readonly string[]) {
  if (conversationIds.length === 0) return [];
  return db
    .select({ conversationId: conversationReads.conversationId, digestedSeq: conversationReads.digestedSeq })
    .from(conversationReads)
    .where(and(eq(conversationReads.userId, userId), inArray(conversationReads.conversationId, [...conversationIds])));
}
