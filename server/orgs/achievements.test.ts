import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { achievements, auditLog, enclaves } from '@/db/schema';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    const error = e as { code?: string; message?: string; cause?: { fields?: Record<string, string> } };
    return { code: error.code, key: error.message, fields: error.cause?.fields };
  }
  throw new Error('expected a refusal');
}

const auditOf = (orgId: string) => database.db.select().from(auditLog).where(eq(auditLog.orgId, orgId));

const paper = {
  kind: 'paper' as const,
  title: '基于深度学习的茶叶嫩芽识别方法',
  abstract: '针对名优绿茶采摘中嫩芽识别困难的问题，提出一种改进的目标检测模型。',
  keywords: ['茶叶', '目标检测', '机器视觉'],
  year: 2024,
};

describe('achievements (成果) of research teams', () => {
  it('any member of a research team — pending included — adds, edits and deletes them, each audited', async () => {
    const { org } = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'pending' });
    const { actor: member } = await insertMember(database.db, org, 'member');
    const api = callerFor(database.db, member);
    const created = await api.orgs.achievements.create(paper);
    expect(created).toMatchObject({ title: paper.title, kind: 'paper', year: 2024 });
    await api.orgs.achievements.update({ id: created.id, ...paper, kind: 'patent', title: '一种茶叶嫩芽识别装置', year: 2025 });
    expect(await api.orgs.achievements.list()).toEqual([expect.objectContaining({ id: created.id, kind: 'patent', year: 2025 })]);
    await api.orgs.achievements.delete({ id: created.id });
    expect(await api.orgs.achievements.list()).toEqual([]);
    const actions = (await auditOf(org.id)).map((a) => a.action);
    expect(actions).toEqual(['achievement.create', 'achievement.update', 'achievement.delete']);
    const update = (await auditOf(org.id)).find((a) => a.action === 'achievement.update');
    expect(update?.before).toMatchObject({ kind: 'paper', year: 2024 });
    expect(update?.after).toMatchObject({ kind: 'patent', year: 2025 });
  });

  it('refuses a year in the future, with a field error', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'research_team' });
    const outcome = await refusal(callerFor(database.db, actor).orgs.achievements.create({ ...paper, year: new Date().getFullYear() + 1 }));
    expect(outcome).toMatchObject({ code: 'BAD_REQUEST', fields: { year: 'v.yearInFuture' } });
    expect(await auditOf(org.id)).toEqual([]);
  });

  it('enterprises have no achievements to manage', async () => {
    const { actor } = await insertOrgWithOwner(database.db, { kind: 'enterprise' });
    expect(await refusal(callerFor(database.db, actor).orgs.achievements.create(paper))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('another team’s achievement is NOT_FOUND to update or delete; it stays unchanged and no audit row is written', async () => {
    const { org, actor: owner } = await insertOrgWithOwner(database.db, { kind: 'research_team' });
    const created = await callerFor(database.db, owner).orgs.achievements.create(paper);
    const { org: otherOrg, actor: other } = await insertOrgWithOwner(database.db, { kind: 'research_team' });
    const before = await database.db.select().from(achievements).where(eq(achievements.orgId, org.id));
    const auditBefore = await auditOf(org.id);
    expect(await refusal(callerFor(database.db, other).orgs.achievements.update({ id: created.id, ...paper, title: '篡改' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(callerFor(database.db, other).orgs.achievements.delete({ id: created.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callerFor(database.db, other).orgs.achievements.list()).toEqual([]);
    expect(await database.db.select().from(achievements).where(eq(achievements.orgId, org.id))).toEqual(before);
    expect(await auditOf(org.id)).toEqual(auditBefore);
    expect(await auditOf(otherOrg.id)).toEqual([]);
  });
});

describe('enclaves (科创飞地) of incubators', () => {
  const hangzhou = { name: '新昌（杭州）科创飞地', city: '杭州', address: '杭州市滨江区江南大道 3850 号', capacity: 30 };

  it('an incubator’s owner or admin creates, edits and deletes its enclaves, each audited', async () => {
    const { org } = await insertOrgWithOwner(database.db, { kind: 'incubator', status: 'pending' });
    const { actor: admin } = await insertMember(database.db, org, 'admin');
    const api = callerFor(database.db, admin);
    const created = await api.orgs.enclaves.create(hangzhou);
    await api.orgs.enclaves.create({ name: '新昌（上海）科创飞地', city: '上海', address: null, capacity: null });
    await api.orgs.enclaves.update({ id: created.id, ...hangzhou, capacity: 45 });
    expect((await api.orgs.enclaves.list()).map((e) => [e.city, e.capacity])).toEqual([
      ['上海', null],
      ['杭州', 45],
    ]);
    await api.orgs.enclaves.delete({ id: created.id });
    expect(await api.orgs.enclaves.list()).toHaveLength(1);
    expect((await auditOf(org.id)).map((a) => a.action)).toEqual(['enclave.create', 'enclave.create', 'enclave.update', 'enclave.delete']);
  });

  it('members (role member) and other kinds cannot manage enclaves', async () => {
    const { org } = await insertOrgWithOwner(database.db, { kind: 'incubator' });
    const { actor: member } = await insertMember(database.db, org, 'member');
    const { actor: enterprise } = await insertOrgWithOwner(database.db, { kind: 'enterprise' });
    expect(await refusal(callerFor(database.db, member).orgs.enclaves.create(hangzhou))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(callerFor(database.db, enterprise).orgs.enclaves.list())).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('another incubator’s enclave is NOT_FOUND; unchanged, no audit row', async () => {
    const { org, actor: owner } = await insertOrgWithOwner(database.db, { kind: 'incubator' });
    const created = await callerFor(database.db, owner).orgs.enclaves.create(hangzhou);
    const { org: otherOrg, actor: other } = await insertOrgWithOwner(database.db, { kind: 'incubator' });
    const before = await database.db.select().from(enclaves).where(eq(enclaves.incubatorOrgId, org.id)).orderBy(asc(enclaves.id));
    expect(await refusal(callerFor(database.db, other).orgs.enclaves.update({ id: created.id, ...hangzhou, name: '篡改' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(callerFor(database.db, other).orgs.enclaves.delete({ id: created.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callerFor(database.db, other).orgs.enclaves.list()).toEqual([]);
    expect(await database.db.select().from(enclaves).where(eq(enclaves.incubatorOrgId, org.id)).orderBy(asc(enclaves.id))).toEqual(before);
    expect(await auditOf(otherOrg.id)).toEqual([]);
  });

  it('the public profile of an incubator lists its enclaves by name and city only', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'incubator' });
    await callerFor(database.db, actor).orgs.enclaves.create(hangzhou);
    const profile = await callerFor(database.db, null).orgs.publicProfile({ id: org.id });
    expect(profile.enclaves).toEqual([{ id: expect.any(String), name: hangzhou.name, city: '杭州' }]);
  });
});
