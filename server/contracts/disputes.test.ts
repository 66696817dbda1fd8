import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, needs, notifications } from '@/db/schema';
import { advanceClock, resetClock } from '../clock';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { ANSWER_WINDOW_DAYS, DAY_MS } from './states';
import { contractFixture, contractSnapshot, insertBureau, outcome } from './test-fixtures';

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

async function submittedContract() {
  const fx = await contractFixture(db, { amounts: [20, 40] });
  const [m1, m2] = (await contractSnapshot(db, fx.contract.id)).milestones;
  if (!m1 || !m2) throw new Error('two milestones expected');
  await callerFor(db, fx.team.actor).contracts.submitDelivery({ milestoneId: m1.id, note: '第一阶段成果。', attachmentIds: [] });
  return { ...fx, m1, m2 };
}

describe('escalation of an unanswered submission', () => {
  it('is refused before 14 days (nothing written), allowed after; the bureau then rules the milestone accepted', async () => {
    const fx = await submittedContract();
    const team = callerFor(db, fx.team.actor);
    const before = await contractSnapshot(db, fx.contract.id);
    const audits = await auditCount();
    expect(await outcome(team.contracts.escalateMilestone({ milestoneId: fx.m1.id, reason: '甲方未按期验收。' }))).toBe('CONFLICT:contracts.escalateTooEarly');
    advanceClock(ANSWER_WINDOW_DAYS * DAY_MS - 60_000);
    expect(await outcome(team.contracts.escalateMilestone({ milestoneId: fx.m1.id, reason: '甲方未按期验收。' }))).toBe('CONFLICT:contracts.escalateTooEarly');
    expect(await contractSnapshot(db, fx.contract.id)).toEqual(before);
    expect(await auditCount()).toBe(audits);
    // The view shows when escalation opens, and offers it only then.
    const early = await team.contracts.get({ id: fx.contract.id });
    expect(early.milestones[0]?.acts).toEqual([]);

    advanceClock(60_000);
    expect((await team.contracts.get({ id: fx.contract.id })).milestones[0]?.acts).toEqual(['escalate']);
    const escalated = await team.contracts.escalateMilestone({ milestoneId: fx.m1.id, reason: '甲方未按期验收。' });
    expect(escalated).toMatchObject({ contractStatus: 'disputed', milestone: { status: 'escalated' }, dispute: { kind: 'escalation', status: 'open' } });
    const bureauHeard = await db.select().from(notifications).where(eq(notifications.userId, bureau.user.id));
    expect(bureauHeard.map((n) => n.kind)).toContain('contract.milestoneEscalated');

    // While the bureau has not ruled, milestones wait and the owner cannot answer any more.
    const client = callerFor(db, fx.client.actor);
    expect(await outcome(client.contracts.acceptMilestone({ milestoneId: fx.m1.id }))).toBe('CONFLICT:contracts.contractNotActive');
    expect(await outcome(team.contracts.submitDelivery({ milestoneId: fx.m2.id, note: '第二阶段。', attachmentIds: [] }))).toBe(
      'CONFLICT:contracts.contractNotActive',
    );

    const rulings = callerFor(db, bureau.actor);
    const queue = await rulings.contracts.disputes({ status: 'open' });
    expect(queue.items.map((d) => d.id)).toContain(escalated.dispute.id);
    // An escalation must decide its milestone.
    expect(
      await outcome(rulings.contracts.ruleDispute({ disputeId: escalated.dispute.id, reason: '甲方逾期未验收。', against: 'client', outcome: 'continue' })),
    ).toBe('BAD_REQUEST:contracts.rulingNeedsDecision');
    // A party cannot rule.
    expect(
      await outcome(
        callerFor(db, fx.client.actor).contracts.ruleDispute({ disputeId: escalated.dispute.id, reason: '自己裁决', against: 'provider', outcome: 'continue', milestoneDecision: 'reject' }),
      ),
    ).toBe('FORBIDDEN:forbidden');
    const ruled = await rulings.contracts.ruleDispute({
      disputeId: escalated.dispute.id,
      reason: '甲方逾期未验收，成果符合合同约定，视为验收通过。',
      against: 'client',
      outcome: 'continue',
      milestoneDecision: 'accept',
    });
    expect(ruled).toMatchObject({ contractStatus: 'active', dispute: { status: 'ruled', rulingAgainst: 'client', rulingMilestoneDecision: 'accept' } });
    const after = await contractSnapshot(db, fx.contract.id);
    expect(after.milestones[0]).toMatchObject({ status: 'accepted' });
    expect(after.deliveries[0]).toMatchObject({ decision: 'accepted', decidedBy: bureau.user.id });
    // Both parties see the ruling on the contract.
    const seen = await team.contracts.get({ id: fx.contract.id });
    expect(seen.disputes[0]?.ruling).toMatchObject({ against: 'client', outcome: 'continue', milestoneDecision: 'accept' });
    // A ruled dispute cannot be ruled again.
    expect(
      await outcome(rulings.contracts.ruleDispute({ disputeId: escalated.dispute.id, reason: '再次裁决', against: 'provider', outcome: 'terminate', milestoneDecision: 'reject' })),
    ).toBe('CONFLICT:contracts.invalidTransition');
  });

  it('the client cannot escalate, and an outsider cannot escalate someone else’s milestone', async () => {
    const fx = await submittedContract();
    advanceClock(ANSWER_WINDOW_DAYS * DAY_MS);
    const outsiderTeam = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
    const before = await contractSnapshot(db, fx.contract.id);
    expect(await outcome(callerFor(db, fx.client.actor).contracts.escalateMilestone({ milestoneId: fx.m1.id, reason: '甲方自己提请' }))).toBe('FORBIDDEN:forbidden');
    expect(await outcome(callerFor(db, outsiderTeam.actor).contracts.escalateMilestone({ milestoneId: fx.m1.id, reason: '外人提请' }))).toBe('NOT_FOUND:notFound');
    expect(await contractSnapshot(db, fx.contract.id)).toEqual(before);
  });
});

