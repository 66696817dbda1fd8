import { and, eq, isNull } from 'drizzle-orm';
import { conversationParticipants, conversationReads, conversations, memberships, users } from '@/db/schema';
import type { Db } from '@/db/client';
import { now } from '../clock';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import { messageLink } from './mentions';

/**
 * Tells participants who are offline that a conversation has unread messages — once per unread stretch:
 * a user notified for seq N hears nothing more from this conversation until they have read up to N.
 * `online` is the set of users with an open socket (the realtime layer knows; the domain does not).
 * Returns the users notified.
 */
export async function notifyOfflineParticipants(db: Db, conversationId: string, online: ReadonlySet<string>): Promise<string[]> {
  return inTransaction(db, async (tx, afterCommit) => {
    // No lock on the conversation: senders must never wait behind this. The throttle lives in notified_seq.
    const [conversation] = await tx.select().from(conversations).where(eq(conversations.id, conversationId));
    if (!conversation || conversation.lastSeq === 0) return [];
    const people = await tx
      .select({ userId: memberships.userId, lastReadSeq: conversationReads.lastReadSeq, notifiedSeq: conversationReads.notifiedSeq })
      .from(memberships)
      .innerJoin(conversationParticipants, eq(conversationParticipants.orgId, memberships.orgId))
      .innerJoin(users, and(eq(users.id, memberships.userId), isNull(users.deletedAt)))
      .leftJoin(conversationReads, and(eq(conversationReads.conversationId, conversationId), eq(conversationReads.userId, memberships.userId)))
      .where(eq(conversationParticipants.conversationId, conversationId));
    const due = people.filter((p) => {
      if (online.has(p.userId)) return false;
      const read = p.lastReadSeq ?? 0;
      if (read >= conversation.lastSeq) return false;
      return p.notifiedSeq === null || p.notifiedSeq <= read;
    });
    if (due.length === 0) return [];
    const ids = due.map((p) => p.userId);
    const at = now();
    await tx
      .insert(conversationReads)
      .values(ids.map((userId) => ({ conversationId, userId, lastReadSeq: 0, notifiedSeq: conversation.lastSeq, updatedAt: at })))
      .onConflictDoUpdate({
        target: [conversationReads.conversationId, conversationReads.userId],
        set: { notifiedSeq: conversation.lastSeq, updatedAt: at },
      });
    // One click to the first message each user has not read.
    const byFirstUnread = new Map<number, string[]>();
    for (const p of due) {
      const seq = Math.min((p.lastReadSeq ?? 0) + 1, conversation.lastSeq);
      byFirstUnread.set(seq, [...(byFirstUnread.get(seq) ?? []), p.userId]);
    }
    for (const [seq, userIds] of byFirstUnread) {
      await notify(tx, afterCommit, userIds, 'message.new', { kind: conversation.kind }, messageLink(conversationId, seq));
    }
    return ids;
  });
}
