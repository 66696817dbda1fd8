import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { contracts, needClarifications, needs } from '@/db/schema';
import type { Db } from '@/db/client';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { badRequest, notFound } from '../errors';
import { inTransaction } from '../transaction';
import { ensureConversation } from './conversations';

/**
 * 答疑 (SPEC §2): a team that can see a published need asks its owner in a conversation of their own
 * (router: 'need.ask'). Nothing about bids is read or returned: asking reveals nothing about whether it bid.
 */
export async function askAboutNeed(db: Db, actor: MemberActor, input: { needId: string }): Promise<{ id: string }> {
  return inTransaction(db, async (tx) => {
    const [need] = await tx
      .select({ id: needs.id, ownerOrgId: needs.ownerOrgId })
      .from(needs)
      .where(and(eq(needs.id, input.needId), isNotNull(needs.publishedAt)))
      .limit(1);
    if (!need) throw notFound();
    if (need.ownerOrgId === actor.org.id) throw badRequest('messaging.selfConversation');
    const conversation = await ensureConversation(tx, actor, {
      kind: 'need_qa',
      key: `need_qa:${need.id}:${actor.org.id}`,
      needId: need.id,
      participants: [
        { orgId: actor.org.id, role: 'asker' },
        { orgId: need.ownerOrgId, role: 'owner' },
      ],
    });
    return { id: conversation.id };
  });
}

/**
 * 发布澄清: the need's owner publishes a question and its answer to everyone who can see the need
 * (router: 'need.clarify'). The row holds no asker: the owner words the question as they wish.
 */
export async function publishClarification(db: Db, actor: MemberActor, input: { needId: string; question: string; answer: string }) {
  return inTransaction(db, async (tx) => {
    const [need] = await tx
      .select({ id: needs.id })
      .from(needs)
      .where(and(eq(needs.id, input.needId), eq(needs.ownerOrgId, actor.org.id), isNotNull(needs.publishedAt)))
      .limit(1);
    if (!need) throw notFound();
    const [row] = await tx
      .insert(needClarifications)
      .values({ needId: need.id, question: input.question, answer: input.answer, createdAt: now() })
      .returning();
    if (!row) throw new Error('clarification insert returned nothing');
    await audit(tx, actor, { action: 'need.clarify', entityType: 'needClarification', entityId: row.id, orgId: actor.org.id, after: { needId: need.id } });
    return row;
  });
}

/** The published clarifications of a need, for whoever can see the need (anyone once published; the owner always). */
export async function listClarifications(db: Db, actor: Actor | null, input: { needId: string }) {
  const [need] = await db.select({ ownerOrgId: needs.ownerOrgId, publishedAt: needs.publishedAt }).from(needs).where(eq(needs.id, input.needId)).limit(1);
  if (!need || (!need.publishedAt && actor?.org?.id !== need.ownerOrgId)) throw notFound();
  return db
    .select({ id: needClarifications.id, question: needClarifications.question, answer: needClarifications.answer, createdAt: needClarifications.createdAt })
    .from(needClarifications)
    .where(eq(needClarifications.needId, input.needId))
    .orderBy(asc(needClarifications.createdAt));
}

/** The contract's room (its two parties), created when a party first opens it. */
export async function contractConversation(db: Db, actor: MemberActor, input: { contractId: string }): Promise<{ id: string }> {
  return inTransaction(db, async (tx) => {
    const [contract] = await tx.select().from(contracts).where(eq(contracts.id, input.contractId)).limit(1);
    if (!contract || (contract.clientOrgId !== actor.org.id && contract.providerOrgId !== actor.org.id)) throw notFound();
    const conversation = await ensureConversation(tx, actor, {
      kind: 'contract',
      key: `contract:${contract.id}`,
      contractId: contract.id,
      participants: [
        { orgId: contract.clientOrgId, role: 'client' },
        { orgId: contract.providerOrgId, role: 'provider' },
      ],
    });
    return { id: conversation.id };
  });
}
