import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments, needs } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { canReadBidAttachment } from '../bids/access';
import { readableAsDeliveryFile } from '../contracts/files';
import { readableAsLandingEvidence } from '../landing/files';
import { readableAsMessageFile } from '../messaging/files';
import { annexAccess, logAnnexOpening } from '../needs/annex';
import { can } from '../permissions';
import { inTransaction } from '../transaction';
import { sniff } from './sniff';
import { fileStore, FileTooLargeError, MAX_UPLOAD_BYTES, newStorageKey } from './storage';

/**
 * Attachments of needs (public ones and the confidential annex's). Uploading is for the owning
 * organisation while the need is a draft; reading follows the need: public attachments with the need's
 * public view, annex files exactly like the annex (and each download by an outsider is logged).
 *
 * A team's own files (no need: bid attachments, milestone deliveries) are uploaded to its organisation
 * first and then cited by a bid revision or a delivery; they are read by the team and by whoever may read
 * a submitted bid or a delivery that cites them.
 */

export type AttachmentRow = typeof attachments.$inferSelect;

/** Display names only: path separators and control characters go, length is capped. */
export function displayName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = raw.normalize('NFC').replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim();
  return (cleaned || 'file').slice(-200);
}

export interface UploadInput {
  needId: string;
  confidential: boolean;
  /** As the client named it: shown to users, never used as a path or to decide the type. */
  name: string;
  body: AsyncIterable<Uint8Array>;
  signal?: AbortSignal;
}

export type OwnUploadInput = Omit<UploadInput, 'needId' | 'confidential'>;

/** The need must be the actor's organisation's draft (anything else: NOT_FOUND / CONFLICT, nothing stored). */
async function ownDraft(db: Db, actor: MemberActor, needId: string) {
  const [need] = await db
    .select({ id: needs.id, status: needs.status, ownerOrgId: needs.ownerOrgId })
    .from(needs)
    .where(and(eq(needs.id, needId), eq(needs.ownerOrgId, actor.org.id)))
    .limit(1);
  if (!need) throw notFound();
  if (need.status !== 'draft') throw conflict('needs.notDraft');
  return need;
}

function assertCanDraft(actor: Actor | null): MemberActor {
  if (!actor) throw new AppError('UNAUTHORIZED', 'unauthorized');
  const org = actor.org;
  if (!org) throw new AppError('FORBIDDEN', 'noOrganisation');
  if (!can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, 'need.draft')) throw new AppError('FORBIDDEN', 'forbidden');
  return actor as MemberActor;
}

/**
 * Streams an upload into the file store under a random key, with the size cap enforced while streaming,
 * then sniffs what the bytes are; a refused file is deleted before anything is recorded. Then `record`
 * writes the row in a transaction; if it throws, the bytes are deleted too.
 */
async function storeUpload<T>(db: Db, input: OwnUploadInput, record: (tx: Db, stored: StoredFile) => Promise<T>): Promise<T> {
  const store = fileStore();
  const key = newStorageKey();
  let stored;
  try {
    stored = await store.put(key, input.body, { maxBytes: MAX_UPLOAD_BYTES, signal: input.signal });
  } catch (e) {
    if (e instanceof FileTooLargeError) throw new AppError('BAD_REQUEST', 'files.tooLarge', { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 });
    throw e;
  }
  const name = displayName(input.name);
  const kind = sniff(stored.head, stored.tail, stored.size, name);
  if (!kind.ok) {
    await store.delete(key);
    throw badRequest(kind.reason === 'empty' ? 'files.empty' : 'files.typeNotAllowed');
  }
  try {
    return await inTransaction(db, (tx) => record(tx, { key, name, contentType: kind.contentType, size: stored.size, sha256: stored.sha256 }));
  } catch (e) {
    await store.delete(key);
    throw e;
  }
}

