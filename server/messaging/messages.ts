import { and, asc, desc, eq, gt, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { attachments, conversations, messageReports, messages, organizations, users } from '@/db/schema';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { hasPgCode } from '../orgs/shared';
import { inTransaction } from '../transaction';
import { participantConversation } from './conversations';
import { messageFiles, type MessageFile } from './files';
import { EDIT_WINDOW_MS, type HistoryInput, type SendMessageInput } from './inputs';
import { rowsOf, sessionSender } from './session-statements';

type MessageRow = typeof messages.$inferSelect;


/** A message as participants receive it (socket event and tRPC alike). A withdrawn message carries no text. */
export interface MessageView {
  id: string;
  clientId: string;
  conversationId: string;
  seq: number;
  senderUserId: string | null;
  senderName: string | null;
  senderOrgId: string;
  senderOrgName: string;
  body: string;
  attachmentIds: string[];
  /** The files, in the message's order (name, type, size: enough for a chip or an image thumbnail). */
  files: MessageFile[];
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

export function toView(row: MessageRow, senderName: string | null, senderOrgName: string, files: ReadonlyMap<string, MessageFile>): MessageView {
  const deleted = row.deletedAt !== null;
  const ids = deleted ? [] : row.attachmentIds;
  return {
    id: row.id,
    clientId: row.clientId,
    conversationId: row.conversationId,
    seq: row.seq,
    senderUserId: row.senderUserId,
    senderName,
    senderOrgId: row.senderOrgId,
    senderOrgName,
    body: deleted ? '' : row.body,
    attachmentIds: ids,
    files: ids.flatMap((id) => files.get(id) ?? []),
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted,
  };
}

const withNames = {
  message: messages,
  senderName: users.name,
  senderOrgName: organizations.name,
};

async function loadView(db: Db, where: SQL | undefined): Promise<MessageView | null> {
  const [row] = await db
    .select(withNames)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .innerJoin(organizations, eq(organizations.id, messages.senderOrgId))
    .where(where)
    .limit(1);
  return row ? toView(row.message, row.senderName, row.senderOrgName, await messageFiles(db, row.message.attachmentIds)) : null;
}


/** Who sent a stored message (for the view and for the socket's organisation room). */
export interface Sender {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
}

/**
 * Stores a message once and gives it the conversation's next seq, in ONE statement (atomic on its own, and
 * one round trip — the send path is the hot path): it locks the conversation row joined to the sender's
 * participation (so membership is checked on every send and concurrent senders queue on the lock), finds a
 * message already stored with this client id (then nothing changes and it is returned: `created: false`),
 * else takes `last_seq + 1`, inserts the message and moves the sender's read cursor. Two attempts with the
 * same client id racing each other: the second meets the unique index, and its re-run finds the first.
 * The caller emits only after this returns, i.e. after commit.
 */
export async function sendMessage(db: Db, actor: Actor, input: SendMessageInput): Promise<{ message: MessageView; created: boolean }> {
  const org = actor.org;
  if (!org) throw notFound();
  let files: MessageFile[] = [];
  if (input.attachmentIds.length > 0) {
    // Only the sender's organisation's own uploads, not attached to a need, may be cited (a foreign id would otherwise become readable here).
    const owned = await db
      .select({ id: attachments.id, name: attachments.originalName, contentType: attachments.contentType, size: attachments.size })
      .from(attachments)
      .where(and(inArray(attachments.id, input.attachmentIds), eq(attachments.ownerOrgId, org.id), isNull(attachments.needId)));
    if (owned.length !== new Set(input.attachmentIds).size) throw notFound();
    const byId = new Map(owned.map((f) => [f.id, f]));
    files = input.attachmentIds.flatMap((id) => byId.get(id) ?? []);
  }
  const who = sql`select ${actor.userId}::uuid as user_id, ${actor.name}::text as user_name, ${org.id}::uuid as org_id, ${org.name}::text as org_name`;
  const stored = await storeMessage(db, who, input, files);
  if (!stored) throw notFound();
  return stored;
}

/**
 * The socket's send of a text message: the same statement, with the session checked inside it too — the
 * sessions row (live, not revoked, not expired, user not deleted) and the user's organisation now are
 * read under the same snapshot as the membership check and the insert, so the event costs one statement
 * and no session query of its own. `null`: the session is gone. Messages citing files take sendMessage.
 */
export async function sendMessageAsSession(
  db: Db,
  sessionId: string,
  input: SendMessageInput,
): Promise<{ message: MessageView; created: boolean; sender: Sender } | null> {
  if (input.attachmentIds.length > 0) throw new Error('messages with files are sent through sendMessage');
  const who = sessionSender(sessionId);
  return storeMessage(db, who, input, []);
}

/** The one send statement; `who` selects (user_id, user_name, org_id, org_name) of the sender, or no row. */
async function storeMessage(
  db: Db,
  who: SQL,
  input: SendMessageInput,
  files: MessageFile[],
): Promise<{ message: MessageView; created: boolean; sender: Sender } | null> {
  // Zod has checked every id is a UUID, so the array literal cannot carry anything else.
  const attachmentArray = `{${input.attachmentIds.join(',')}}`;
  for (let attempt = 0; ; attempt++) {
    const at = now();
    // As text: postgres.js does not serialise a Date inside a raw statement.
    const atText = at.toISOString();
    let result: unknown;
    try {
      result = await db.execute(sql`
        with who as (${who}), conv as (
          select c.id from conversations c
          join conversation_participants p on p.conversation_id = c.id and p.org_id = (select org_id from who)
          where c.id = ${input.conversationId}
          for update of c
        ), existing as (
          select m.id from messages m join conv on m.conversation_id = conv.id where m.client_id = ${input.clientId}
        ), bump as (
          update conversations set last_seq = conversations.last_seq + 1, last_message_at = ${atText}::timestamptz
          from conv where conversations.id = conv.id and not exists (select 1 from existing)
          returning conversations.last_seq as seq
        ), ins as (
          insert into messages (conversation_id, client_id, seq, sender_user_id, sender_org_id, body, attachment_ids, created_at)
          select ${input.conversationId}, ${input.clientId}, bump.seq, who.user_id, who.org_id, ${input.body}, ${attachmentArray}::uuid[], ${atText}::timestamptz
          from bump, who
          returning id, seq
        ), cursor as (
          insert into conversation_reads (conversation_id, user_id, last_read_seq, updated_at)
          select ${input.conversationId}, who.user_id, ins.seq, ${atText}::timestamptz from ins, who
          on conflict (conversation_id, user_id) do update
            set last_read_seq = greatest(conversation_reads.last_read_seq, excluded.last_read_seq), updated_at = excluded.updated_at
        )
        select who.user_id, who.user_name, who.org_id, who.org_name,
               (select count(*) from conv)::int as participant, (select id from existing) as existing_id,
               (select id from ins) as id, (select seq from ins) as seq
        from who
      `);
    } catch (e) {
      if (attempt === 0 && hasPgCode(e, '23505')) continue;
      throw e;
    }
    const [row] = rowsOf<{
      user_id: string;
      user_name: string;
      org_id: string | null;
      org_name: string | null;
      participant: number;
      existing_id: string | null;
      id: string | null;
      seq: number | null;
    }>(result);
    if (!row) return null;
    if (!row.org_id || !row.org_name || Number(row.participant) === 0) throw notFound();
    const sender: Sender = { userId: row.user_id, name: row.user_name, orgId: row.org_id, orgName: row.org_name };
    if (row.existing_id) {
      const existing = await loadView(db, eq(messages.id, row.existing_id));
      if (!existing) throw notFound();
      if (existing.senderUserId !== sender.userId) throw conflict('messaging.clientIdTaken');
      return { message: existing, created: false, sender };
    }
    if (!row.id || row.seq === null) throw new Error('message was not stored');
    return {
      message: {
        id: row.id,
        clientId: input.clientId,
        conversationId: input.conversationId,
        seq: Number(row.seq),
        senderUserId: sender.userId,
        senderName: sender.name,
        senderOrgId: sender.orgId,
        senderOrgName: sender.orgName,
        body: input.body,
        attachmentIds: input.attachmentIds,
        files,
        createdAt: at.toISOString(),
        editedAt: null,
        deleted: false,
      },
      created: true,
      sender,
    };
  }
}

/**
 * A page of history, ascending by seq. `afterSeq`: everything after it (the reconnect backfill, no gap);
 * `beforeSeq`: the page before it (scrolling back); neither: the latest page.
 */
export async function history(db: Db, actor: Actor, input: HistoryInput): Promise<{ messages: MessageView[]; lastSeq: number; hasMore: boolean }> {
  const conversation = await participantConversation(db, actor, input.conversationId);
  const base = db
    .select(withNames)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .innerJoin(organizations, eq(organizations.id, messages.senderOrgId));
  const inConversation = eq(messages.conversationId, conversation.id);
  const take = input.limit + 1;
  let rows;
  if (input.afterSeq !== undefined) {
    rows = await base.where(and(inConversation, gt(messages.seq, input.afterSeq))).orderBy(asc(messages.seq)).limit(take);
  } else {
    const where = input.beforeSeq !== undefined ? and(inConversation, lt(messages.seq, input.beforeSeq)) : inConversation;
    rows = (await base.where(where).orderBy(desc(messages.seq)).limit(take)).reverse();
  }
  const hasMore = rows.length > input.limit;
  if (hasMore) {
    if (input.afterSeq !== undefined) rows = rows.slice(0, input.limit);
    else rows = rows.slice(1);
  }
  const files = await messageFiles(db, rows.flatMap((r) => (r.message.deletedAt ? [] : r.message.attachmentIds)));
  return {
    messages: rows.map((r) => toView(r.message, r.senderName, r.senderOrgName, files)),
    lastSeq: conversation.lastSeq,
    hasMore,
  };
}

/** The actor's own message, locked, in a conversation the actor still takes part in. */
async function ownMessage(tx: Db, actor: Actor, messageId: string): Promise<MessageRow> {
  const [row] = await tx.select().from(messages).where(eq(messages.id, messageId)).for('update');
  if (!row) throw notFound();
  await participantConversation(tx, actor, row.conversationId);
  if (row.senderUserId !== actor.userId) throw forbidden('messaging.notOwnMessage');
  if (row.deletedAt) throw conflict('messaging.messageWithdrawn');
  return row;
}

/** Edits the actor's own message within 5 minutes of sending it. */
export async function editMessage(db: Db, actor: MemberActor, input: { messageId: string; body: string }): Promise<MessageView> {
  return inTransaction(db, async (tx) => {
    const row = await ownMessage(tx, actor, input.messageId);
    if (now().getTime() - row.createdAt.getTime() > EDIT_WINDOW_MS) throw badRequest('messaging.editWindowPassed');
    const [updated] = await tx
      .update(messages)
      .set({ body: input.body, editedAt: now() })
      .where(eq(messages.id, row.id))
      .returning();
    if (!updated) throw notFound();
    await audit(tx, actor, {
      action: 'message.edit',
      entityType: 'message',
      entityId: row.id,
      orgId: actor.org.id,
      before: { body: row.body },
      after: { body: updated.body },
    });
    return toView(updated, actor.name, actor.org.name, await messageFiles(tx, updated.attachmentIds));
  });
}

/** 撤回: withdraws the actor's own message; the others see "已撤回". The text stays for the bureau if reported. */
export async function deleteMessage(db: Db, actor: MemberActor, input: { messageId: string }): Promise<MessageView> {
  return inTransaction(db, async (tx) => {
    const row = await ownMessage(tx, actor, input.messageId);
    const [updated] = await tx.update(messages).set({ deletedAt: now() }).where(eq(messages.id, row.id)).returning();
    if (!updated) throw notFound();
    await audit(tx, actor, { action: 'message.delete', entityType: 'message', entityId: row.id, orgId: actor.org.id });
    return toView(updated, actor.name, actor.org.name, new Map());
  });
}

/** 举报: a participant reports another organisation's message to the bureau (once per organisation and message). */
export async function reportMessage(db: Db, actor: MemberActor, input: { messageId: string; reason: string }): Promise<{ id: string }> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.select().from(messages).where(eq(messages.id, input.messageId)).limit(1);
    if (!row) throw notFound();
    await participantConversation(tx, actor, row.conversationId);
    if (row.senderOrgId === actor.org.id) throw badRequest('messaging.reportOwnOrg');
    const [report] = await tx
      .insert(messageReports)
      .values({
        messageId: row.id,
        reporterUserId: actor.userId,
        reporterOrgId: actor.org.id,
        reason: input.reason,
        bodySnapshot: row.body,
        createdAt: now(),
      })
      .onConflictDoNothing()
      .returning({ id: messageReports.id });
    if (!report) throw conflict('messaging.alreadyReported');
    await audit(tx, actor, { action: 'message.report', entityType: 'messageReport', entityId: report.id, orgId: actor.org.id, after: { messageId: row.id } });
    return report;
  });
}

