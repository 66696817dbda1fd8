import { and, asc, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { contractMilestones, contracts, needs, organizations } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { now } from '../clock';
import { notFound } from '../errors';
import { applyNeedEvent } from '../needs/states';
import { creditForContractEnd } from '../credit/record';
import { notify } from '../notifications/notify';
import type { AfterCommit } from '../transaction';
import { auditContract, authorise, canRead, invalidTransition, isBureau, managersOf, sideOf, type ContractRow } from './shared';
import { CONTRACT_TRANSITIONS, ENDED, transition, type ContractEvent } from './states';

/**
 * 技术合同 (SPEC §4): made from an awarded bid (create.ts), read by its parties and the bureau, completed by
 * the system when its last milestone is paid, closed at a 赛马制 stage gate (stage-gate.ts).
 * Milestones live in milestones.ts, disputes in disputes.ts, ratings in ratings.ts.
 */

/** Fires a contract event the caller has authorised (or a system event), guarded on the status it read. */
async function moveContract(
  tx: Db,
  actor: Actor | null,
  contract: ContractRow,
  event: ContractEvent,
  extra: { endReason?: string | null } = {},
): Promise<ContractRow> {
  const t = transition(CONTRACT_TRANSITIONS, contract.status, event);
  if (!t) throw invalidTransition('contract', contract.status, event);
  const at = now();
  const ends = ENDED.includes(t.to);
  const [updated] = await tx
    .update(contracts)
    .set({ status: t.to, updatedAt: at, ...(ends ? { endedAt: at, endReason: extra.endReason ?? null } : {}) })
    .where(and(eq(contracts.id, contract.id), eq(contracts.status, contract.status)))
    .returning();
  if (!updated) throw invalidTransition('contract', contract.status, event);
  await auditContract(tx, actor, contract, {
    action: `contract.${event}`,
    entityType: 'contract',
    entityId: contract.id,
    before: { status: contract.status },
    after: { status: updated.status, ...(extra.endReason ? { reason: extra.endReason } : {}) },
  });
  return updated;
}

/** A contract event fired by an actor: checks the table's side and permission first (after the read scope). */
export async function fireContractEvent(
  tx: Db,
  actor: MemberActor,
  contract: ContractRow,
  event: ContractEvent,
  extra: { endReason?: string | null } = {},
): Promise<ContractRow> {
  const rule = CONTRACT_TRANSITIONS.find((t) => t.event === event);
  if (!rule) throw invalidTransition('contract', contract.status, event);
  authorise(actor, contract, rule);
  return moveContract(tx, actor, contract, event, extra);
}

/** System transitions (a consequence of another act): the audit row names no user. */
export function fireSystemContractEvent(tx: Db, contract: ContractRow, event: ContractEvent, extra: { endReason?: string | null } = {}) {
  const rule = transition(CONTRACT_TRANSITIONS, contract.status, event);
  if (rule && rule.by !== 'system') throw invalidTransition('contract', contract.status, event);
  return moveContract(tx, null, contract, event, extra);
}

/**
 * After a payment or a ruling: an active contract whose every milestone is paid completes, its parties are asked
 * to rate, and its need completes when it may (see `completeNeedIfDone`).
 */
export async function completeIfAllPaid(tx: Db, afterCommit: AfterCommit, contract: ContractRow): Promise<ContractRow> {
  if (contract.status !== 'active') return contract;
  const open = await tx
    .select({ id: contractMilestones.id })
    .from(contractMilestones)
    .where(and(eq(contractMilestones.contractId, contract.id), inArray(contractMilestones.status, ['pending', 'submitted', 'rejected', 'escalated', 'accepted'])))
    .limit(1);
  if (open.length > 0) return contract;
  const completed = await fireSystemContractEvent(tx, contract, 'complete');
  await creditForContractEnd(tx, afterCommit, null, completed);
  await notify(
    tx,
    afterCommit,
    await managersOf(tx, [contract.clientOrgId, contract.providerOrgId]),
    'contract.completed',
    { contractId: contract.id, subject: contract.subject },
    `/contracts/${contract.id}`,
  );
  await completeNeedIfDone(tx, afterCommit, contract.needId);
  return completed;
}

/**
 * The need completes when its contract completes (h6's need lifecycle, event `complete`). A 赛马制 need has
 * several contracts: it completes once every one has ended and at least one (the kept team's) completed —
 * contracts closed at the stage gate end as `stage_closed`, a terminated one does not complete the need.
 */
export async function completeNeedIfDone(tx: Db, afterCommit: AfterCommit, needId: string): Promise<void> {
  const [need] = await tx.select().from(needs).where(eq(needs.id, needId)).for('update');
  if (!need || need.status !== 'awarded') return;
  const all = await tx.select({ status: contracts.status }).from(contracts).where(eq(contracts.needId, needId));
  const allEnded = all.every((c) => ENDED.includes(c.status));
  const anyCompleted = all.some((c) => c.status === 'completed');
  if (all.length === 0 || !allEnded || !anyCompleted) return;
  await applyNeedEvent(tx, afterCommit, null, need, 'complete');
}

// ——— reading ———

const client = alias(organizations, 'client_org');
const provider = alias(organizations, 'provider_org');

const listColumns = {
  id: contracts.id,
  needId: contracts.needId,
  subject: contracts.subject,
  status: contracts.status,
  fundingMode: contracts.fundingMode,
  contractType: contracts.contractType,
  value: contracts.value,
  signedAt: contracts.signedAt,
  startDate: contracts.startDate,
  endDate: contracts.endDate,
  endedAt: contracts.endedAt,
  updatedAt: contracts.updatedAt,
  needMode: needs.mode,
  client: { id: client.id, name: client.name },
  provider: { id: provider.id, name: provider.name, hostInstitution: provider.hostInstitution },
};

/**
 * The actor's organisation's contracts on either side, newest change first; the bureau sees every contract (or
 * one organisation's with `orgId`).
 */
export async function listContracts(
  db: Db,
  actor: MemberActor,
  input: { status?: ContractRow['status']; orgId?: string; cursor: number; limit: number },
) {
  const conditions: SQL[] = [];
  const scopeOrg = isBureau(actor) ? input.orgId : actor.org.id;
  if (scopeOrg) {
    const either = or(eq(contracts.clientOrgId, scopeOrg), eq(contracts.providerOrgId, scopeOrg));
    if (either) conditions.push(either);
  }
  if (input.status) conditions.push(eq(contracts.status, input.status));
  const rows = await db
    .select(listColumns)
    .from(contracts)
    .innerJoin(needs, eq(needs.id, contracts.needId))
    .innerJoin(client, eq(client.id, contracts.clientOrgId))
    .innerJoin(provider, eq(provider.id, contracts.providerOrgId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(contracts.updatedAt), desc(contracts.id))
    .limit(input.limit + 1)
    .offset(input.cursor);
  return {
    items: rows.slice(0, input.limit).map((r) => ({ ...r, side: sideOf(actor, { clientOrgId: r.client.id, providerOrgId: r.provider.id }) })),
    nextCursor: rows.length > input.limit ? input.cursor + input.limit : null,
  };
}

/** The contracts of one need its owner (or the bureau) may see: the stage gate's choice. */
export async function needContracts(db: Db, actor: MemberActor, needId: string) {
  const [need] = await db.select({ ownerOrgId: needs.ownerOrgId }).from(needs).where(eq(needs.id, needId)).limit(1);
  if (!need || (need.ownerOrgId !== actor.org.id && !isBureau(actor))) throw notFound();
  return db
    .select(listColumns)
    .from(contracts)
    .innerJoin(needs, eq(needs.id, contracts.needId))
    .innerJoin(client, eq(client.id, contracts.clientOrgId))
    .innerJoin(provider, eq(provider.id, contracts.providerOrgId))
    .where(eq(contracts.needId, needId))
    .orderBy(asc(contracts.signedAt), asc(contracts.id));
}

/** Loads a contract the actor may read (no lock), or NOT_FOUND. */
export async function readableContract(db: Db, actor: Actor | null, id: string): Promise<ContractRow> {
  const [row] = await db.select().from(contracts).where(eq(contracts.id, id)).limit(1);
  if (!row || !canRead(actor, row)) throw notFound();
  return row;
}
