import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  bidRevisions,
  bids,
  contractDeliveries,
  contractDisputes,
  contractMilestones,
  contractPayments,
  contractRatings,
  contracts,
  needs,
  type BidMilestone,
} from '@/db/schema';
import type { MemberActor, OrgKind } from '../actor';
import { now } from '../clock';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { inTransaction } from '../transaction';
import { createContractFromBid } from './create';
import type { FundingMode } from './inputs';

/**
 * Contract fixtures for tests, refusal cases and the seed: a need in `awarded` state, a submitted bid per team
 * (rows inserted directly, so these fixtures depend only on the schema), and contracts made the way the award
 * makes them — through `createContractFromBid` inside a transaction, as the need's owner.
 */

const DAY = 24 * 3600 * 1000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export type Party = Awaited<ReturnType<typeof insertOrgWithOwner>>;

export function milestonesOf(amounts: readonly number[]): BidMilestone[] {
  const at = now().getTime();
  return amounts.map((a, i) => ({
    deliverable: `第${i + 1}阶段成果：工艺方案与验证报告`,
    dueDate: isoDate(new Date(at + (i + 1) * 90 * DAY)),
    amount: a.toFixed(2),
  }));
}

export async function insertAwardedNeed(db: Db, client: Party, mode: 'open' | 'jiebang' | 'horse_race' = 'open') {
  const at = now();
  const suffix = crypto.randomBytes(3).toString('hex');
  const [need] = await db
    .insert(needs)
    .values({
      ownerOrgId: client.org.id,
      authorUserId: client.user.id,
      mode,
      status: 'awarded',
      title: `高精度轴承套圈磨削工艺优化-${suffix}`,
      summary: '提升轴承套圈磨削尺寸一致性。',
      description: '现有磨削工艺废品率偏高。',
      industryField: 'smart_equipment',
      budgetMin: mode === 'jiebang' ? null : '30.00',
      budgetMax: mode === 'jiebang' ? null : '120.00',
      bounty: mode === 'jiebang' ? '100.00' : null,
      bidDeadline: new Date(at.getTime() - DAY),
      deliveryMonths: 12,
      awardCount: mode === 'horse_race' ? 2 : 1,
      publishedAt: new Date(at.getTime() - 30 * DAY),
      closedAt: new Date(at.getTime() - DAY),
      evaluationStartedAt: at,
      awardedAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  if (!need) throw new Error('insert need failed');
  return need;
}

export async function insertSubmittedBid(db: Db, team: Party, needId: string, milestones: BidMilestone[]) {
  const at = now();
  const [bid] = await db
    .insert(bids)
    .values({ needId, orgId: team.org.id, status: 'awarded', createdBy: team.user.id, createdAt: at, updatedAt: at, submittedAt: at, decidedAt: at })
    .returning();
  if (!bid) throw new Error('insert bid failed');
  const price = milestones.reduce((s, m) => s + Math.round(Number(m.amount) * 100), 0) / 100;
  const [revision] = await db
    .insert(bidRevisions)
    .values({
      bidId: bid.id,
      number: 1,
      approach: '在线测量与自适应补偿。',
      milestones,
      price: price.toFixed(2),
      teamMembers: [{ name: '张教授', role: '项目负责人' }],
      authorUserId: team.user.id,
      createdAt: at,
      submittedAt: at,
    })
    .returning();
  if (!revision) throw new Error('insert revision failed');
  await db.update(bids).set({ currentRevisionId: revision.id }).where(eq(bids.id, bid.id));
  return bid;
}

export interface ContractFixtureOptions {
  mode?: 'open' | 'jiebang' | 'horse_race';
  fundingMode?: FundingMode;
  /** Milestone amounts in 万元 (default 20 + 40). */
  amounts?: number[];
  clientKind?: Extract<OrgKind, 'enterprise' | 'incubator' | 'bureau'>;
  /** How many teams win (horse_race: 2–3). */
  teams?: number;
}

/** A client, its awarded need, one or more teams with awarded bids, and their active contracts. */
export async function contractFixture(db: Db, options: ContractFixtureOptions = {}) {
  const client = await insertOrgWithOwner(db, { kind: options.clientKind ?? 'enterprise', status: 'verified' });
  const need = await insertAwardedNeed(db, client, options.mode ?? 'open');
  const teamCount = options.teams ?? (options.mode === 'horse_race' ? 2 : 1);
  const teams: Party[] = [];
  const contracts = [];
  for (let i = 0; i < teamCount; i++) {
    const team = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
    const bid = await insertSubmittedBid(db, team, need.id, milestonesOf(options.amounts ?? [20, 40]));
    const contract = await inTransaction(db, (tx) =>
      createContractFromBid(tx, client.actor as MemberActor, { needId: need.id, bidId: bid.id, fundingMode: options.fundingMode }),
    );
    teams.push(team);
    contracts.push(contract);
  }
  const [team] = teams;
  const [contract] = contracts;
  if (!team || !contract) throw new Error('fixture made no contract');
  return { client, need, team, contract, teams, contracts };
}

/** A verified bureau organisation with an owner (the referee). */
export async function insertBureau(db: Db) {
  return insertOrgWithOwner(db, { kind: 'bureau', status: 'verified' });
}

/** Another member of an organisation with the given role (e.g. a plain `member`, who may read but not act). */
export async function insertColleague(db: Db, party: Party, role: 'owner' | 'admin' | 'member' = 'member') {
  return insertMember(db, party.org, role);
}

/** Everything either party would see of a contract: the walker and refusal tests compare it before and after. */
export async function contractSnapshot(db: Db, contractId: string) {
  return {
    contract: await db.select().from(contracts).where(eq(contracts.id, contractId)),
    milestones: await db.select().from(contractMilestones).where(eq(contractMilestones.contractId, contractId)).orderBy(asc(contractMilestones.seq)),
    deliveries: await db.select().from(contractDeliveries).where(eq(contractDeliveries.contractId, contractId)).orderBy(asc(contractDeliveries.id)),
    payments: await db.select().from(contractPayments).where(eq(contractPayments.contractId, contractId)).orderBy(asc(contractPayments.id)),
    disputes: await db.select().from(contractDisputes).where(eq(contractDisputes.contractId, contractId)).orderBy(asc(contractDisputes.id)),
    ratings: await db.select().from(contractRatings).where(eq(contractRatings.contractId, contractId)).orderBy(asc(contractRatings.id)),
  };
}

/**
 * Puts a contract straight into a normal end (every milestone paid, `completed`, or `stage_closed`) without going
 * through the acts: for tests of what comes after (ratings, exports), not of the lifecycle itself.
 */
export async function endDirectly(db: Db, contractId: string, status: 'completed' | 'stage_closed' = 'completed') {
  const at = now();
  if (status === 'completed') {
    await db.update(contractMilestones).set({ status: 'paid', submittedAt: at, acceptedAt: at, paidAt: at, updatedAt: at }).where(eq(contractMilestones.contractId, contractId));
  }
  const [row] = await db.update(contracts).set({ status, endedAt: at, updatedAt: at }).where(eq(contracts.id, contractId)).returning();
  if (!row) throw new Error('contract not found');
  return row;
}

/** The outcome of a call as `CODE:messageKey` (a caller's error message is its message key), or 'ok'. */
export function outcome(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ok',
    (e: { code?: string; message?: string }) => `${e.code}:${e.message}`,
  );
}
