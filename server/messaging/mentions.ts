import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { conversationParticipants, conversations, memberships, notifications, users } from '@/db/schema';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import { findMentions } from './inputs';
import type { MessageView } from './messages';

/** Everyone who may read the conversation now: members of its organisations (the @ list and mention targets). */
export async function conversationPeople(db: Db, conversationId: string): Promise<Array<{ userId: string; name: string; orgId: string }>> {
  return db
    .select({ userId: users.id, name: users.name, orgId: memberships.orgId })
    .from(conversationParticipants)
    .innerJoin(memberships, eq(memberships.orgId, conversationParticipants.orgId))
    .innerJoin(users, and(eq(users.id, memberships.userId), isNull(users.deletedAt)))
    .where(eq(conversationParticipants.conversationId, conversationId))
    .orderBy(users.name);
}

/**
 * After a new message has committed: everyone it @mentions (by name, among the people of the conversation;
 * never the sender) gets a notification that opens the conversation at that message. Two people with the
 * same name are both mentioned — the text cannot tell them apart, and leaving one out would lose a mention.
 * Idempotent (a retried send is announced again): a user already told about this message is not told twice.
 * Returns the users notified.
 */
export async function notifyMentions(db: Db, message: MessageView): Promise<string[]> {
  if (message.deleted || !message.body.includes('@')) return [];
  const people = await conversationPeople(db, message.conversationId);
  const named = new Set(findMentions(message.body, people.map((p) => p.name)).map((m) => m.name));
  const ids = people.filter((p) => named.has(p.name) && p.userId !== message.senderUserId).map((p) => p.userId);
  if (ids.length === 0) return [];
  const link = messageLink(message.conversationId, message.seq);
  return inTransaction(db, async (tx, afterCommit) => {
    const told = await tx
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(inArray(notifications.userId, ids), eq(notifications.kind, 'message.mentioned'), eq(notifications.link, link)));
    const due = [...new Set(ids)].filter((id) => !told.some((t) => t.userId === id));
    if (due.length === 0) return [];
    const [conversation] = await tx.select({ kind: conversations.kind }).from(conversations).where(eq(conversations.id, message.conversationId));
    await notify(
      tx,
      afterCommit,
      due,
      'message.mentioned',
      { sender: message.senderName ?? message.senderOrgName, org: message.senderOrgName, kind: conversation?.kind ?? 'direct', excerpt: message.body.slice(0, 80) },
      link,
    );
    return due;
  });
}

/** One click to the message: the conversation opens scrolled to it. */
export function messageLink(conversationId: string, seq: number): string {
  return `/messages?c=${conversationId}&m=${seq}`;
}
