import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contracts, memberships, organizations } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { audit, type AuditEntry } from '../audit/audit';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { can } from '../permissions';
import type { Transition, Who } from './states';

/** Helpers every contract act shares: who the actor is to a contract, authorising a transition, audit, recipients. */

export type ContractRow = typeof contracts.$inferSelect;
export type Side = 'client' | 'provider';

/** The bureau as referee: any member of a verified bureau organisation. */
export function isBureau(actor: Actor | null): boolean {
  return actor?.org?.kind === 'bureau' && actor.org.status === 'verified';
}

/** The actor's side of the contract, or null when it is not a party. */
export function sideOf(actor: Actor | null, contract: Pick<ContractRow, 'clientOrgId' | 'providerOrgId'>): Side | null {
  const orgId = actor?.org?.id;
  if (!orgId) return null;
  if (orgId === contract.clientOrgId) return 'client';
  if (orgId === contract.providerOrgId) return 'provider';
  return null;
}

export const otherSide = (side: Side): Side => (side === 'client' ? 'provider' : 'client');
export const orgOfSide = (contract: Pick<ContractRow, 'clientOrgId' | 'providerOrgId'>, side: Side) =>
  side === 'client' ? contract.clientOrgId : contract.providerOrgId;

/** Parties and the bureau read a contract; anyone else gets NOT_FOUND, exactly as for one that does not exist. */
export function canRead(actor: Actor | null, contract: Pick<ContractRow, 'clientOrgId' | 'providerOrgId'>): boolean {
  return sideOf(actor, contract) !== null || isBureau(actor);
}

/** Loads a contract for update inside `tx`, or NOT_FOUND when it does not exist or the actor may not read it. */
export async function lockContract(tx: Db, actor: Actor | null, contractId: string): Promise<ContractRow> {
  const [row] = await tx.select().from(contracts).where(eq(contracts.id, contractId)).for('update');
  if (!row || !canRead(actor, row)) throw notFound();
  return row;
}

/**
 * May `actor` fire a transition whose `by` and permission are `t`'s? Called after the read scope check, so the
 * refusals here (FORBIDDEN) only ever reach someone who can see the contract anyway.
 */
export function authorise(actor: MemberActor, contract: ContractRow, t: Pick<Transition<string, string>, 'by' | 'action'>): void {
  const side = sideOf(actor, contract);
  const allowed: Record<Who, boolean> = {
    client: side === 'client',
    provider: side === 'provider',
    party: side !== null,
    bureau: isBureau(actor),
    system: false,
  };
  if (!allowed[t.by]) throw forbidden('contracts.notYourSide');
  const { org } = actor;
  if (t.action && !can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, t.action)) {
    throw new AppError('FORBIDDEN', org.status === 'verified' ? 'forbidden' : 'orgNotVerified');
  }
}

/** A transition that is not in the table from the current state. */
export const invalidTransition = (entity: string, from: string, event: string) => conflict('contracts.invalidTransition', { entity, from, event });

/**
 * One audit row per change, shown in both parties' logs: the actor's organisation sees it as the actor, the
 * other party as the organisation whose record changed. Acts by the bureau or the system change both parties'
 * records, so each party's log gets a row.
 */
export async function auditContract(tx: Db, actor: Actor | null, contract: ContractRow, entry: Omit<AuditEntry, 'orgId'>): Promise<void> {
  const side = sideOf(actor, contract);
  if (side) {
    await audit(tx, actor, { ...entry, orgId: orgOfSide(contract, otherSide(side)) });
    return;
  }
  await audit(tx, actor, { ...entry, orgId: contract.clientOrgId });
  await audit(tx, actor, { ...entry, orgId: contract.providerOrgId });
}

/** Owners and admins of the given organisations: who hears of contract events (members see them on the pages). */
export async function managersOf(tx: Db, orgIds: readonly string[]): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(inArray(memberships.orgId, [...orgIds]), inArray(memberships.role, ['owner', 'admin'])));
  return rows.map((r) => r.userId);
}

/** Every member of the verified bureau organisation(s): disputes and escalations wait for them. */
export async function bureauMembers(tx: Db): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(organizations.kind, 'bureau'), eq(organizations.status, 'verified')));
  return rows.map((r) => r.userId);
}

/** 万元 amounts are numeric(12,2) strings; sums are done in cents so 0.1 + 0.2 stays 0.30. */
export function toCents(amount: string | number): number {
  return Math.round(Number(amount) * 100);
}
export function fromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
/** The calendar date in the county (Asia/Shanghai) of an instant: `2026-11-27`. */
export function localDate(at: Date): string {
  return LOCAL_DATE.format(at);
}
