import crypto from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { attachments, auditLog, contractDeliveryFiles, contracts, needs, notifications } from '@/db/schema';
import { advanceClock, now, resetClock } from '../clock';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { readableAsDeliveryFile } from './files';
import { localDate } from './shared';
import { contractFixture, contractSnapshot, insertBureau, insertColleague, outcome } from './test-fixtures';

let database: Database;
let db: Db;
let bureau: Awaited<ReturnType<typeof insertBureau>>;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  bureau = await insertBureau(db);
});
afterAll(() => database.close());
afterEach(() => resetClock());

async function auditCount() {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

async function insertFile(orgId: string, name = '验证报告.pdf') {
  const [row] = await db
    .insert(attachments)
    .values({
      ownerOrgId: orgId,
      storageKey: crypto.randomUUID(),
      originalName: name,
      contentType: 'application/pdf',
      size: 1024,
      sha256: crypto.randomBytes(32).toString('hex'),
      createdAt: now(),
    })
    .returning();
  if (!row) throw new Error('insert attachment failed');
  return row;
}

async function milestones(contractId: string) {
  return (await contractSnapshot(db, contractId)).milestones;
}

describe('milestones: submit → accept → pay → contract and need complete', () => {
  it('walks every milestone to paid; the last payment completes the contract and the need, both sides are asked to rate', async () => {
    const fx = await contractFixture(db, { amounts: [20, 40] });
    const team = callerFor(db, fx.team.actor);
    const client = callerFor(db, fx.client.actor);
    const [m1, m2] = await milestones(fx.contract.id);
    if (!m1 || !m2) throw new Error('two milestones expected');
    const file = await insertFile(fx.team.org.id);

    const submitted = await team.contracts.submitDelivery({ milestoneId: m1.id, note: '提交工艺方案与仿真报告。', attachmentIds: [file.id] });
    expect(submitted.milestone.status).toBe('submitted');
    expect(submitted.delivery.attempt).toBe(1);
    expect(await db.select().from(contractDeliveryFiles).where(eq(contractDeliveryFiles.deliveryId, submitted.delivery.id))).toHaveLength(1);
    // The client's managers hear of it, after commit.
    const [heard] = await db.select().from(notifications).where(eq(notifications.userId, fx.client.user.id));
    expect(heard).toMatchObject({ kind: 'contract.milestoneSubmitted', link: `/contracts/${fx.contract.id}` });

    const accepted = await client.contracts.acceptMilestone({ milestoneId: m1.id });
    expect(accepted.status).toBe('accepted');
    expect(accepted.acceptedAt).not.toBeNull();

    const view = await client.contracts.get({ id: fx.contract.id });
    expect(view.milestones[0]?.acts).toEqual(['pay']);
    // The team's file is readable by the client (and the bureau), not by an outsider.
    const outsider = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    expect(await readableAsDeliveryFile(db, fx.client.actor, file.id)).toBe(true);
    expect(await readableAsDeliveryFile(db, bureau.actor, file.id)).toBe(true);
    expect(await readableAsDeliveryFile(db, outsider.actor, file.id)).toBe(false);
    expect(await readableAsDeliveryFile(db, null, file.id)).toBe(false);
    expect(view.milestones[0]?.deliveries[0]).toMatchObject({ decision: 'accepted', files: [{ id: file.id, name: '验证报告.pdf' }] });

    const paid = await client.contracts.recordPayment({ milestoneId: m1.id, amount: 20, paidOn: localDate(now()), reference: 'HX-2026-001' });
    expect(paid.milestone.status).toBe('paid');
    expect(paid.contractStatus).toBe('active');

    await team.contracts.submitDelivery({ milestoneId: m2.id, note: '样件试制与验证报告。', attachmentIds: [] });
    await client.contracts.acceptMilestone({ milestoneId: m2.id });
    const last = await client.contracts.recordPayment({ milestoneId: m2.id, amount: 40, paidOn: localDate(now()) });
    expect(last.contractStatus).toBe('completed');

    const [contract] = (await contractSnapshot(db, fx.contract.id)).contract;
    expect(contract?.status).toBe('completed');
    expect(contract?.endedAt).not.toBeNull();
    const [need] = await db.select().from(needs).where(eq(needs.id, fx.need.id));
    expect(need?.status).toBe('completed');
    const teamNotes = await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, fx.team.user.id));
    expect(teamNotes.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['contract.milestoneAccepted', 'contract.paymentRecorded', 'contract.completed']),
    );
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, fx.contract.id))).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['contract.create', 'milestone.submit', 'milestone.accept', 'milestone.pay', 'contract.complete']),
    );
    const needActions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, fx.need.id))).map((r) => r.action);
    expect(needActions).toContain('need.complete');
  });

  it('rejection with a reason, then resubmission as a second attempt, then acceptance', async () => {
    const fx = await contractFixture(db);
    const team = callerFor(db, fx.team.actor);
    const client = callerFor(db, fx.client.actor);
    const [m1] = await milestones(fx.contract.id);
    if (!m1) throw new Error('milestone expected');
    await team.contracts.submitDelivery({ milestoneId: m1.id, note: '初稿。', attachmentIds: [] });
    expect(await outcome(client.contracts.rejectMilestone({ milestoneId: m1.id, reason: '' }))).toMatch(/^BAD_REQUEST:/);
    const rejected = await client.contracts.rejectMilestone({ milestoneId: m1.id, reason: '仿真报告缺少磨削温度场分析。' });
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '仿真报告缺少磨削温度场分析。' });
    const again = await team.contracts.submitDelivery({ milestoneId: m1.id, note: '补充温度场分析。', attachmentIds: [] });
    expect(again.delivery.attempt).toBe(2);
    await client.contracts.acceptMilestone({ milestoneId: m1.id });
    const view = await team.contracts.get({ id: fx.contract.id });
    expect(view.milestones[0]?.deliveries.map((d) => [d.attempt, d.decision, d.decisionReason])).toEqual([
      [1, 'rejected', '仿真报告缺少磨削温度场分析。'],
      [2, 'accepted', null],
    ]);
  });
});

