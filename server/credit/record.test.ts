import { asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { creditEvents, creditScores } from '@/db/schema';
import { createTestDatabase } from '@/db/testing';
import { advanceClock, now, resetClock } from '../clock';
import { contractFixture, contractSnapshot, insertBureau } from '../contracts/test-fixtures';
import { localDate } from '../contracts/shared';
import { callerFor } from '../test/caller';
import type { CreditEventData } from './events';
import { recordRevealedRatings } from './record';
import { verifyLedgers } from './verify';

/**
 * The product writes the ledger as things happen: each contract transition (through the real acts) appends the
 * events the credit model reads, once, to the right organisations; scores follow after the commit.
 */

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

const DAY = 24 * 3600 * 1000;

async function ledgerOf(orgId: string) {
  const rows = await db.select().from(creditEvents).where(eq(creditEvents.orgId, orgId)).orderBy(asc(creditEvents.seq));
  return rows.map((r) => ({ seq: r.seq, source: r.source, data: r.data as CreditEventData }));
}

async function scoreOf(orgId: string) {
  const [row] = await db.select().from(creditScores).where(eq(creditScores.orgId, orgId));
  return row;
}

describe('contract acts write the credit ledger', () => {
  it('accept on time, accept late after a rejection, payments, completion and revealed ratings', async () => {
    const fx = await contractFixture(db, { amounts: [20, 40] });
    const team = callerFor(db, fx.team.actor);
    const client = callerFor(db, fx.client.actor);
    const [m1, m2] = (await contractSnapshot(db, fx.contract.id)).milestones;
    if (!m1 || !m2) throw new Error('two milestones expected');

    await team.contracts.submitDelivery({ milestoneId: m1.id, note: '第一阶段成果。', attachmentIds: [] });
    advanceClock(2 * DAY);
    await client.contracts.acceptMilestone({ milestoneId: m1.id });
    await client.contracts.recordPayment({ milestoneId: m1.id, amount: 20, paidOn: localDate(now()) });

    await team.contracts.submitDelivery({ milestoneId: m2.id, note: '第二阶段成果。', attachmentIds: [] });
    await client.contracts.rejectMilestone({ milestoneId: m2.id, reason: '测试数据不全。' });
    // Resubmitted after its due date: accepted, but late.
    advanceClock(200 * DAY);
    await team.contracts.submitDelivery({ milestoneId: m2.id, note: '补充测试数据。', attachmentIds: [] });
    await client.contracts.acceptMilestone({ milestoneId: m2.id });
    await client.contracts.recordPayment({ milestoneId: m2.id, amount: 40, paidOn: localDate(now()) });

    const teamLedger = await ledgerOf(fx.team.org.id);
    expect(teamLedger.map((e) => e.data.kind)).toEqual(['milestone', 'milestone', 'contract_ended']);
    expect(teamLedger[0]?.data).toMatchObject({ kind: 'milestone', role: 'provider', result: 'on_time', value: 60, counterpartyOrgId: fx.client.org.id, contractId: fx.contract.id });
    expect(teamLedger[1]?.data).toMatchObject({ result: 'late', faultOf: 'provider' });
    expect(teamLedger[2]?.data).toMatchObject({ kind: 'contract_ended', outcome: 'completed' });

    const clientLedger = await ledgerOf(fx.client.org.id);
    const kinds = clientLedger.map((e) => (e.data.kind === 'responsiveness' ? `${e.data.kind}:${e.data.measure}` : e.data.kind));
    expect(kinds).toEqual([
      'responsiveness:milestone_review',
      'milestone',
      'responsiveness:payment',
      'responsiveness:milestone_review',
      'responsiveness:milestone_review',
      'milestone',
      'responsiveness:payment',
      'contract_ended',
    ]);
    expect(clientLedger[0]?.data).toMatchObject({ hours: 48, targetHours: 168 });

    // Ratings enter the ledger only when revealed: the first is hidden, the second reveals both.
    await team.contracts.rate({ contractId: fx.contract.id, quality: 5, timeliness: 4, communication: 5, wouldContractAgain: 9, comment: '合作顺畅。' });
    expect((await ledgerOf(fx.client.org.id)).some((e) => e.data.kind === 'rating')).toBe(false);
    await client.contracts.rate({ contractId: fx.contract.id, quality: 4, timeliness: 3, communication: 5, wouldContractAgain: 7, comment: '质量可靠。' });
    const rated = (await ledgerOf(fx.team.org.id)).find((e) => e.data.kind === 'rating');
    expect(rated?.data).toMatchObject({ kind: 'rating', stars: 4, again: 7, counterpartyOrgId: fx.client.org.id, role: 'provider' });
    expect((await ledgerOf(fx.client.org.id)).find((e) => e.data.kind === 'rating')?.data).toMatchObject({ stars: 4.67, again: 9, role: 'client' });

    // Scores followed each commit.
    const score = await scoreOf(fx.team.org.id);
    expect(score?.ledgerSeq).toBe(4);
    expect(score?.insufficientHistory).toBe(true);
    expect((await verifyLedgers(db)).problems).toEqual([]);
  });

  it('a rating nobody answered is recorded once it reveals by time (14 days)', async () => {
    const fx = await contractFixture(db, { amounts: [10] });
    const [m1] = (await contractSnapshot(db, fx.contract.id)).milestones;
    if (!m1) throw new Error('milestone expected');
    await callerFor(db, fx.team.actor).contracts.submitDelivery({ milestoneId: m1.id, note: '成果。', attachmentIds: [] });
    await callerFor(db, fx.client.actor).contracts.acceptMilestone({ milestoneId: m1.id });
    await callerFor(db, fx.client.actor).contracts.recordPayment({ milestoneId: m1.id, amount: 10, paidOn: localDate(now()) });
    await callerFor(db, fx.client.actor).contracts.rate({ contractId: fx.contract.id, quality: 2, timeliness: 2, communication: 3, wouldContractAgain: 2, comment: '一般。' });
    await recordRevealedRatings(db);
    expect((await ledgerOf(fx.team.org.id)).some((e) => e.data.kind === 'rating')).toBe(false);
    advanceClock(14 * DAY + 60_000);
    expect(await recordRevealedRatings(db)).toBeGreaterThanOrEqual(1);
    expect((await ledgerOf(fx.team.org.id)).filter((e) => e.data.kind === 'rating')).toHaveLength(1);
    await recordRevealedRatings(db);
    expect((await ledgerOf(fx.team.org.id)).filter((e) => e.data.kind === 'rating')).toHaveLength(1);
  });

  it('a ruling against the team that terminates: dispute ruled, contract terminated, unaccepted milestones failed', async () => {
    const fx = await contractFixture(db, { amounts: [20, 40] });
    const client = callerFor(db, fx.client.actor);
    const { dispute } = await client.contracts.raiseDispute({ contractId: fx.contract.id, reason: '团队长期无进展。' });
    await callerFor(db, bureau.actor).contracts.ruleDispute({ disputeId: dispute.id, reason: '乙方未履约。', against: 'provider', outcome: 'terminate' });
    const teamLedger = await ledgerOf(fx.team.org.id);
    expect(teamLedger.map((e) => e.data.kind)).toEqual(['dispute_ruled', 'contract_ended', 'milestone', 'milestone']);
    expect(teamLedger[1]?.data).toMatchObject({ outcome: 'terminated', faultOf: 'provider' });
    expect(teamLedger[2]?.data).toMatchObject({ result: 'failed', faultOf: 'provider' });
    const clientLedger = await ledgerOf(fx.client.org.id);
    expect(clientLedger.map((e) => e.data.kind)).toEqual(['contract_ended', 'milestone', 'milestone']);
    // Failures ruled the team's fault do not count against the client; they do against the team.
    const [teamScore, clientScore] = [await scoreOf(fx.team.org.id), await scoreOf(fx.client.org.id)];
    expect(teamScore?.score).toBeLessThan(600);
    expect(clientScore?.score).toBeGreaterThanOrEqual(600);
  });

  it('a ruling against the client on an escalation: on the client’s record; the milestone submitted in time counts as on time', async () => {
    const fx = await contractFixture(db, { amounts: [20] });
    const [m1] = (await contractSnapshot(db, fx.contract.id)).milestones;
    if (!m1) throw new Error('milestone expected');
    await callerFor(db, fx.team.actor).contracts.submitDelivery({ milestoneId: m1.id, note: '成果。', attachmentIds: [] });
    advanceClock(120 * DAY);
    const { dispute } = await callerFor(db, fx.team.actor).contracts.escalateMilestone({ milestoneId: m1.id, reason: '甲方逾期未验收。' });
    await callerFor(db, bureau.actor).contracts.ruleDispute({ disputeId: dispute.id, reason: '甲方逾期。', against: 'client', outcome: 'continue', milestoneDecision: 'accept' });
    const clientLedger = await ledgerOf(fx.client.org.id);
    expect(clientLedger.map((e) => e.data.kind)).toEqual(['dispute_ruled', 'milestone']);
    expect(clientLedger[1]?.data).toMatchObject({ result: 'on_time' });
    const teamLedger = await ledgerOf(fx.team.org.id);
    expect(teamLedger.map((e) => e.data.kind)).toEqual(['milestone']);
  });

  it('赛马制: contracts closed at the stage gate end as stage_closed (delivered), not failed', async () => {
    const fx = await contractFixture(db, { mode: 'horse_race', teams: 2, amounts: [10] });
    const [kept, closed] = fx.contracts;
    const [, closedTeam] = fx.teams;
    if (!kept || !closed || !closedTeam) throw new Error('two contracts expected');
    await callerFor(db, fx.client.actor).contracts.passStageGate({ needId: fx.need.id, keep: [kept.id] });
    const ledger = await ledgerOf(closedTeam.org.id);
    expect(ledger.map((e) => e.data)).toEqual([expect.objectContaining({ kind: 'contract_ended', outcome: 'stage_closed', faultOf: null })]);
    expect((await scoreOf(closedTeam.org.id))?.score).toBeGreaterThan(600);
  });
});
