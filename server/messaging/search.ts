import { and, desc, eq, ilike, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages, organizations, users } from '@/db/schema';
import type { Actor } from '../actor';
import { snippet, type Segment } from '../search/highlight';
import { queryTerms } from '../search/segment';
import { participantConversation } from './conversations';

export interface MessageHit {
  id: string;
  seq: number;
  senderName: string | null;
  senderOrgName: string;
  createdAt: string;
  /** The text around the first hit, hits flagged (rendered as text nodes, never HTML). */
  segments: Segment[];
}

/** LIKE's own characters in a term match themselves, not "anything". */
function literal(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Search in one conversation's history, for its participants. The query is cut into words by the same
 * jieba segmentation as the marketplace search (precise mode: 新能源汽车电池 → 新能源汽车 / 电池), and a
 * message matches when it holds every word. Within one conversation a substring match on the stored text
 * is exact and cheap (the rows are already narrowed to the conversation), and finds a word inside a longer
 * one as the marketplace's search-mode index does (能源 in 新能源). Withdrawn messages are never searched.
 * Newest first: a hit's seq is where the panel jumps to.
 */
export async function searchConversation(db: Db, actor: Actor, input: { conversationId: string; query: string; limit: number }): Promise<{ terms: string[]; hits: MessageHit[] }> {
  const conversation = await participantConversation(db, actor, input.conversationId);
  const terms = queryTerms(input.query);
  if (terms.length === 0) return { terms, hits: [] };
  const conditions: SQL[] = [eq(messages.conversationId, conversation.id), isNull(messages.deletedAt)];
  for (const term of terms) conditions.push(ilike(messages.body, literal(term)));
  const rows = await db
    .select({ id: messages.id, seq: messages.seq, body: messages.body, createdAt: messages.createdAt, senderName: users.name, senderOrgName: organizations.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .innerJoin(organizations, eq(organizations.id, messages.senderOrgId))
    .where(and(...conditions))
    .orderBy(desc(messages.seq))
    .limit(input.limit);
  return {
    terms,
    hits: rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      senderName: r.senderName,
      senderOrgName: r.senderOrgName,
      createdAt: r.createdAt.toISOString(),
      segments: snippet([r.body], terms, 80),
    })),
  };
}
