import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import type { Actor } from '../actor';
import { insertBureau } from '../contracts/test-fixtures';
import { LocalDiskStore, setFileStore } from '../files/storage';
import { handleDownload, handleUpload } from '../routers/files-http';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { enclaves } from '@/db/schema';
import { now } from '../clock';
import { createProject } from './projects';
import { asMember, localCreditCode } from './test-fixtures';

let database: Database;
let db: Db;
let root: string;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'landing-evidence-'));
  setFileStore(new LocalDiskStore(root));
});
afterAll(async () => {
  setFileStore(undefined);
  fs.rmSync(root, { recursive: true, force: true });
  await database.close();
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

async function upload(actor: Actor | null, query: string) {
  const req = new Request(`http://localhost/api/files${query}`, {
    method: 'POST',
    body: PDF,
    headers: { 'x-file-name': encodeURIComponent('样机验证报告.pdf') },
    duplex: 'half',
  } as RequestInit);
  return handleUpload(db, actor, req);
}

const status = async (actor: Actor | null, id: string) => (await handleDownload(db, actor, id)).status;

describe('gate evidence files', () => {
  it('a company that owns a project uploads evidence (for=landing); once cited, the incubator, the enterprise and the bureau open it, outsiders do not', async () => {
    const incubator = await insertOrgWithOwner(db, { kind: 'incubator', status: 'verified' });
    const [enclave] = await db.insert(enclaves).values({ incubatorOrgId: incubator.org.id, name: '新昌（深圳）科创飞地', city: '深圳', createdAt: now() }).returning();
    const company = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const bureau = await insertBureau(db);
    const outsider = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const { id: projectId } = await createProject(db, asMember(incubator), {
      name: '柔性电子皮肤传感器',
      enclaveId: enclave?.id ?? '',
      teamOrgId: company.org.id,
      enterpriseOrgId: null,
      field: 'electronics',
      disciplineCodes: [],
      description: '',
      plannedSite: '',
      targetInvestment: null,
      targetRevenue: null,
      targetEmployees: null,
      targetNote: '',
      contractIds: [],
    });
    // An enterprise may not upload "own files" (those are a team's bid and delivery files) — but gate evidence, yes.
    expect((await upload(company.actor, '')).status).toBe(403);
    const res = await upload(company.actor, '?for=landing');
    expect(res.status).toBe(201);
    const fileId = ((await res.json()) as { id: string }).id;
    expect((await upload(incubator.actor, '?for=landing')).status).toBe(403);

    // Not cited yet: only the company itself.
    expect(await status(incubator.actor, fileId)).toBe(404);
    await callerFor(db, company.actor).landing.saveGate({
      projectId,
      gate: 'accelerating',
      entries: [
        { itemKey: 'prototypeValidated', attachmentIds: [fileId] },
        { itemKey: 'localCompanyRegistered', creditCode: localCreditCode(77), text: '新昌柔电科技有限公司' },
      ],
    });
    expect(await status(company.actor, fileId)).toBe(200);
    expect(await status(incubator.actor, fileId)).toBe(200);
    expect(await status(bureau.actor, fileId)).toBe(200);
    expect(await status(outsider.actor, fileId)).toBe(404);
    expect(await status(null, fileId)).toBe(404);
    const gate = await callerFor(db, incubator.actor).landing.gate({ projectId, gate: 'accelerating' });
    expect(gate.items.find((i) => i.key === 'prototypeValidated')?.entry?.files.map((f) => f.name)).toEqual(['样机验证报告.pdf']);
  });
});
