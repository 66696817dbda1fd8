import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bidRevisions, bids, contractMilestones, contracts, needs } from '@/db/schema';
import type { MemberActor } from '../actor';
import { now } from '../clock';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { can } from '../permissions';
import { refreshMatchDocuments } from '../matching/documents';
import type { ContractType, FundingMode } from './inputs';
import { auditContract, fromCents, localDate, toCents, type ContractRow } from './shared';

export interface ContractFromBid {
  needId: string;
  /** The awarded bid: its team is 乙方, its current revision's milestones and price become the contract's. */
  bidId: string;
  /** 包干制 (`lump_sum`) turns the bid's milestones into one final milestone for the whole price. */
  fundingMode?: FundingMode;
  contractType?: ContractType;
}

/** A bid in competition, or already marked awarded by the award that calls us. */
const AWARDABLE_BIDS: readonly string[] = ['submitted', 'revised', 'awarded'];

/**
 * Creates the contract of one awarded bid. Called by the award (server/bids) INSIDE its transaction, after it
 * has checked the bid and the award; `actor` is the need's owner awarding it (the award is the signature).
 * No notification here: the award tells the teams. Refusals: a need that is not the actor's → NOT_FOUND;
 * a need not being awarded, a bid already contracted → CONFLICT; milestones that do not sum to the price →
 * BAD_REQUEST.
 */
export async function createContractFromBid(tx: Db, actor: MemberActor, input: ContractFromBid): Promise<ContractRow> {
  const [need] = await tx
    .select({ id: needs.id, ownerOrgId: needs.ownerOrgId, title: needs.title, status: needs.status })
    .from(needs)
    .where(and(eq(needs.id, input.needId), eq(needs.ownerOrgId, actor.org.id)))
    .limit(1);
  if (!need) throw notFound();
  const { org } = actor;
  if (!can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, 'contract.sign')) {
    throw new AppError('FORBIDDEN', org.status === 'verified' ? 'forbidden' : 'orgNotVerified');
  }
  if (need.status !== 'evaluating' && need.status !== 'awarded') throw conflict('contracts.needNotAwarding', { status: need.status });
  const [bid] = await tx
    .select({ id: bids.id, orgId: bids.orgId, status: bids.status, price: bidRevisions.price, milestones: bidRevisions.milestones })
    .from(bids)
    .innerJoin(bidRevisions, eq(bidRevisions.id, bids.currentRevisionId))
    .where(and(eq(bids.id, input.bidId), eq(bids.needId, need.id)))
    .limit(1);
  if (!bid) throw notFound();
  if (!AWARDABLE_BIDS.includes(bid.status)) throw conflict('contracts.bidNotAwardable', { status: bid.status });
  if (bid.orgId === need.ownerOrgId) throw badRequest('contracts.sameParty');
  if (bid.milestones.length === 0) throw badRequest('contracts.noMilestones');
  const priceCents = toCents(bid.price);
  const sum = bid.milestones.reduce((s, m) => s + toCents(m.amount), 0);
  if (priceCents <= 0 || sum !== priceCents) throw badRequest('contracts.milestonesSum', {}, { price: fromCents(priceCents), sum: fromCents(sum) });
  const [existing] = await tx.select({ id: contracts.id }).from(contracts).where(eq(contracts.bidId, input.bidId)).limit(1);
  if (existing) throw conflict('contracts.bidAlreadyContracted');

  const fundingMode = input.fundingMode ?? 'milestone';
  const proposed = bid.milestones;
  const lastDue = proposed.map((m) => m.dueDate).sort().at(-1) ?? localDate(now());
  // 包干制: one sum accepted on the final results, so the bid's stages become the description of one milestone.
  const milestones =
    fundingMode === 'lump_sum'
      ? [{ deliverable: proposed.map((m) => m.deliverable.trim()).join('；'), dueDate: lastDue, amount: fromCents(priceCents) }]
      : proposed.map((m) => ({ deliverable: m.deliverable.trim(), dueDate: m.dueDate, amount: fromCents(toCents(m.amount)) }));

  const at = now();
  const [row] = await tx
    .insert(contracts)
    .values({
      needId: need.id,
      bidId: input.bidId,
      clientOrgId: need.ownerOrgId,
      providerOrgId: bid.orgId,
      subject: need.title,
      contractType: input.contractType ?? 'development',
      fundingMode,
      value: fromCents(priceCents),
      status: 'active',
      signedAt: at,
      startDate: localDate(at),
      endDate: lastDue,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  if (!row) throw new Error('insert contract returned no row');
  const inserted = await tx
    .insert(contractMilestones)
    .values(milestones.map((m, i) => ({ contractId: row.id, seq: i + 1, ...m, status: 'pending' as const, updatedAt: at })))
    .returning({ id: contractMilestones.id, seq: contractMilestones.seq, amount: contractMilestones.amount, dueDate: contractMilestones.dueDate });
  await auditContract(tx, actor, row, {
    action: 'contract.create',
    entityType: 'contract',
    entityId: row.id,
    after: { needId: need.id, bidId: input.bidId, value: row.value, fundingMode, status: row.status, milestones: inserted },
  });
  // A team's past contracts are part of what it is matched on (server/matching/documents.ts).
  await refreshMatchDocuments(tx, [row.providerOrgId]);
  return row;
}
