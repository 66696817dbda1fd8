import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, needs, notifications } from '@/db/schema';
import { now } from '../clock';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { localDate } from './shared';
import { contractFixture, contractSnapshot, outcome } from './test-fixtures';

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

async function auditCount() {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

async function needStatus(id: string) {
  const [row] = await db.select({ status: needs.status }).from(needs).where(eq(needs.id, id));
  return row?.status;
}

describe('赛马制 stage gate', () => {
  it('keeps the best team, closes the others as stage_closed (a normal end), and the need completes with the kept contract', async () => {
    const fx = await contractFixture(db, { mode: 'horse_race', teams: 3, amounts: [10] });
    const [kept, closedA, closedB] = fx.contracts;
    const [keptTeam, teamA] = fx.teams;
    if (!kept || !closedA || !closedB || !keptTeam || !teamA) throw new Error('three contracts expected');
    const owner = callerFor(db, fx.client.actor);
    const choices = await owner.contracts.ofNeed({ needId: fx.need.id });
    expect(choices.map((c) => c.id)).toEqual([kept.id, closedA.id, closedB.id]);

    const gate = await owner.contracts.passStageGate({ needId: fx.need.id, keep: [kept.id], note: '第一阶段综合评审：保留方案最优的团队。' });
    expect(gate.closed.map((c) => c.status)).toEqual(['stage_closed', 'stage_closed']);
    for (const c of [closedA, closedB]) {
      const [row] = (await contractSnapshot(db, c.id)).contract;
      expect(row).toMatchObject({ status: 'stage_closed', endReason: '第一阶段综合评审：保留方案最优的团队。' });
    }
    expect((await contractSnapshot(db, kept.id)).contract[0]?.status).toBe('active');
    const heardA = await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, teamA.user.id));
    expect(heardA.map((n) => n.kind)).toContain('contract.stageClosed');
    const heardKept = await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, keptTeam.user.id));
    expect(heardKept.map((n) => n.kind)).toContain('contract.stageKept');
    // Closed normally: the closed team may rate (delivered, not failed); the need waits for the kept contract.
    expect(await outcome(callerFor(db, teamA.actor).contracts.rate({ contractId: closedA.id, quality: 4, timeliness: 4, communication: 4, wouldContractAgain: 8, comment: '' }))).toBe('ok');
    expect(await needStatus(fx.need.id)).toBe('awarded');

    // The gate is passed once.
    const audits = await auditCount();
    expect(await outcome(owner.contracts.passStageGate({ needId: fx.need.id, keep: [kept.id] }))).toBe('CONFLICT:contracts.stageGateDone');
    expect(await auditCount()).toBe(audits);

    const [m] = (await contractSnapshot(db, kept.id)).milestones;
    if (!m) throw new Error('milestone expected');
    await callerFor(db, keptTeam.actor).contracts.submitDelivery({ milestoneId: m.id, note: '最终成果。', attachmentIds: [] });
    await owner.contracts.acceptMilestone({ milestoneId: m.id });
    const paid = await owner.contracts.recordPayment({ milestoneId: m.id, amount: 10, paidOn: localDate(now()) });
    expect(paid.contractStatus).toBe('completed');
    expect(await needStatus(fx.need.id)).toBe('completed');
  });

  it('refuses: another organisation (NOT_FOUND), a need that is not a horse race, keeping a contract of another need, closing nobody', async () => {
    const race = await contractFixture(db, { mode: 'horse_race', teams: 2 });
    const open = await contractFixture(db, { mode: 'open' });
    const [first, second] = race.contracts;
    if (!first || !second) throw new Error('two contracts expected');
    const outsider = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const snapshot = async () => Promise.all([...race.contracts, open.contract].map((c) => contractSnapshot(db, c.id)));
    const before = await snapshot();
    const audits = await auditCount();
    const owner = callerFor(db, race.client.actor);
    expect(await outcome(callerFor(db, outsider.actor).contracts.passStageGate({ needId: race.need.id, keep: [first.id] }))).toBe('NOT_FOUND:notFound');
    expect(await outcome(callerFor(db, outsider.actor).contracts.ofNeed({ needId: race.need.id }))).toBe('NOT_FOUND:notFound');
    expect(await outcome(callerFor(db, open.client.actor).contracts.passStageGate({ needId: open.need.id, keep: [open.contract.id] }))).toBe(
      'CONFLICT:contracts.stageGateHorseRaceOnly',
    );
    expect(await outcome(owner.contracts.passStageGate({ needId: race.need.id, keep: [open.contract.id] }))).toBe('BAD_REQUEST:contracts.keepNotOfNeed');
    expect(await outcome(owner.contracts.passStageGate({ needId: race.need.id, keep: [first.id, second.id] }))).toBe(
      'BAD_REQUEST:contracts.stageGateNothingToClose',
    );
    // A team of the race cannot pass the gate.
    expect(await outcome(callerFor(db, race.team.actor).contracts.passStageGate({ needId: race.need.id, keep: [first.id] }))).toBe('FORBIDDEN:forbidden');
    expect(await snapshot()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });
});
