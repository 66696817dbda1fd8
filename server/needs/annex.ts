import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments, needAnnexOpenings, needNdaAcceptances, needs, organizations, users } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { conflict, notFound } from '../errors';
import { can } from '../permissions';
import { inTransaction } from '../transaction';
import { needAttachments } from './needs';

/**
 * The confidential annex (SPEC §2): it opens to the owning organisation, to a research team that
 * accepted the need's NDA, and to the bureau. Every opening by someone outside the owner — the annex
 * text or one of its files — is logged, and the owner can list who opened it and when. Anyone else gets
 * NOT_FOUND, exactly as for a need that does not exist.
 */

type NeedRow = typeof needs.$inferSelect;

export type AnnexAccess = 'owner' | 'bureau' | 'nda';

/** Why `actor` may open the annex of `need`, or null. Reads only; the caller logs the opening. */
export async function annexAccess(db: Db, actor: Actor | null, need: Pick<NeedRow, 'id' | 'ownerOrgId' | 'publishedAt'>): Promise<AnnexAccess | null> {
  const org = actor?.org;
  if (!org) return null;
  if (org.id === need.ownerOrgId) return 'owner';
  // Nobody outside the owner sees anything of a need before it is published.
  if (!need.publishedAt) return null;
  if (!can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, 'need.openAnnex')) return null;
  if (org.kind === 'bureau') return 'bureau';
  if (org.kind !== 'research_team') return null;
  const [accepted] = await db
    .select({ at: needNdaAcceptances.acceptedAt })
    .from(needNdaAcceptances)
    .where(and(eq(needNdaAcceptances.needId, need.id), eq(needNdaAcceptances.orgId, org.id)))
    .limit(1);
  return accepted ? 'nda' : null;
}

/** Records one opening (of the annex, or of one of its files) by an organisation other than the owner. */
export async function logAnnexOpening(db: Db, actor: MemberActor, needId: string, attachmentId: string | null = null): Promise<void> {
  await db.insert(needAnnexOpenings).values({ needId, orgId: actor.org.id, userId: actor.userId, attachmentId, openedAt: now() });
}

/**
 * A research team accepts the need's NDA (on behalf of its organisation, which the NDA binds). Only for a
 * published need the team can see; accepting twice keeps the first acceptance and writes nothing.
 */
export async function acceptNda(db: Db, actor: MemberActor, needId: string) {
  return inTransaction(db, async (tx) => {
    const [need] = await tx.select().from(needs).where(eq(needs.id, needId)).limit(1);
    if (!need || !need.publishedAt || need.ownerOrgId === actor.org.id) throw notFound();
    if (need.status !== 'published') throw conflict('needs.notAcceptingBids');
    if (!need.ndaText.trim()) throw conflict('needs.noNda');
    const [row] = await tx
      .insert(needNdaAcceptances)
      .values({ needId, orgId: actor.org.id, userId: actor.userId, ndaText: need.ndaText, acceptedAt: now() })
      .onConflictDoNothing()
      .returning();
    if (row) {
      await audit(tx, actor, {
        action: 'need.acceptNda',
        entityType: 'need',
        entityId: needId,
        orgId: actor.org.id,
        after: { needId, ndaText: row.ndaText },
      });
    }
    return { acceptedAt: row?.acceptedAt ?? (await acceptedAt(tx, needId, actor.org.id)) };
  });
}

async function acceptedAt(db: Db, needId: string, orgId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: needNdaAcceptances.acceptedAt })
    .from(needNdaAcceptances)
    .where(and(eq(needNdaAcceptances.needId, needId), eq(needNdaAcceptances.orgId, orgId)))
    .limit(1);
  return row?.at ?? null;
}

/** The annex text and its files, for those who may open it; the opening is logged unless it is the owner's. */
export async function openAnnex(db: Db, actor: MemberActor, needId: string) {
  const [need] = await db.select().from(needs).where(eq(needs.id, needId)).limit(1);
  if (!need) throw notFound();
  const access = await annexAccess(db, actor, need);
  if (!access) throw notFound();
  if (access !== 'owner') await logAnnexOpening(db, actor, needId);
  const files = (await needAttachments(db, needId, 'all')).filter((a) => a.confidential);
  return { needId, annexText: need.annexText, ndaText: need.ndaText, attachments: files, access };
}

/** For the owner: who accepted the NDA and who opened the annex (or which of its files), newest first. */
export async function annexLog(db: Db, actor: MemberActor, needId: string) {
  const [need] = await db
    .select({ id: needs.id })
    .from(needs)
    .where(and(eq(needs.id, needId), eq(needs.ownerOrgId, actor.org.id)))
    .limit(1);
  if (!need) throw notFound();
  const openings = await db
    .select({
      id: needAnnexOpenings.id,
      openedAt: needAnnexOpenings.openedAt,
      orgId: needAnnexOpenings.orgId,
      orgName: organizations.name,
      orgKind: organizations.kind,
      userName: users.name,
      attachmentId: needAnnexOpenings.attachmentId,
      attachmentName: attachments.originalName,
    })
    .from(needAnnexOpenings)
    .innerJoin(organizations, eq(organizations.id, needAnnexOpenings.orgId))
    .leftJoin(users, eq(users.id, needAnnexOpenings.userId))
    .leftJoin(attachments, eq(attachments.id, needAnnexOpenings.attachmentId))
    .where(eq(needAnnexOpenings.needId, needId))
    .orderBy(desc(needAnnexOpenings.openedAt), desc(needAnnexOpenings.id))
    .limit(500);
  const acceptances = await db
    .select({
      orgId: needNdaAcceptances.orgId,
      orgName: organizations.name,
      userName: users.name,
      acceptedAt: needNdaAcceptances.acceptedAt,
    })
    .from(needNdaAcceptances)
    .innerJoin(organizations, eq(organizations.id, needNdaAcceptances.orgId))
    .leftJoin(users, eq(users.id, needNdaAcceptances.userId))
    .where(eq(needNdaAcceptances.needId, needId))
    .orderBy(desc(needNdaAcceptances.acceptedAt));
  return { openings, acceptances };
}
