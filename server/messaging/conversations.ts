import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { conversationParticipants, conversationReads, conversations, memberships, messages, organizations, users } from '@/db/schema';
import type { Db } from '@/db/client';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { badRequest, notFound } from '../errors';
import { inTransaction } from '../transaction';
import { conversationPeople } from './mentions';

export type ConversationRow = typeof conversations.$inferSelect;
export type ConversationKind = ConversationRow['kind'];

/**
 * The conversation if the actor's organisation takes part in it, else NOT_FOUND (the same answer whether it
 * exists or not). Called for EVERY act — post, read, typing, presence — not only when a socket joins, so a
 * member who left the organisation, or a revoked session, stops at once.
 */
export async function participantConversation(db: Db, actor: Actor, conversationId: string): Promise<ConversationRow> {
  if (!actor.org) throw notFound();
  const [row] = await db
    .select({ conversation: conversations })
    .from(conversations)
    .innerJoin(
      conversationParticipants,
      and(eq(conversationParticipants.conversationId, conversations.id), eq(conversationParticipants.orgId, actor.org.id)),
    )
    .where(eq(conversations.id, conversationId))
    .limit(1);
  if (!row) throw notFound();
  return row.conversation;
}

export async function participantOrgIds(db: Db, conversationId: string): Promise<string[]> {
  const rows = await db
    .select({ orgId: conversationParticipants.orgId })
    .from(conversationParticipants)
    .where(eq(conversationParticipants.conversationId, conversationId));
  return rows.map((r) => r.orgId);
}

/** Users of the participant organisations (who may read the conversation now). */
export async function participantUserIds(db: Db, conversationId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(conversationParticipants, eq(conversationParticipants.orgId, memberships.orgId))
    .where(eq(conversationParticipants.conversationId, conversationId));
  return rows.map((r) => r.userId);
}

/**
 * Finds the conversation with `key` or creates it with its participants, inside the caller's transaction.
 * Concurrent creators meet on the unique key: the loser's insert does nothing and it reads the winner's row.
 */
export async function ensureConversation(
  tx: Db,
  actor: Actor | null,
  spec: {
    kind: ConversationKind;
    key: string;
    participants: ReadonlyArray<{ orgId: string; role: string }>;
    needId?: string | null;
    contractId?: string | null;
    landingProjectId?: string | null;
  },
): Promise<ConversationRow> {
  const [created] = await tx
    .insert(conversations)
    .values({
      kind: spec.kind,
      key: spec.key,
      needId: spec.needId ?? null,
      contractId: spec.contractId ?? null,
      landingProjectId: spec.landingProjectId ?? null,
      createdAt: now(),
    })
    .onConflictDoNothing({ target: conversations.key })
    .returning();
  if (created) {
    await tx.insert(conversationParticipants).values(spec.participants.map((p) => ({ conversationId: created.id, ...p })));
    await audit(tx, actor, {
      action: 'conversation.create',
      entityType: 'conversation',
      entityId: created.id,
      orgId: actor?.org?.id ?? spec.participants[0]?.orgId ?? null,
      after: { kind: spec.kind, participants: spec.participants.map((p) => p.orgId) },
    });
    return created;
  }
  const [existing] = await tx.select().from(conversations).where(eq(conversations.key, spec.key)).limit(1);
  if (!existing) throw new Error(`conversation ${spec.key} vanished`);
  return existing;
}

/** 发起沟通 (the router checks 'conversation.startDirect'): a direct conversation between the actor's organisation and another verified one (found, or created once). */
export async function startDirectConversation(db: Db, actor: MemberActor, input: { orgId: string }): Promise<{ id: string }> {
  if (input.orgId === actor.org.id) throw badRequest('messaging.selfConversation');
  return inTransaction(db, async (tx) => {
    const [other] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, input.orgId), eq(organizations.status, 'verified')))
      .limit(1);
    if (!other) throw notFound();
    const [a, b] = [actor.org.id, other.id].sort();
    const conversation = await ensureConversation(tx, actor, {
      kind: 'direct',
      key: `direct:${a}:${b}`,
      participants: [
        { orgId: actor.org.id, role: 'party' },
        { orgId: other.id, role: 'party' },
      ],
    });
    return { id: conversation.id };
  });
}

export interface ConversationSummary {
  id: string;
  kind: ConversationKind;
  needId: string | null;
  contractId: string | null;
  /** The other organisations (never the actor's own). */
  others: Array<{ id: string; name: string }>;
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
  lastMessage: { seq: number; body: string; deleted: boolean; senderName: string | null; createdAt: Date } | null;
  lastMessageAt: Date | null;
}

