import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { attachments, auditLog } from '@/db/schema';
import type { Actor } from '../actor';
import { defaultMilestones } from '../bids/factories';
import { advanceClock, resetClock } from '../clock';
import { contractFixture, insertBureau } from '../contracts/test-fixtures';
import { insertNeed } from '../needs/factories';
import { handleDownload, handleUpload } from '../routers/files-http';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { LocalDiskStore, setFileStore } from './storage';

/**
 * A team's own files (POST /api/files without a need): uploaded to the organisation, then cited by a bid
 * revision or a milestone delivery. Read by the team, and by whoever may read what cites them — no one else.
 */

let database: Database;
let root: string;
let owner: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let team: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let rival: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let outsider: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let bureau: Awaited<ReturnType<typeof insertOrgWithOwner>>;

beforeAll(async () => {
  database = await createTestDatabase();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'h12-uploads-'));
  setFileStore(new LocalDiskStore(root));
  owner = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
  team = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
  rival = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
  outsider = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
  bureau = await insertBureau(database.db);
});
afterEach(() => resetClock());
afterAll(async () => {
  setFileStore(undefined);
  fs.rmSync(root, { recursive: true, force: true });
  await database.close();
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

function uploadOwn(actor: Actor | null, query = '', name = '技术方案.pdf') {
  const req = new Request(`http://localhost/api/files${query}`, {
    method: 'POST',
    body: PDF,
    headers: { 'x-file-name': encodeURIComponent(name) },
    duplex: 'half',
  } as RequestInit);
  return handleUpload(database.db, actor, req);
}

async function uploaded(actor: Actor, name?: string): Promise<string> {
  const res = await uploadOwn(actor, '', name);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function counts() {
  const [files] = await database.db.select({ n: count() }).from(attachments);
  const [audits] = await database.db.select({ n: count() }).from(auditLog);
  return { files: files?.n, audits: audits?.n, stored: fs.readdirSync(root, { recursive: true }).length };
}

const status = async (actor: Actor | null, id: string) => (await handleDownload(database.db, actor, id)).status;

describe("a team's own files", () => {
  it('a team member uploads without a need: the organisation owns the file, attached to no need, audited', async () => {
    const member = await insertMember(database.db, team.org, 'member');
    const res = await uploadOwn(member.actor, '', '验证报告.pdf');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; name: string; contentType: string };
    expect(body).toMatchObject({ name: '验证报告.pdf', contentType: 'application/pdf' });
    const [row] = await database.db.select().from(attachments).where(eq(attachments.id, body.id));
    expect(row).toMatchObject({ ownerOrgId: team.org.id, needId: null, confidential: false, uploadedBy: member.user.id });
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, body.id));
    expect(entry).toMatchObject({ action: 'file.upload', entityType: 'attachment', orgId: team.org.id });
  });

  it('refuses an enterprise, the anonymous, and a confidential own file — nothing kept', async () => {
    const before = await counts();
    expect((await uploadOwn(outsider.actor)).status).toBe(403);
    expect((await uploadOwn(null)).status).toBe(401);
    expect((await uploadOwn(team.actor, '?confidential=1')).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('before anything cites it, only the team reads it: outsiders, the bureau and the anonymous get 404', async () => {
    const id = await uploaded(team.actor);
    expect(await status(team.actor, id)).toBe(200);
    for (const actor of [owner.actor, rival.actor, outsider.actor, bureau.actor, null]) expect(await status(actor, id)).toBe(404);
  });

  it('cited by a submitted bid: the need owner reads it, a rival team and outsiders do not', async () => {
    const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published' });
    const id = await uploaded(team.actor, '工艺方案.pdf');
    const content = { approach: '在线测量与补偿。', milestones: defaultMilestones(60).map((m) => ({ ...m, amount: Number(m.amount) })), teamMembers: [{ name: '张教授', role: '负责人' }], attachmentIds: [id] };
    // A draft citing it is still the team's alone.
    await callerFor(database.db, team.actor).bids.saveDraft({ needId: need.id, content });
    expect(await status(owner.actor, id)).toBe(404);
    await callerFor(database.db, team.actor).bids.submit({ needId: need.id, content });
    expect(await status(owner.actor, id)).toBe(200);
    expect(await status(team.actor, id)).toBe(200);
    for (const actor of [rival.actor, outsider.actor, null]) expect(await status(actor, id)).toBe(404);
    // The rival cannot cite it either: a bid may only carry the team's own files.
    await expect(
      callerFor(database.db, rival.actor).bids.submit({ needId: need.id, content: { ...content, attachmentIds: [id] } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cited by a sealed 揭榜挂帅 bid: the owner reads it only after the deadline', async () => {
    const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published', mode: 'jiebang' });
    const id = await uploaded(team.actor);
    const milestones = defaultMilestones(200).map((m) => ({ ...m, amount: Number(m.amount) }));
    await callerFor(database.db, team.actor).bids.submit({
      needId: need.id,
      content: { approach: '揭榜方案。', milestones, teamMembers: [{ name: '张教授', role: '负责人' }], attachmentIds: [id] },
    });
    expect(await status(owner.actor, id)).toBe(404);
    expect(await status(bureau.actor, id)).toBe(404);
    advanceClock(31 * 24 * 3600 * 1000);
    expect(await status(owner.actor, id)).toBe(200);
    expect(await status(bureau.actor, id)).toBe(200);
    expect(await status(outsider.actor, id)).toBe(404);
  });

  it('cited by a milestone delivery: the client and the bureau read it, an outsider does not', async () => {
    const fx = await contractFixture(database.db, { amounts: [20, 40] });
    const id = await uploaded(fx.team.actor, '阶段成果.pdf');
    expect(await status(fx.client.actor, id)).toBe(404);
    const view = await callerFor(database.db, fx.team.actor).contracts.get({ id: fx.contract.id });
    const first = view.milestones[0];
    if (!first) throw new Error('milestone expected');
    await callerFor(database.db, fx.team.actor).contracts.submitDelivery({ milestoneId: first.id, note: '提交第一阶段成果。', attachmentIds: [id] });
    expect(await status(fx.client.actor, id)).toBe(200);
    expect(await status(bureau.actor, id)).toBe(200);
    for (const actor of [outsider.actor, rival.actor, null]) expect(await status(actor, id)).toBe(404);
  });
});
