import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, contractMilestones, contracts, needs } from '@/db/schema';
import type { MemberActor } from '../actor';
import { insertOrgWithOwner } from '../seed/factories';
import { inTransaction } from '../transaction';
import { createContractFromBid } from './create';
import { localDate } from './shared';
import { contractFixture, insertAwardedNeed, insertSubmittedBid, milestonesOf } from './test-fixtures';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function counts() {
  const db = database.db;
  const [c] = await db.select({ n: count() }).from(contracts);
  const [m] = await db.select({ n: count() }).from(contractMilestones);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { contracts: c?.n, milestones: m?.n, audit: a?.n };
}

describe('createContractFromBid (inside the award transaction)', () => {
  it('makes an active 技术开发 contract between the need owner and the team, holding the bid milestones', async () => {
    const { client, team, need, contract } = await contractFixture(database.db, { amounts: [12.5, 30, 17.5] });
    expect(contract).toMatchObject({
      needId: need.id,
      clientOrgId: client.org.id,
      providerOrgId: team.org.id,
      subject: need.title,
      contractType: 'development',
      fundingMode: 'milestone',
      value: '60.00',
      status: 'active',
      startDate: localDate(contract.signedAt),
    });
    const ms = await database.db.select().from(contractMilestones).where(eq(contractMilestones.contractId, contract.id)).orderBy(contractMilestones.seq);
    expect(ms.map((m) => [m.seq, m.amount, m.status])).toEqual([
      [1, '12.50', 'pending'],
      [2, '30.00', 'pending'],
      [3, '17.50', 'pending'],
    ]);
    expect(contract.endDate).toBe(ms[2]?.dueDate);
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.entityId, contract.id));
    expect(rows.map((r) => [r.action, r.actorOrgId, r.orgId])).toEqual([['contract.create', client.org.id, team.org.id]]);
  });

  it('包干制 (lump_sum): one final milestone for the whole price, due at the last date', async () => {
    const { contract } = await contractFixture(database.db, { fundingMode: 'lump_sum', amounts: [10, 20, 30] });
    const ms = await database.db.select().from(contractMilestones).where(eq(contractMilestones.contractId, contract.id));
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ seq: 1, amount: '60.00', dueDate: contract.endDate });
    expect(ms[0]?.deliverable.split('；')).toHaveLength(3);
    expect(contract.fundingMode).toBe('lump_sum');
  });

  it('refuses someone else’s need (NOT_FOUND), a bid of another need, a bid contracted twice, a need not being awarded — nothing written', async () => {
    const db = database.db;
    const client = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const other = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const team = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
    const need = await insertAwardedNeed(db, client);
    const otherNeed = await insertAwardedNeed(db, other);
    const bid = await insertSubmittedBid(db, team, need.id, milestonesOf([10, 20]));
    const foreignBid = await insertSubmittedBid(db, team, otherNeed.id, milestonesOf([10]));
    const before = await counts();
    const create = (actor: MemberActor, input: { needId: string; bidId: string }) =>
      inTransaction(db, (tx) => createContractFromBid(tx, actor, input)).then(
        () => 'ok',
        (e: { code?: string; messageKey?: string }) => `${e.code}:${e.messageKey}`,
      );
    expect(await create(other.actor as MemberActor, { needId: need.id, bidId: bid.id })).toBe('NOT_FOUND:notFound');
    expect(await create(client.actor as MemberActor, { needId: need.id, bidId: foreignBid.id })).toBe('NOT_FOUND:notFound');
    await db.update(needs).set({ status: 'published' }).where(eq(needs.id, need.id));
    expect(await create(client.actor as MemberActor, { needId: need.id, bidId: bid.id })).toBe('CONFLICT:contracts.needNotAwarding');
    expect(await counts()).toEqual(before);
    await db.update(needs).set({ status: 'awarded' }).where(eq(needs.id, need.id));
    expect(await create(client.actor as MemberActor, { needId: need.id, bidId: bid.id })).toBe('ok');
    const after = await counts();
    expect(await create(client.actor as MemberActor, { needId: need.id, bidId: bid.id })).toBe('CONFLICT:contracts.bidAlreadyContracted');
    expect(await counts()).toEqual(after);
  });

  it('a pending owner cannot sign', async () => {
    const db = database.db;
    const client = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'pending' });
    const team = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
    const need = await insertAwardedNeed(db, client);
    const bid = await insertSubmittedBid(db, team, need.id, milestonesOf([10]));
    const before = await counts();
    await expect(inTransaction(db, (tx) => createContractFromBid(tx, client.actor as MemberActor, { needId: need.id, bidId: bid.id }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'orgNotVerified',
    });
    expect(await counts()).toEqual(before);
  });
});
