import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { needs } from '@/db/schema';
import { defaultMilestones, insertBid } from '../bids/factories';
import { advanceClock, now, resetClock } from '../clock';
import { insertNeed } from '../needs/factories';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { localDate } from './shared';
import { DAY_MS, RATING_BLIND_DAYS } from './states';

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());
afterEach(() => resetClock());

/**
 * The whole way through the marketplace's real acts: a 赛马制 need awarded to two teams by the review's award
 * (which makes the contracts), the stage gate, the kept team's delivery, acceptance and payment, the need's
 * completion, and both ratings revealed.
 */
describe('from the award to revealed ratings', () => {
  it('horse race: award two teams, keep one at the stage gate, deliver, pay, complete, rate', async () => {
    const owner = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const teams = [await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' }), await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' })];
    const need = await insertNeed(db, { orgId: owner.org.id, userId: owner.user.id }, { mode: 'horse_race', awardCount: 2, status: 'closed', closedAt: now() });
    const bids = [];
    for (const t of teams) bids.push(await insertBid(db, { orgId: t.org.id, userId: t.user.id }, need.id, { milestones: defaultMilestones(50) }));
    const api = (i: number) => callerFor(db, teams[i]?.actor ?? null);
    const client = callerFor(db, owner.actor);

    const award = await client.reviews.award({ needId: need.id, winners: bids.map((b) => b.id), fundingMode: 'lump_sum' });
    expect(award.contracts).toHaveLength(2);
    const [keep, close] = award.contracts;
    if (!keep || !close) throw new Error('two contracts expected');

    const kept = await api(0).contracts.get({ id: keep.contractId });
    expect(kept).toMatchObject({ status: 'active', fundingMode: 'lump_sum', value: '50.00', need: { id: need.id, mode: 'horse_race' } });
    expect(kept.milestones).toHaveLength(1);

    await client.contracts.passStageGate({ needId: need.id, keep: [keep.contractId] });
    expect((await api(1).contracts.get({ id: close.contractId })).status).toBe('stage_closed');

    const [final] = kept.milestones;
    if (!final) throw new Error('milestone expected');
    await api(0).contracts.submitDelivery({ milestoneId: final.id, note: '最终成果：工艺方案、样件与验证报告。', attachmentIds: [] });
    await client.contracts.acceptMilestone({ milestoneId: final.id });
    expect((await client.contracts.recordPayment({ milestoneId: final.id, amount: 50, paidOn: localDate(now()) })).contractStatus).toBe('completed');
    const [row] = await db.select({ status: needs.status }).from(needs).where(eq(needs.id, need.id));
    expect(row?.status).toBe('completed');

    await client.contracts.rate({ contractId: keep.contractId, quality: 5, timeliness: 4, communication: 5, wouldContractAgain: 9, comment: '成果扎实。' });
    expect((await api(0).contracts.get({ id: keep.contractId })).ratings.client.state).toBe('hidden');
    await api(0).contracts.rate({ contractId: keep.contractId, quality: 5, timeliness: 5, communication: 4, wouldContractAgain: 10, comment: '验收及时。' });
    expect((await api(0).contracts.get({ id: keep.contractId })).ratings.client).toMatchObject({ state: 'revealed', rating: { comment: '成果扎实。' } });
    expect((await client.contracts.get({ id: keep.contractId })).ratings.provider).toMatchObject({ state: 'revealed', rating: { comment: '验收及时。' } });

    // The team closed at the gate rates too; with the client silent, it shows after 14 days.
    await api(1).contracts.rate({ contractId: close.contractId, quality: 4, timeliness: 4, communication: 4, wouldContractAgain: 7, comment: '阶段评审公正。' });
    expect((await client.contracts.get({ id: close.contractId })).ratings.provider.state).toBe('hidden');
    advanceClock(RATING_BLIND_DAYS * DAY_MS);
    expect((await client.contracts.get({ id: close.contractId })).ratings.provider).toMatchObject({ state: 'revealed', rating: { comment: '阶段评审公正。' } });
  });
});