interface StoredFile {
  key: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

const uploadedView = (row: AttachmentRow) => ({
  id: row.id,
  name: row.originalName,
  contentType: row.contentType,
  size: row.size,
  confidential: row.confidential,
  createdAt: row.createdAt,
});

/** Uploads a file to one of the actor's organisation's draft needs (public, or to the confidential annex). */
export async function uploadNeedAttachment(db: Db, actor: Actor | null, input: UploadInput) {
  const member = assertCanDraft(actor);
  await ownDraft(db, member, input.needId);
  return storeUpload(db, input,     async (tx, file) => {
      // Re-checked inside the transaction: the draft may have been published while the bytes streamed.
      const [need] = await tx
        .select({ status: needs.status })
        .from(needs)
        .where(and(eq(needs.id, input.needId), eq(needs.ownerOrgId, member.org.id)))
        .for('update');
      if (!need) throw notFound();
      if (need.status !== 'draft') throw conflict('needs.notDraft');
      const [row] = await tx
        .insert(attachments)
        .values({
          ownerOrgId: member.org.id,
          needId: input.needId,
          confidential: input.confidential,
          storageKey: file.key,
          originalName: file.name,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
          uploadedBy: member.userId,
          createdAt: now(),
        })
        .returning();
      if (!row) throw new Error('insert attachment returned no row');
      await audit(tx, member, {
        action: 'need.attachFile',
        entityType: 'need',
        entityId: input.needId,
        orgId: member.org.id,
        after: { attachmentId: row.id, name: file.name, contentType: row.contentType, size: row.size, sha256: row.sha256, confidential: row.confidential },
      });
      return uploadedView(row);
  });
}

/**
 * Uploads a file of the actor's own organisation, attached to no need: a team's bid attachment or
 * milestone deliverable, cited afterwards by a bid revision or a delivery (which check the file is the
 * team's own). Readable by the organisation, and by whoever may read what cites it.
 */
export async function uploadOwnFile(db: Db, actor: Actor | null, input: OwnUploadInput, action: 'file.uploadOwn' | 'message.attach' | 'landing.prepareGate' = 'file.uploadOwn') {
  if (!actor) throw new AppError('UNAUTHORIZED', 'unauthorized');
  const org = actor.org;
  if (!org) throw new AppError('FORBIDDEN', 'noOrganisation');
  if (!can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, action)) throw new AppError('FORBIDDEN', 'forbidden');
  const member = actor as MemberActor;
  return storeUpload(db, input,     async (tx, file) => {
      const [row] = await tx
        .insert(attachments)
        .values({
          ownerOrgId: member.org.id,
          needId: null,
          confidential: false,
          storageKey: file.key,
          originalName: file.name,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
          uploadedBy: member.userId,
          createdAt: now(),
        })
        .returning();
      if (!row) throw new Error('insert attachment returned no row');
      await audit(tx, member, {
        action: 'file.upload',
        entityType: 'attachment',
        entityId: row.id,
        orgId: member.org.id,
        after: { name: file.name, contentType: row.contentType, size: row.size, sha256: row.sha256 },
      });
      return uploadedView(row);
  });
}

/** Removes a file from the owner's draft; the bytes are deleted once the removal has committed. */
export async function removeNeedAttachment(db: Db, actor: MemberActor, attachmentId: string) {
  await inTransaction(db, async (tx, afterCommit) => {
    const [row] = await tx
      .select({ attachment: attachments, status: needs.status })
      .from(attachments)
      .innerJoin(needs, eq(needs.id, attachments.needId))
      .where(and(eq(attachments.id, attachmentId), eq(attachments.ownerOrgId, actor.org.id), eq(needs.ownerOrgId, actor.org.id)))
      .for('update');
    if (!row) throw notFound();
    if (row.status !== 'draft') throw conflict('needs.notDraft');
    await tx.delete(attachments).where(eq(attachments.id, attachmentId));
    await audit(tx, actor, {
      action: 'need.removeFile',
      entityType: 'need',
      entityId: row.attachment.needId ?? '',
      orgId: actor.org.id,
      before: { attachmentId, name: row.attachment.originalName, sha256: row.attachment.sha256 },
    });
    afterCommit(() => fileStore().delete(row.attachment.storageKey));
  });
}

/**
 * The attachment if `actor` may read it, else null (the route answers 404 either way). Public files of a
 * published need: anyone. Annex files: as the annex opens (owner, NDA team, bureau). A file not attached
 * to a need: its organisation, and whoever may read a submitted bid revision (server/bids/access.ts) or a
 * milestone delivery (server/contracts/files.ts) citing it, or takes part in a conversation where a message
 * (not withdrawn) carries it (server/messaging/files.ts), or is a party of a landing project whose gate cites it
 * as evidence (server/landing/files.ts).
 */
export async function canReadAttachment(db: Db, actor: Actor | null, attachmentId: string): Promise<{ attachment: AttachmentRow; logOpening: boolean } | null> {
  const [row] = await db
    .select({ attachment: attachments, need: { id: needs.id, ownerOrgId: needs.ownerOrgId, publishedAt: needs.publishedAt } })
    .from(attachments)
    .leftJoin(needs, eq(needs.id, attachments.needId))
    .where(eq(attachments.id, attachmentId))
    .limit(1);
  if (!row) return null;
  const { attachment, need } = row;
  const isOwner = !!actor?.org && actor.org.id === attachment.ownerOrgId;
  if (!need) {
    if (isOwner) return { attachment, logOpening: false };
    const cited =
      (await canReadBidAttachment(db, actor, attachment.id)) ||
      (await readableAsDeliveryFile(db, actor, attachment.id)) ||
      (await readableAsMessageFile(db, actor, attachment.id)) ||
      (await readableAsLandingEvidence(db, actor, attachment.id));
    return cited ? { attachment, logOpening: false } : null;
  }
  if (!attachment.confidential) {
    return isOwner || actor?.org?.id === need.ownerOrgId || need.publishedAt ? { attachment, logOpening: false } : null;
  }
  const access = await annexAccess(db, actor, need);
  if (!access) return null;
  return { attachment, logOpening: access !== 'owner' };
}

/** Opens an attachment's bytes for `actor` (logging an annex download), or null: not found or not allowed. */
export async function openAttachment(db: Db, actor: Actor | null, attachmentId: string) {
  const allowed = await canReadAttachment(db, actor, attachmentId);
  if (!allowed) return null;
  const { attachment, logOpening } = allowed;
  const stream = await fileStore().get(attachment.storageKey);
  if (logOpening && actor?.org && attachment.needId) await logAnnexOpening(db, actor as MemberActor, attachment.needId, attachment.id);
  return { attachment, stream };
}