/** The bureau's queue of reported messages: the text as it was when reported, who sent it and who reported it. */
export async function listReports(db: Db, _actor: MemberActor, input: { open: boolean; limit: number }) {
  const reporters = alias(organizations, 'reporter_org');
  return db
    .select({
      id: messageReports.id,
      messageId: messageReports.messageId,
      reason: messageReports.reason,
      body: messageReports.bodySnapshot,
      createdAt: messageReports.createdAt,
      resolvedAt: messageReports.resolvedAt,
      senderName: users.name,
      senderOrgName: organizations.name,
      reporterOrgName: reporters.name,
      conversationId: messages.conversationId,
      kind: conversations.kind,
      seq: messages.seq,
      withdrawn: sql<boolean>`${messages.deletedAt} is not null`,
    })
    .from(messageReports)
    .innerJoin(messages, eq(messages.id, messageReports.messageId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(organizations, eq(organizations.id, messages.senderOrgId))
    .innerJoin(reporters, eq(reporters.id, messageReports.reporterOrgId))
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(input.open ? isNull(messageReports.resolvedAt) : undefined)
    .orderBy(desc(messageReports.createdAt))
    .limit(input.limit);
}

/**
 * The bureau resolves a report: `remove` takes the message down (the participants see it withdrawn, as after
 * 撤回; the reported text stays in the report); without it the report is dismissed. Every open report on
 * the same message is resolved with it. The caller announces the changed message after commit.
 */
export async function resolveReport(db: Db, actor: MemberActor, input: { reportId: string; remove: boolean }): Promise<{ removed: MessageView | null }> {
  return inTransaction(db, async (tx) => {
    const [report] = await tx
      .select({ id: messageReports.id, messageId: messageReports.messageId })
      .from(messageReports)
      .where(and(eq(messageReports.id, input.reportId), isNull(messageReports.resolvedAt)))
      .for('update');
    if (!report) throw notFound();
    const resolved = await tx
      .update(messageReports)
      .set({ resolvedAt: now(), resolvedBy: actor.userId })
      .where(and(eq(messageReports.messageId, report.messageId), isNull(messageReports.resolvedAt)))
      .returning({ id: messageReports.id });
    let removed: MessageView | null = null;
    if (input.remove) {
      const [row] = await tx
        .update(messages)
        .set({ deletedAt: now() })
        .where(and(eq(messages.id, report.messageId), isNull(messages.deletedAt)))
        .returning();
      if (row) removed = await loadView(tx, eq(messages.id, row.id));
    }
    await audit(tx, actor, {
      action: 'message.reportResolved',
      entityType: 'messageReport',
      entityId: report.id,
      orgId: actor.org.id,
      after: { messageId: report.messageId, removed: input.remove, reports: resolved.map((r) => r.id) },
    });
    return { removed };
  });
}