/** The actor's organisation's conversations, most recent activity first, with the actor's unread count. */
export async function listConversations(
  db: Db,
  actor: MemberActor,
  input: { limit: number; needId?: string; contractId?: string },
): Promise<ConversationSummary[]> {
  const rows = await db
    .select({
      conversation: conversations,
      lastReadSeq: conversationReads.lastReadSeq,
      message: {
        seq: messages.seq,
        body: messages.body,
        deletedAt: messages.deletedAt,
        createdAt: messages.createdAt,
        senderName: users.name,
      },
    })
    .from(conversationParticipants)
    .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
    .leftJoin(conversationReads, and(eq(conversationReads.conversationId, conversations.id), eq(conversationReads.userId, actor.userId)))
    .leftJoin(messages, and(eq(messages.conversationId, conversations.id), eq(messages.seq, conversations.lastSeq)))
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(
      and(
        eq(conversationParticipants.orgId, actor.org.id),
        // A need's page lists its 答疑 threads; a contract's page its room.
        input.needId ? eq(conversations.needId, input.needId) : undefined,
        input.contractId ? eq(conversations.contractId, input.contractId) : undefined,
      ),
    )
    .orderBy(sql`${conversations.lastMessageAt} desc nulls last`, desc(conversations.createdAt))
    .limit(input.limit);
  const ids = rows.map((r) => r.conversation.id);
  const others = ids.length
    ? await db
        .select({ conversationId: conversationParticipants.conversationId, id: organizations.id, name: organizations.name })
        .from(conversationParticipants)
        .innerJoin(organizations, eq(organizations.id, conversationParticipants.orgId))
        .where(and(inArray(conversationParticipants.conversationId, ids), sql`${conversationParticipants.orgId} <> ${actor.org.id}`))
    : [];
  return rows.map(({ conversation: c, lastReadSeq, message }) => {
    const read = Math.min(lastReadSeq ?? 0, c.lastSeq);
    return {
      id: c.id,
      kind: c.kind,
      needId: c.needId,
      contractId: c.contractId,
      others: others.filter((o) => o.conversationId === c.id).map((o) => ({ id: o.id, name: o.name })),
      lastSeq: c.lastSeq,
      lastReadSeq: read,
      unread: c.lastSeq - read,
      lastMessage:
        message && message.seq !== null && message.createdAt !== null
        ? {
            seq: message.seq,
            body: message.deletedAt ? '' : (message.body ?? ''),
            deleted: message.deletedAt !== null,
            senderName: message.senderName,
            createdAt: message.createdAt,
          }
        : null,
      lastMessageAt: c.lastMessageAt,
    };
  });
}

/** The header badge: the caller's unread messages over all of the organisation's conversations. */
export async function unreadTotal(db: Db, actor: MemberActor): Promise<{ unread: number }> {
  const [row] = await db
    .select({ unread: sql<number>`coalesce(sum(greatest(${conversations.lastSeq} - coalesce(${conversationReads.lastReadSeq}, 0), 0)), 0)::int` })
    .from(conversationParticipants)
    .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
    .leftJoin(conversationReads, and(eq(conversationReads.conversationId, conversations.id), eq(conversationReads.userId, actor.userId)))
    .where(eq(conversationParticipants.orgId, actor.org.id));
  return { unread: Number(row?.unread ?? 0) };
}

/** One conversation's header and read receipts: every other participant user's last read seq (已读). */
export async function conversationDetail(db: Db, actor: MemberActor, conversationId: string) {
  const conversation = await participantConversation(db, actor, conversationId);
  const parties = await db
    .select({ id: organizations.id, name: organizations.name, role: conversationParticipants.role })
    .from(conversationParticipants)
    .innerJoin(organizations, eq(organizations.id, conversationParticipants.orgId))
    .where(eq(conversationParticipants.conversationId, conversationId));
  const reads = await db
    .select({ userId: conversationReads.userId, name: users.name, orgId: memberships.orgId, lastReadSeq: conversationReads.lastReadSeq })
    .from(conversationReads)
    .innerJoin(users, eq(users.id, conversationReads.userId))
    .innerJoin(memberships, eq(memberships.userId, conversationReads.userId))
    .innerJoin(
      conversationParticipants,
      and(eq(conversationParticipants.orgId, memberships.orgId), eq(conversationParticipants.conversationId, conversationId)),
    )
    .where(eq(conversationReads.conversationId, conversationId));
  return {
    id: conversation.id,
    kind: conversation.kind,
    needId: conversation.needId,
    contractId: conversation.contractId,
    lastSeq: conversation.lastSeq,
    ownOrgId: actor.org.id,
    parties,
    reads: reads.filter((r) => r.userId !== actor.userId),
    /** Who may be @mentioned: the members of the participant organisations. */
    people: (await conversationPeople(db, conversationId)).map((p) => ({ userId: p.userId, name: p.name, orgId: p.orgId })),
  };
}

/** Moves the actor's read cursor forward (never back, never past the last message). */
export async function markRead(db: Db, actor: Actor, input: { conversationId: string; seq: number }): Promise<{ lastReadSeq: number }> {
  const conversation = await participantConversation(db, actor, input.conversationId);
  const seq = Math.min(input.seq, conversation.lastSeq);
  const [row] = await db
    .insert(conversationReads)
    .values({ conversationId: conversation.id, userId: actor.userId, lastReadSeq: seq, updatedAt: now() })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { lastReadSeq: sql`greatest(${conversationReads.lastReadSeq}, ${seq})`, updatedAt: now() },
    })
    .returning({ lastReadSeq: conversationReads.lastReadSeq });
  return { lastReadSeq: row?.lastReadSeq ?? seq };
}
