import { and, arrayContains, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments, conversationParticipants, messages } from '@/db/schema';
import type { Actor } from '../actor';

/** What a message shows of a file it carries: a chip (name, size) or, for an image, an inline thumbnail. */
export interface MessageFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

/** Files per message, and the byte cap shown beside the picker (the store's cap is the limit: 20 MB). */
export const MESSAGE_FILES_MAX = 10;

/** The files with these ids, keyed by id (a message lists them in its own order). */
export async function messageFiles(db: Db, ids: readonly string[]): Promise<Map<string, MessageFile>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: attachments.id, name: attachments.originalName, contentType: attachments.contentType, size: attachments.size })
    .from(attachments)
    .where(inArray(attachments.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * A file is readable through messaging when a message that carries it, and is not withdrawn, sits in a
 * conversation the actor's organisation takes part in. Anyone else — including a member of an organisation
 * that left no trace in that conversation — is answered like a file that does not exist.
 */
export async function readableAsMessageFile(db: Db, actor: Actor | null, attachmentId: string): Promise<boolean> {
  const org = actor?.org;
  if (!org) return false;
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(
      conversationParticipants,
      and(eq(conversationParticipants.conversationId, messages.conversationId), eq(conversationParticipants.orgId, org.id)),
    )
    .where(and(arrayContains(messages.attachmentIds, [attachmentId]), isNull(messages.deletedAt)))
    .limit(1);
  return !!row;
}
