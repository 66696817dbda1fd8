import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, notifications, orgDisciplines, organizations } from '@/db/schema';
import type { Actor } from '../actor';
import { insertMember, insertOrgWithOwner, uniqueCreditCode } from '../seed/factories';
import { callerFor } from '../test/caller';

let database: Database;
let bureau: Actor;
beforeAll(async () => {
  database = await createTestDatabase();
  ({ actor: bureau } = await insertOrgWithOwner(database.db, { kind: 'bureau', status: 'verified' }));
});
afterAll(() => database.close());

/** The refusal's tRPC code and message key (the key the page translates). */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    const error = e as { code?: string; message?: string; cause?: { fields?: Record<string, string> } };
    return { code: error.code, key: error.message, fields: error.cause?.fields };
  }
  throw new Error('expected a refusal');
}

async function orgRow(id: string) {
  const [row] = await database.db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

async function auditRows(orgId: string, action?: string) {
  return database.db
    .select()
    .from(auditLog)
    .where(action ? and(eq(auditLog.orgId, orgId), eq(auditLog.action, action)) : eq(auditLog.orgId, orgId));
}

async function notificationsOf(userId: string) {
  return database.db.select().from(notifications).where(eq(notifications.userId, userId));
}

describe('own organisation profile', () => {
  it('a pending organisation’s owner reads and edits its profile; the change is audited with before/after', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'pending', city: '新昌' });
    const api = callerFor(database.db, actor);
    const mine = await api.orgs.mine();
    expect(mine).toMatchObject({ id: org.id, status: 'pending', creditCode: org.creditCode, city: '新昌' });

    const result = await api.orgs.updateProfile({
      industryField: 'smart_equipment',
      city: '新昌县',
      description: '专注轴承与精密机械',
      website: 'https://www.example-bearing.cn',
      keywords: ['轴承', '精密加工', '轴承'],
    });
    expect(result).toEqual({ status: 'pending', reverification: false });
    const row = await orgRow(org.id);
    expect(row).toMatchObject({ industryField: 'smart_equipment', city: '新昌县', keywords: ['轴承', '精密加工'], name: org.name });
    const [entry] = await auditRows(org.id, 'org.updateProfile');
    expect(entry?.actorUserId).toBe(actor.userId);
    expect(entry?.before).toEqual({ city: '新昌', industryField: null, description: null, website: null, keywords: [] });
    expect(entry?.after).toMatchObject({ city: '新昌县', industryField: 'smart_equipment', keywords: ['轴承', '精密加工'] });
  });

  it('saving an unchanged profile writes nothing', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { city: '新昌' });
    await callerFor(database.db, actor).orgs.updateProfile({ city: '新昌' });
    expect(await auditRows(org.id)).toHaveLength(0);
  });

  it('an empty text clears a field; a field left out stays', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { city: '新昌', description: '旧简介' });
    await callerFor(database.db, actor).orgs.updateProfile({ description: '' });
    expect(await orgRow(org.id)).toMatchObject({ description: null, city: '新昌' });
  });

  it('a member (role member) cannot edit the profile', async () => {
    const { org } = await insertOrgWithOwner(database.db);
    const { actor } = await insertMember(database.db, org, 'member');
    const before = await orgRow(org.id);
    expect(await refusal(callerFor(database.db, actor).orgs.updateProfile({ city: '杭州' }))).toMatchObject({ code: 'FORBIDDEN', key: 'forbidden' });
    expect(await orgRow(org.id)).toEqual(before);
    expect(await auditRows(org.id)).toHaveLength(0);
  });

  it('refuses a credit code with a wrong check digit, with a field error, and changes nothing', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db);
    const good = uniqueCreditCode('enterprise');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const outcome = await refusal(callerFor(database.db, actor).orgs.updateProfile({ creditCode: bad }));
    expect(outcome.code).toBe('BAD_REQUEST');
    expect(await orgRow(org.id)).toMatchObject({ creditCode: org.creditCode });
  });

  it('an enterprise cannot take a code another enterprise holds', async () => {
    const { org: other } = await insertOrgWithOwner(database.db, { kind: 'enterprise' });
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'pending' });
    const outcome = await refusal(callerFor(database.db, actor).orgs.updateProfile({ creditCode: other.creditCode }));
    expect(outcome).toMatchObject({ code: 'BAD_REQUEST', fields: { creditCode: 'v.creditCode.taken' } });
    expect(await orgRow(org.id)).toMatchObject({ creditCode: org.creditCode });
  });

  it('a research team must keep its host institution', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'pending' });
    const outcome = await refusal(callerFor(database.db, actor).orgs.updateProfile({ hostInstitution: '' }));
    expect(outcome).toMatchObject({ code: 'BAD_REQUEST', fields: { hostInstitution: 'v.hostInstitution.required' } });
    expect(await orgRow(org.id)).toMatchObject({ hostInstitution: '浙江大学' });
  });

  it('a verified organisation changing its credit code goes back to pending and the bureau is told', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
    const code = uniqueCreditCode('enterprise');
    const result = await callerFor(database.db, actor).orgs.updateProfile({ creditCode: code.toLowerCase() });
    expect(result).toEqual({ status: 'pending', reverification: true });
    expect(await orgRow(org.id)).toMatchObject({ status: 'pending', creditCode: code });
    const [entry] = await auditRows(org.id, 'org.updateProfile');
    expect(entry?.before).toEqual({ creditCode: org.creditCode, status: 'verified' });
    expect(entry?.after).toEqual({ creditCode: code, status: 'pending' });
    const told = await notificationsOf(bureau.userId);
    expect(told.some((n) => n.kind === 'bureau.orgPending' && n.payload.orgId === org.id)).toBe(true);
  });

  it('a verified organisation changing its name goes back to pending; other fields keep it verified', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    const api = callerFor(database.db, actor);
    expect(await api.orgs.updateProfile({ description: '新的团队简介', keywords: ['磨削'], city: '杭州' })).toEqual({ status: 'verified', reverification: false });
    expect(await api.orgs.updateProfile({ hostInstitution: '浙江工业大学' })).toEqual({ status: 'pending', reverification: true });
    expect(await orgRow(org.id)).toMatchObject({ status: 'pending', hostInstitution: '浙江工业大学' });
  });
});

