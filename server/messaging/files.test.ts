import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import type { Actor, MemberActor } from '../actor';
import { LocalDiskStore, setFileStore } from '../files/storage';
import { insertNeed } from '../needs/factories';
import { handleDownload, handleUpload } from '../routers/files-http';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { deleteMessage, history, sendMessage } from './messages';
import { directFixture } from './test-fixtures';

/**
 * Files in messages: any participant uploads one (POST /api/files?for=message), cites it in a message,
 * and every member of the conversation's organisations may open it — nobody else, and nobody once the
 * message is withdrawn. Images and files alike travel with their name, type and size for previews.
 */

let database: Database;
let root: string;
let fx: Awaited<ReturnType<typeof directFixture>>;
let outsider: Awaited<ReturnType<typeof insertOrgWithOwner>>;

beforeAll(async () => {
  database = await createTestDatabase();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-message-files-'));
  setFileStore(new LocalDiskStore(root));
  fx = await directFixture(database.db);
  outsider = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
});
afterAll(async () => {
  setFileStore(undefined);
  fs.rmSync(root, { recursive: true, force: true });
  await database.close();
});

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);

function upload(actor: Actor | null, bytes: Buffer, name: string, query = '?for=message') {
  const req = new Request(`http://localhost/api/files${query}`, {
    method: 'POST',
    body: bytes,
    headers: { 'x-file-name': encodeURIComponent(name) },
    duplex: 'half',
  } as RequestInit);
  return handleUpload(database.db, actor, req);
}

async function uploaded(actor: Actor, bytes: Buffer, name: string): Promise<{ id: string; contentType: string; size: number }> {
  const res = await upload(actor, bytes, name);
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; contentType: string; size: number };
}

const send = (actor: Actor, attachmentIds: string[], body = '请看附件') =>
  sendMessage(database.db, actor, { conversationId: fx.conversationId, clientId: crypto.randomUUID(), body, attachmentIds });

describe('message files', () => {
  it('an enterprise (not only a team) uploads files for a message; without for=message it may not', async () => {
    const image = await uploaded(fx.enterprise.actor, PNG, '样件照片.png');
    expect(image).toMatchObject({ contentType: 'image/png', size: PNG.length });
    const refused = await upload(fx.enterprise.actor, PDF, '报价.pdf', '');
    expect(refused.status).toBe(403);
  });

  it('type and size limits: an executable renamed to .pdf is refused, and so is an announced 21 MB body', async () => {
    const exe = await upload(fx.enterprise.actor, EXE, '报价.pdf');
    expect(exe.status).toBe(400);
    expect(((await exe.json()) as { error: { messageKey: string } }).error.messageKey).toBe('files.typeNotAllowed');
    const big = new Request('http://localhost/api/files?for=message', {
      method: 'POST',
      body: PDF,
      headers: { 'x-file-name': 'big.pdf', 'content-length': String(21 * 1024 * 1024) },
      duplex: 'half',
    } as RequestInit);
    const res = await handleUpload(database.db, fx.enterprise.actor, big);
    expect(res.status).toBe(413);
  });

  it('a message carries its files with name, type and size; participants open them, an outsider gets 404', async () => {
    const image = await uploaded(fx.enterprise.actor, PNG, '样件照片.png');
    const doc = await uploaded(fx.enterprise.actor, PDF, '报价单.pdf');
    const { message } = await send(fx.enterprise.actor, [doc.id, image.id]);
    expect(message.files.map((f) => [f.name, f.contentType])).toEqual([
      ['报价单.pdf', 'application/pdf'],
      ['样件照片.png', 'image/png'],
    ]);
    const page = await history(database.db, fx.team.actor, { conversationId: fx.conversationId, limit: 50 });
    expect(page.messages.find((m) => m.id === message.id)?.files.map((f) => f.size)).toEqual([PDF.length, PNG.length]);

    // The other organisation's members (not only its owner) read it; the image is served inline.
    const colleague = await insertMember(database.db, fx.team.org, 'member');
    const opened = await handleDownload(database.db, colleague.actor, image.id);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-disposition')).toMatch(/^inline/);
    expect(Buffer.from(await opened.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await handleDownload(database.db, fx.team.actor, doc.id)).status).toBe(200);

    // Outsiders and anonymous visitors: not found, exactly like a file that does not exist.
    expect((await handleDownload(database.db, outsider.actor, image.id)).status).toBe(404);
    expect((await handleDownload(database.db, null, doc.id)).status).toBe(404);
    expect((await handleDownload(database.db, outsider.actor, crypto.randomUUID())).status).toBe(404);
  });

  it('a withdrawn message takes its files with it (for the other side; the uploader keeps its own file)', async () => {
    const doc = await uploaded(fx.enterprise.actor, PDF, '撤回的附件.pdf');
    const { message } = await send(fx.enterprise.actor, [doc.id]);
    expect((await handleDownload(database.db, fx.team.actor, doc.id)).status).toBe(200);
    const withdrawn = await deleteMessage(database.db, fx.enterprise.actor as MemberActor, { messageId: message.id });
    expect(withdrawn.files).toEqual([]);
    expect((await handleDownload(database.db, fx.team.actor, doc.id)).status).toBe(404);
    expect((await handleDownload(database.db, fx.enterprise.actor, doc.id)).status).toBe(200);
  });

  it("another organisation's file, or a need's file, cannot be cited (it would become readable here)", async () => {
    const foreign = await uploaded(outsider.actor, PDF, '外部文件.pdf');
    await expect(send(fx.enterprise.actor, [foreign.id])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const need = await insertNeed(database.db, { orgId: fx.enterprise.org.id, userId: fx.enterprise.actor.userId }, { status: 'draft' });
    const annexRes = await upload(fx.enterprise.actor, PDF, '保密附件.pdf', `?needId=${need.id}&confidential=1`);
    expect(annexRes.status).toBe(201);
    const annex = (await annexRes.json()) as { id: string };
    await expect(send(fx.enterprise.actor, [annex.id])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await handleDownload(database.db, fx.team.actor, annex.id)).status).toBe(404);
  });

  it('through tRPC history the files arrive too', async () => {
    const page = await callerFor(database.db, fx.team.actor).messages.history({ conversationId: fx.conversationId });
    expect(page.messages.some((m) => m.files.some((f) => f.contentType === 'image/png'))).toBe(true);
  });
});