describe('a milestone act is the contract’s progress', () => {
  it('moves the contract’s updated time (lists sort by it), and the contract list puts the contract that moved first', async () => {
    const fx = await contractFixture(db);
    const other = await contractFixture(db, { clientKind: 'enterprise' });
    const team = callerFor(db, fx.team.actor);
    const client = callerFor(db, fx.client.actor);
    const [m1] = await milestones(fx.contract.id);
    if (!m1) throw new Error('milestone expected');
    const updatedAt = async () => (await db.select({ at: contracts.updatedAt }).from(contracts).where(eq(contracts.id, fx.contract.id)))[0]?.at.getTime() ?? 0;
    let last = await updatedAt();
    const acts = [
      () => team.contracts.submitDelivery({ milestoneId: m1.id, note: '工艺方案与仿真报告。', attachmentIds: [] }),
      () => client.contracts.acceptMilestone({ milestoneId: m1.id }),
      () => client.contracts.recordPayment({ milestoneId: m1.id, amount: Number(m1.amount), paidOn: localDate(now()) }),
    ];
    for (const act of acts) {
      advanceClock(60_000);
      const before = now().getTime();
      await act();
      const at = await updatedAt();
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
    expect(last).toBeGreaterThan((await db.select({ at: contracts.updatedAt }).from(contracts).where(eq(contracts.id, other.contract.id)))[0]?.at.getTime() ?? Infinity);
  });
});

describe('milestone refusals: nothing changed, audit unchanged', () => {
  it('an outsider accepting a milestone of someone else’s contract gets NOT_FOUND', async () => {
    const fx = await contractFixture(db);
    const [m1] = await milestones(fx.contract.id);
    if (!m1) throw new Error('milestone expected');
    await callerFor(db, fx.team.actor).contracts.submitDelivery({ milestoneId: m1.id, note: '成果。', attachmentIds: [] });
    const outsider = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const before = await contractSnapshot(db, fx.contract.id);
    const audits = await auditCount();
    expect(await outcome(callerFor(db, outsider.actor).contracts.acceptMilestone({ milestoneId: m1.id }))).toBe('NOT_FOUND:notFound');
    expect(await outcome(callerFor(db, outsider.actor).contracts.rejectMilestone({ milestoneId: m1.id, reason: '不合格的成果' }))).toBe('NOT_FOUND:notFound');
    expect(await outcome(callerFor(db, outsider.actor).contracts.get({ id: fx.contract.id }))).toBe('NOT_FOUND:notFound');
    // A milestone id that does not exist answers exactly the same.
    expect(await outcome(callerFor(db, outsider.actor).contracts.acceptMilestone({ milestoneId: crypto.randomUUID() }))).toBe('NOT_FOUND:notFound');
    expect(await contractSnapshot(db, fx.contract.id)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('another team submitting a deliverable for this team’s contract gets NOT_FOUND', async () => {
    const fx = await contractFixture(db);
    const [m1] = await milestones(fx.contract.id);
    if (!m1) throw new Error('milestone expected');
    const otherTeam = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
    const before = await contractSnapshot(db, fx.contract.id);
    const audits = await auditCount();
    expect(await outcome(callerFor(db, otherTeam.actor).contracts.submitDelivery({ milestoneId: m1.id, note: '冒名提交', attachmentIds: [] }))).toBe(
      'NOT_FOUND:notFound',
    );
    expect(await contractSnapshot(db, fx.contract.id)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('each side only does its own acts; plain members read but do not act; the wrong state is a CONFLICT', async () => {
    const fx = await contractFixture(db);
    const [m1] = await milestones(fx.contract.id);
    if (!m1) throw new Error('milestone expected');
    const teamMember = await insertColleague(db, fx.team, 'member');
    const clientMember = await insertColleague(db, fx.client, 'member');
    const before = await contractSnapshot(db, fx.contract.id);
    const audits = await auditCount();
    // Accepting a milestone nobody submitted.
    expect(await outcome(callerFor(db, fx.client.actor).contracts.acceptMilestone({ milestoneId: m1.id }))).toBe('CONFLICT:contracts.invalidTransition');
    // The team cannot accept (permission table: research teams do not review).
    expect(await outcome(callerFor(db, fx.team.actor).contracts.acceptMilestone({ milestoneId: m1.id }))).toBe('FORBIDDEN:forbidden');
    // A member of the team may read the contract but not submit.
    expect(await outcome(callerFor(db, teamMember.actor).contracts.submitDelivery({ milestoneId: m1.id, note: '成员提交', attachmentIds: [] }))).toBe(
      'FORBIDDEN:forbidden',
    );
    expect(await outcome(callerFor(db, teamMember.actor).contracts.get({ id: fx.contract.id }))).toBe('ok');
    expect(await outcome(callerFor(db, clientMember.actor).contracts.get({ id: fx.contract.id }))).toBe('ok');
    // Paying a milestone that was not accepted.
    expect(await outcome(callerFor(db, fx.client.actor).contracts.recordPayment({ milestoneId: m1.id, amount: 20, paidOn: localDate(now()) }))).toBe(
      'CONFLICT:contracts.invalidTransition',
    );
    expect(await contractSnapshot(db, fx.contract.id)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('a deliverable may only carry the team’s own files; a payment must match the amount due and not lie in the future', async () => {
    const fx = await contractFixture(db, { amounts: [20, 40] });
    const [m1] = await milestones(fx.contract.id);
    if (!m1) throw new Error('milestone expected');
    const foreign = await insertFile(fx.client.org.id, '甲方文件.pdf');
    const before = await contractSnapshot(db, fx.contract.id);
    const audits = await auditCount();
    const team = callerFor(db, fx.team.actor);
    expect(await outcome(team.contracts.submitDelivery({ milestoneId: m1.id, note: '附上别人的文件', attachmentIds: [foreign.id] }))).toBe(
      'BAD_REQUEST:contracts.filesNotYours',
    );
    expect(await outcome(team.contracts.submitDelivery({ milestoneId: m1.id, note: '附上不存在的文件', attachmentIds: [crypto.randomUUID()] }))).toBe(
      'BAD_REQUEST:contracts.filesNotYours',
    );
    expect(await contractSnapshot(db, fx.contract.id)).toEqual(before);
    expect(await auditCount()).toBe(audits);

    await team.contracts.submitDelivery({ milestoneId: m1.id, note: '成果。', attachmentIds: [] });
    const client = callerFor(db, fx.client.actor);
    await client.contracts.acceptMilestone({ milestoneId: m1.id });
    const accepted = await contractSnapshot(db, fx.contract.id);
    const auditsAccepted = await auditCount();
    expect(await outcome(client.contracts.recordPayment({ milestoneId: m1.id, amount: 19.99, paidOn: localDate(now()) }))).toBe(
      'BAD_REQUEST:contracts.paymentAmount',
    );
    const tomorrow = localDate(new Date(now().getTime() + 2 * 24 * 3600 * 1000));
    expect(await outcome(client.contracts.recordPayment({ milestoneId: m1.id, amount: 20, paidOn: tomorrow }))).toBe('BAD_REQUEST:contracts.paidInFuture');
    expect(await contractSnapshot(db, fx.contract.id)).toEqual(accepted);
    expect(await auditCount()).toBe(auditsAccepted);
  });
});

describe('reading contracts', () => {
  it('each party lists its contracts with its side; the bureau lists all (or one organisation’s); outsiders see none', async () => {
    const fx = await contractFixture(db);
    const outsider = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const ids = async (actor: Parameters<typeof callerFor>[1], input = {}) =>
      (await callerFor(db, actor).contracts.list(input)).items.map((c) => [c.id, c.side]);
    expect(await ids(fx.client.actor)).toEqual([[fx.contract.id, 'client']]);
    expect(await ids(fx.team.actor)).toEqual([[fx.contract.id, 'provider']]);
    expect(await ids(outsider.actor)).toEqual([]);
    // An organisation filter is the bureau's only: anyone else still gets its own contracts.
    expect(await ids(outsider.actor, { orgId: fx.client.org.id })).toEqual([]);
    expect(await ids(bureau.actor, { orgId: fx.team.org.id })).toEqual([[fx.contract.id, null]]);
    expect((await ids(bureau.actor)).map(([id]) => id)).toContain(fx.contract.id);
  });
});

describe('racing acts', () => {
  it('two answers or two payments at once: exactly one wins, the other is a CONFLICT (row locks, status guards)', async () => {
    const fx = await contractFixture(db, { amounts: [20] });
    const [m1] = (await contractSnapshot(db, fx.contract.id)).milestones;
    if (!m1) throw new Error('milestone expected');
    const admin = await insertColleague(db, fx.client, 'admin');
    await callerFor(db, fx.team.actor).contracts.submitDelivery({ milestoneId: m1.id, note: '成果。', attachmentIds: [] });
    const answers = await Promise.all([
      outcome(callerFor(db, fx.client.actor).contracts.acceptMilestone({ milestoneId: m1.id })),
      outcome(callerFor(db, admin.actor).contracts.rejectMilestone({ milestoneId: m1.id, reason: '同时驳回' })),
    ]);
    expect(answers.filter((a) => a === 'ok')).toHaveLength(1);
    expect(answers.filter((a) => a === 'CONFLICT:contracts.invalidTransition')).toHaveLength(1);
    const [after] = (await contractSnapshot(db, fx.contract.id)).milestones;
    if (after?.status === 'rejected') {
      await callerFor(db, fx.team.actor).contracts.submitDelivery({ milestoneId: m1.id, note: '再次提交。', attachmentIds: [] });
      await callerFor(db, fx.client.actor).contracts.acceptMilestone({ milestoneId: m1.id });
    }
    const pay = { milestoneId: m1.id, amount: 20, paidOn: localDate(now()) };
    const payments = await Promise.all([
      outcome(callerFor(db, fx.client.actor).contracts.recordPayment(pay)),
      outcome(callerFor(db, admin.actor).contracts.recordPayment(pay)),
    ]);
    expect(payments.sort()).toEqual(['CONFLICT:contracts.invalidTransition', 'ok']);
    expect((await contractSnapshot(db, fx.contract.id)).payments).toHaveLength(1);
  });
});