describe('rejected organisations resubmit', () => {
  it('rejected → fix the profile → resubmit → pending, the bureau is told; pending/verified resubmits change nothing', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'pending' });
    await callerFor(database.db, bureau).bureau.reject({ orgId: org.id, reason: '营业执照名称与填写不一致' });
    const api = callerFor(database.db, actor);
    expect(await api.orgs.mine()).toMatchObject({ status: 'rejected', rejectionReason: '营业执照名称与填写不一致' });

    // Pending and rejected organisations edit their profile freely.
    await api.orgs.updateProfile({ name: '新昌精工轴承有限公司' });
    expect(await api.orgs.resubmit()).toEqual({ status: 'pending', resubmitted: true });
    expect(await orgRow(org.id)).toMatchObject({ status: 'pending', name: '新昌精工轴承有限公司' });
    const [entry] = await auditRows(org.id, 'org.resubmit');
    expect(entry?.before).toMatchObject({ status: 'rejected' });
    expect(entry?.after).toEqual({ status: 'pending' });
    const told = await notificationsOf(bureau.userId);
    expect(told.filter((n) => n.kind === 'bureau.orgPending' && n.payload.orgId === org.id)).toHaveLength(1);

    expect(await api.orgs.resubmit()).toEqual({ status: 'pending', resubmitted: false });
    expect(await auditRows(org.id, 'org.resubmit')).toHaveLength(1);
  });
});

describe('disciplines of research teams', () => {
  it('a research team declares 一级学科 codes from the catalogue; unknown codes are refused', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'pending' });
    const api = callerFor(database.db, actor);
    expect(await api.orgs.setDisciplines({ codes: ['0805', '0802', '0805'] })).toEqual({ codes: ['0802', '0805'] });
    expect((await api.orgs.mine()).disciplineCodes).toEqual(['0802', '0805']);

    const outcome = await refusal(api.orgs.setDisciplines({ codes: ['0802', '0834'] }));
    expect(outcome.code).toBe('BAD_REQUEST');
    const rows = await database.db.select().from(orgDisciplines).where(eq(orgDisciplines.orgId, org.id));
    expect(rows.map((r) => r.disciplineCode).sort()).toEqual(['0802', '0805']);
    const [entry] = await auditRows(org.id, 'org.setDisciplines');
    expect(entry?.after).toEqual({ disciplines: ['0802', '0805'] });
  });

  it('an enterprise has no disciplines to declare', async () => {
    const { actor } = await insertOrgWithOwner(database.db, { kind: 'enterprise' });
    expect(await refusal(callerFor(database.db, actor).orgs.setDisciplines({ codes: ['0802'] }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the catalogue is public', async () => {
    const catalogue = await callerFor(database.db, null).orgs.disciplineCatalogue();
    expect(catalogue.find((c) => c.code === '08')?.disciplines.some((d) => d.code === '0802' && d.nameEn === 'Mechanical Engineering')).toBe(true);
  });
});

describe('public profile page', () => {
  it('shows a verified organisation to anyone, without private data', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified', city: '杭州' });
    await callerFor(database.db, actor).orgs.setDisciplines({ codes: ['0802'] });
    await callerFor(database.db, actor).orgs.achievements.create({ kind: 'patent', title: '一种轴承套圈磨削装置', abstract: '摘要', keywords: ['磨削'], year: 2023 });
    const profile = await callerFor(database.db, null).orgs.publicProfile({ id: org.id });
    expect(profile).toMatchObject({ id: org.id, name: org.name, status: 'verified', city: '杭州', disciplineCodes: ['0802'] });
    expect(profile.achievements).toHaveLength(1);
    expect(JSON.stringify(profile)).not.toContain(org.creditCode);
    expect(profile).not.toHaveProperty('creditCode');
    expect(profile).not.toHaveProperty('rejectionReason');
  });

  it('a pending or rejected organisation is NOT_FOUND to others, visible to its members and the bureau', async () => {
    for (const status of ['pending', 'rejected'] as const) {
      const { org, actor } = await insertOrgWithOwner(database.db, { status });
      const { actor: stranger } = await insertOrgWithOwner(database.db);
      expect(await refusal(callerFor(database.db, null).orgs.publicProfile({ id: org.id }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await refusal(callerFor(database.db, stranger).orgs.publicProfile({ id: org.id }))).toMatchObject({ code: 'NOT_FOUND' });
      expect((await callerFor(database.db, actor).orgs.publicProfile({ id: org.id })).status).toBe(status);
      expect((await callerFor(database.db, bureau).orgs.publicProfile({ id: org.id })).status).toBe(status);
    }
  });
});