describe('disputes', () => {
  it('either side raises one (one open at a time); the bureau rules it terminated with a reason; the need stays awarded', async () => {
    const fx = await submittedContract();
    const client = callerFor(db, fx.client.actor);
    const team = callerFor(db, fx.team.actor);
    const raised = await team.contracts.raiseDispute({ contractId: fx.contract.id, milestoneId: fx.m1.id, reason: '甲方拒绝沟通验收标准。' });
    expect(raised.contractStatus).toBe('disputed');
    const clientHeard = await db.select().from(notifications).where(eq(notifications.userId, fx.client.user.id));
    expect(clientHeard.map((n) => n.kind)).toContain('contract.disputeRaised');
    expect(await outcome(client.contracts.raiseDispute({ contractId: fx.contract.id, reason: '乙方进度滞后。' }))).toBe('CONFLICT:contracts.invalidTransition');
    // The bureau may not raise a dispute on a contract it is not a party to.
    expect(await outcome(callerFor(db, bureau.actor).contracts.raiseDispute({ contractId: fx.contract.id, reason: '局方提出' }))).toBe(
      'FORBIDDEN:contracts.notYourSide',
    );

    const ruled = await callerFor(db, bureau.actor).contracts.ruleDispute({
      disputeId: raised.dispute.id,
      reason: '双方合作基础丧失，解除合同；已验收部分按约结算。',
      against: 'neither',
      outcome: 'terminate',
    });
    expect(ruled.contractStatus).toBe('terminated');
    const [contract] = (await contractSnapshot(db, fx.contract.id)).contract;
    expect(contract).toMatchObject({ status: 'terminated', endReason: '双方合作基础丧失，解除合同；已验收部分按约结算。' });
    expect(contract?.endedAt).not.toBeNull();
    const [need] = await db.select().from(needs).where(eq(needs.id, fx.need.id));
    expect(need?.status).toBe('awarded');
    // A terminated contract opens no ratings and takes no new disputes.
    expect(await outcome(client.contracts.rate({ contractId: fx.contract.id, quality: 3, timeliness: 3, communication: 3, wouldContractAgain: 5, comment: '' }))).toBe(
      'CONFLICT:contracts.ratingNotOpen',
    );
    expect(await outcome(client.contracts.raiseDispute({ contractId: fx.contract.id, reason: '再次争议' }))).toBe('CONFLICT:contracts.invalidTransition');
  });

  it('a ruling may reject the disputed milestone and let the contract continue', async () => {
    const fx = await submittedContract();
    const raised = await callerFor(db, fx.client.actor).contracts.raiseDispute({ contractId: fx.contract.id, milestoneId: fx.m1.id, reason: '成果明显不达标。' });
    const ruled = await callerFor(db, bureau.actor).contracts.ruleDispute({
      disputeId: raised.dispute.id,
      reason: '成果未达合同约定指标，退回乙方完善。',
      against: 'provider',
      outcome: 'continue',
      milestoneDecision: 'reject',
    });
    expect(ruled.contractStatus).toBe('active');
    const after = await contractSnapshot(db, fx.contract.id);
    expect(after.milestones[0]).toMatchObject({ status: 'rejected', rejectReason: '成果未达合同约定指标，退回乙方完善。' });
    // The team resubmits as usual.
    const again = await callerFor(db, fx.team.actor).contracts.submitDelivery({ milestoneId: fx.m1.id, note: '完善后的成果。', attachmentIds: [] });
    expect(again.delivery.attempt).toBe(2);
  });

  it('a decision on a milestone the dispute does not name is refused', async () => {
    const fx = await submittedContract();
    const raised = await callerFor(db, fx.client.actor).contracts.raiseDispute({ contractId: fx.contract.id, reason: '沟通不畅。' });
    const before = await contractSnapshot(db, fx.contract.id);
    expect(
      await outcome(
        callerFor(db, bureau.actor).contracts.ruleDispute({ disputeId: raised.dispute.id, reason: '裁决', against: 'neither', outcome: 'continue', milestoneDecision: 'accept' }),
      ),
    ).toBe('BAD_REQUEST:contracts.rulingDecisionNotApplicable');
    expect(await contractSnapshot(db, fx.contract.id)).toEqual(before);
  });
});
