import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, notifications, organizations } from '@/db/schema';
import type { Actor } from '../actor';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';

let database: Database;
let bureau: Actor;
beforeAll(async () => {
  database = await createTestDatabase();
  const { org } = await insertOrgWithOwner(database.db, { kind: 'bureau', status: 'verified' });
  // Any bureau member reviews (the permission table: bureau, all roles).
  ({ actor: bureau } = await insertMember(database.db, org, 'member'));
});
afterAll(() => database.close());

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    const error = e as { code?: string; message?: string };
    return { code: error.code, key: error.message };
  }
  throw new Error('expected a refusal');
}

const rowOf = async (id: string) => (await database.db.select().from(organizations).where(eq(organizations.id, id)))[0];
const auditOf = (orgId: string) => database.db.select().from(auditLog).where(eq(auditLog.orgId, orgId));
const kindsFor = async (userId: string) =>
  (await database.db.select().from(notifications).where(eq(notifications.userId, userId))).map((n) => ({ kind: n.kind, payload: n.payload }));

describe('bureau verification (资质审核)', () => {
  it('lists pending organisations oldest first, filtered by kind and by name or credit code, with the owner as contact', async () => {
    const a = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'pending', name: '新昌县万丰精密机械有限公司' }, { name: '陈立' });
    const b = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'pending', name: '浙江大学流体传动团队' });
    await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified', name: '已认证企业' });
    const api = callerFor(database.db, bureau);
    const pending = await api.bureau.organisations({ status: 'pending' });
    const ids = pending.rows.map((r) => r.id);
    expect(ids.indexOf(a.org.id)).toBeLessThan(ids.indexOf(b.org.id));
    expect(pending.rows.every((r) => r.status === 'pending')).toBe(true);
    expect(pending.rows.find((r) => r.id === a.org.id)?.contact).toContain('陈立');

    expect((await api.bureau.organisations({ status: 'pending', kind: 'research_team' })).rows.map((r) => r.id)).toContain(b.org.id);
    expect((await api.bureau.organisations({ status: 'pending', kind: 'research_team' })).rows.map((r) => r.id)).not.toContain(a.org.id);
    expect((await api.bureau.organisations({ status: 'pending', q: '万丰' })).rows.map((r) => r.id)).toEqual([a.org.id]);
    expect((await api.bureau.organisations({ status: 'pending', q: a.org.creditCode.slice(0, 12) })).rows.map((r) => r.id)).toEqual([a.org.id]);
    expect((await api.bureau.organisations({ status: 'pending', q: '100%_' })).rows).toEqual([]);
  });

  it('verify: pending → verified, audited with before/after, owners and admins notified (members not)', async () => {
    const { org, actor: owner } = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'pending' });
    const { actor: admin } = await insertMember(database.db, org, 'admin');
    const { actor: member } = await insertMember(database.db, org, 'member');
    expect(await callerFor(database.db, bureau).bureau.verify({ orgId: org.id })).toEqual({ id: org.id, status: 'verified' });
    expect(await rowOf(org.id)).toMatchObject({ status: 'verified', reviewedBy: bureau.userId, rejectionReason: null });
    const [entry] = await auditOf(org.id);
    expect(entry).toMatchObject({ action: 'org.verify', actorUserId: bureau.userId, actorOrgId: bureau.org?.id, before: { status: 'pending' }, after: { status: 'verified' } });
    expect(await kindsFor(owner.userId)).toEqual([{ kind: 'org.verified', payload: { orgName: org.name } }]);
    expect(await kindsFor(admin.userId)).toHaveLength(1);
    expect(await kindsFor(member.userId)).toEqual([]);
    // The owner now sees the organisation verified.
    expect((await callerFor(database.db, owner).orgs.mine()).status).toBe('verified');
  });

  it('reject: requires a reason; pending → rejected with the reason, notified with it', async () => {
    const { org, actor: owner } = await insertOrgWithOwner(database.db, { kind: 'incubator', status: 'pending' });
    const api = callerFor(database.db, bureau);
    expect((await refusal(api.bureau.reject({ orgId: org.id, reason: ' ' }))).code).toBe('BAD_REQUEST');
    expect(await auditOf(org.id)).toEqual([]);
    await api.bureau.reject({ orgId: org.id, reason: '统一社会信用代码与营业执照不符，请核对后重新提交' });
    expect(await rowOf(org.id)).toMatchObject({ status: 'rejected', rejectionReason: '统一社会信用代码与营业执照不符，请核对后重新提交' });
    expect((await auditOf(org.id))[0]).toMatchObject({ action: 'org.reject', before: { status: 'pending' }, after: { status: 'rejected' } });
    expect(await kindsFor(owner.userId)).toEqual([
      { kind: 'org.rejected', payload: { orgName: org.name, reason: '统一社会信用代码与营业执照不符，请核对后重新提交' } },
    ]);
  });

  it('only pending organisations are verified or rejected', async () => {
    const { org } = await insertOrgWithOwner(database.db, { status: 'verified' });
    const before = await rowOf(org.id);
    expect(await refusal(callerFor(database.db, bureau).bureau.verify({ orgId: org.id }))).toEqual({ code: 'CONFLICT', key: 'orgNotPending' });
    expect(await refusal(callerFor(database.db, bureau).bureau.reject({ orgId: org.id, reason: '理由' }))).toEqual({ code: 'CONFLICT', key: 'orgNotPending' });
    expect(await rowOf(org.id)).toEqual(before);
    expect(await auditOf(org.id)).toEqual([]);
  });

  it('an unknown organisation is NOT_FOUND', async () => {
    expect(await refusal(callerFor(database.db, bureau).bureau.verify({ orgId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('no one but the bureau reviews: a verified enterprise owner and a pending bureau-like caller are refused', async () => {
    const { org } = await insertOrgWithOwner(database.db, { status: 'pending' });
    const { actor: enterprise } = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
    expect(await refusal(callerFor(database.db, enterprise).bureau.verify({ orgId: org.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(callerFor(database.db, enterprise).bureau.organisations({ status: 'pending' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await rowOf(org.id))?.status).toBe('pending');
  });

  it('the whole path: register pending → rejected → fixed and resubmitted → verified', async () => {
    const { org, actor: owner } = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'pending' });
    const review = callerFor(database.db, bureau).bureau;
    await review.reject({ orgId: org.id, reason: '依托单位名称有误' });
    const api = callerFor(database.db, owner);
    await api.orgs.updateProfile({ hostInstitution: '浙江大学机械工程学院' });
    await api.orgs.resubmit();
    expect((await review.organisations({ status: 'pending' })).rows.map((r) => r.id)).toContain(org.id);
    await review.verify({ orgId: org.id });
    expect(await rowOf(org.id)).toMatchObject({ status: 'verified', rejectionReason: null });
    expect((await auditOf(org.id)).map((a) => a.action)).toEqual(['org.reject', 'org.updateProfile', 'org.resubmit', 'org.verify']);
    expect((await kindsFor(owner.userId)).map((n) => n.kind)).toEqual(['org.rejected', 'org.verified']);
  });
});
