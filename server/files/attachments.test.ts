import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { attachments, auditLog, needAnnexOpenings } from '@/db/schema';
import type { Actor } from '../actor';
import { insertNeed } from '../needs/factories';
import { handleDownload, handleUpload } from '../routers/files-http';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { makeZip } from './zip-fixture';
import { LocalDiskStore, MAX_UPLOAD_BYTES, setFileStore } from './storage';

let database: Database;
let root: string;
let owner: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let outsider: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let team: Awaited<ReturnType<typeof insertOrgWithOwner>>;

beforeAll(async () => {
  database = await createTestDatabase();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'h6-uploads-'));
  setFileStore(new LocalDiskStore(root));
  owner = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
  outsider = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
  team = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
});
afterAll(async () => {
  setFileStore(undefined);
  fs.rmSync(root, { recursive: true, force: true });
  await database.close();
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

function upload(actor: Actor | null, needId: string, body: Buffer | ReadableStream<Uint8Array>, name = '工艺参数.pdf', confidential = false, headers: Record<string, string> = {}) {
  const req = new Request(`http://localhost/api/files?needId=${needId}&confidential=${confidential ? 1 : 0}`, {
    method: 'POST',
    body,
    headers: { 'x-file-name': encodeURIComponent(name), ...headers },
    duplex: 'half',
  } as RequestInit);
  return handleUpload(database.db, actor, req);
}

function storedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else out.push(e.name);
    }
  };
  walk(root);
  return out;
}

async function counts() {
  const [files] = await database.db.select({ n: count() }).from(attachments);
  const [audits] = await database.db.select({ n: count() }).from(auditLog);
  return { files: files?.n, audits: audits?.n, stored: storedFiles().length };
}

describe('attachments', () => {
  it('the owner uploads to its draft: random key on disk, sniffed type, sha256, audit; the name is display only', async () => {
    const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id });
    const res = await upload(owner.actor, need.id, PDF, '../../etc/passwd.pdf', false, { 'content-type': 'image/png' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; name: string; contentType: string; size: number };
    expect(body).toMatchObject({ name: '.._.._etc_passwd.pdf', contentType: 'application/pdf', size: PDF.length });
    const [row] = await database.db.select().from(attachments).where(eq(attachments.id, body.id));
    expect(row?.storageKey).toMatch(/^[0-9a-f]{32}$/);
    expect(row?.sha256).toBe(crypto.createHash('sha256').update(PDF).digest('hex'));
    expect(storedFiles()).toContain(row?.storageKey);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'need.attachFile'));
    expect(entry).toMatchObject({ entityId: need.id, orgId: owner.org.id });
  });

  it('refuses a renamed executable, an oversize file (announced or streamed), an outsider, a published need — nothing kept', async () => {
    const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id });
    const before = await counts();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    const refusedExe = await upload(owner.actor, need.id, exe, '技术方案.pdf');
    expect(refusedExe.status).toBe(400);
    expect(await refusedExe.json()).toMatchObject({ error: { messageKey: 'files.typeNotAllowed' } });

    const announced = await upload(owner.actor, need.id, PDF, 'big.pdf', false, { 'content-length': String(MAX_UPLOAD_BYTES + 1) });
    expect(announced.status).toBe(413);

    // A body larger than the cap with no honest length: cut off while streaming.
    const chunk = new Uint8Array(1024 * 1024);
    chunk.set(PDF);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(chunk);
        sent += chunk.length;
        if (sent > MAX_UPLOAD_BYTES + 4 * chunk.length) controller.close();
      },
    });
    const streamed = await upload(owner.actor, need.id, endless, 'big.pdf');
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(MAX_UPLOAD_BYTES + 4 * chunk.length);

    expect((await upload(outsider.actor, need.id, PDF)).status).toBe(404);
    expect((await upload(team.actor, need.id, PDF)).status).toBe(403);
    expect((await upload(null, need.id, PDF)).status).toBe(401);
    const published = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published' });
    expect((await upload(owner.actor, published.id, PDF)).status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('public files follow the need: owner only while a draft, anyone once published', async () => {
    const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id });
    const { id } = (await (await upload(owner.actor, need.id, PDF, '需求说明.pdf')).json()) as { id: string };
    expect((await handleDownload(database.db, outsider.actor, id)).status).toBe(404);
    expect((await handleDownload(database.db, null, id)).status).toBe(404);
    const own = await handleDownload(database.db, owner.actor, id);
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer())).toEqual(PDF);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(own.headers.get('content-disposition')).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('需求说明.pdf')}`);

    await callerFor(database.db, owner.actor).needs.publish({ id: need.id });
    expect((await handleDownload(database.db, null, id)).status).toBe(200);
    const view = await callerFor(database.db, null).needs.get({ id: need.id });
    expect(view.attachments.map((a) => a.id)).toEqual([id]);
  });

  it('annex files open like the annex: NDA team and bureau (logged), never an outsider', async () => {
    const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id });
    const docx = makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const res = await upload(owner.actor, need.id, docx, '图纸清单.docx', true);
    expect(res.status).toBe(201);
    const { id, contentType } = (await res.json()) as { id: string; contentType: string };
    expect(contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    await callerFor(database.db, owner.actor).needs.publish({ id: need.id });

    // Published, yet confidential: not in the public view, not downloadable without the NDA.
    const view = await callerFor(database.db, team.actor).needs.get({ id: need.id });
    expect(view.attachments).toEqual([]);
    expect((await handleDownload(database.db, team.actor, id)).status).toBe(404);
    expect((await handleDownload(database.db, outsider.actor, id)).status).toBe(404);
    expect((await handleDownload(database.db, null, id)).status).toBe(404);

    await callerFor(database.db, team.actor).needs.acceptNda({ id: need.id });
    const annex = await callerFor(database.db, team.actor).needs.openAnnex({ id: need.id });
    expect(annex.attachments.map((a) => a.id)).toEqual([id]);
    expect((await handleDownload(database.db, team.actor, id)).status).toBe(200);
    expect((await handleDownload(database.db, owner.actor, id)).status).toBe(200);
    const openings = await database.db.select().from(needAnnexOpenings).where(eq(needAnnexOpenings.needId, need.id));
    // The annex opened once and its file downloaded once by the team; the owner's own download is not logged.
    expect(openings.map((o) => o.attachmentId).sort()).toEqual([id, null].sort());
  });

  it('the owner removes a draft’s file: row, audit, bytes', async () => {
    const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id });
    const { id } = (await (await upload(owner.actor, need.id, PDF)).json()) as { id: string };
    const [row] = await database.db.select().from(attachments).where(eq(attachments.id, id));
    await expect(callerFor(database.db, outsider.actor).needs.removeAttachment({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await callerFor(database.db, owner.actor).needs.removeAttachment({ id });
    expect(await database.db.select().from(attachments).where(eq(attachments.id, id))).toEqual([]);
    expect(storedFiles()).not.toContain(row?.storageKey);
  });

  it('an unknown or malformed id answers 404', async () => {
    expect((await handleDownload(database.db, owner.actor, crypto.randomUUID())).status).toBe(404);
    expect((await handleDownload(database.db, owner.actor, '../../etc/passwd')).status).toBe(404);
  });
});
