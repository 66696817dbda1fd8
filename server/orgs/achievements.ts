import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { achievements } from '@/db/schema';
import type { MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { badRequest, notFound } from '../errors';
import { inTransaction } from '../transaction';
import { refreshMatchDocuments } from '../matching/documents';
import type { AchievementInput } from './inputs';

/**
 * 成果 of a research team: papers, patents, awards, standards. Matching reads them, so they live in
 * their own table. Every query carries the actor's organisation: another organisation's achievement
 * answers NOT_FOUND, exactly like one that does not exist.
 */

const columns = {
  id: achievements.id,
  kind: achievements.kind,
  title: achievements.title,
  abstract: achievements.abstract,
  keywords: achievements.keywords,
  year: achievements.year,
  createdAt: achievements.createdAt,
};

/** A year of publication or grant cannot lie after the current year. */
function checkYear(year: number | null) {
  if (year !== null && year > now().getFullYear()) throw badRequest('invalidInput', { year: 'v.yearInFuture' });
}

export async function listAchievements(db: Db, actor: MemberActor) {
  return db
    .select(columns)
    .from(achievements)
    .where(eq(achievements.orgId, actor.org.id))
    .orderBy(desc(achievements.year), desc(achievements.createdAt));
}

export async function createAchievement(db: Db, actor: MemberActor, input: AchievementInput) {
  checkYear(input.year);
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(achievements)
      .values({ ...input, orgId: actor.org.id, createdAt: now() })
      .returning(columns);
    if (!row) throw new Error('insert achievement returned no row');
    await audit(tx, actor, {
      action: 'achievement.create',
      entityType: 'achievement',
      entityId: row.id,
      orgId: actor.org.id,
      after: input,
    });
    // 智能匹配 reads the team's text from its match document: rewritten with the change (server/matching).
    await refreshMatchDocuments(tx, [actor.org.id]);
    return row;
  });
}

export async function updateAchievement(db: Db, actor: MemberActor, id: string, input: AchievementInput) {
  checkYear(input.year);
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select(columns)
      .from(achievements)
      .where(and(eq(achievements.id, id), eq(achievements.orgId, actor.org.id)))
      .for('update');
    if (!before) throw notFound();
    const [row] = await tx
      .update(achievements)
      .set(input)
      .where(and(eq(achievements.id, id), eq(achievements.orgId, actor.org.id)))
      .returning(columns);
    if (!row) throw notFound();
    await audit(tx, actor, {
      action: 'achievement.update',
      entityType: 'achievement',
      entityId: id,
      orgId: actor.org.id,
      before: { kind: before.kind, title: before.title, abstract: before.abstract, keywords: before.keywords, year: before.year },
      after: input,
    });
    // 智能匹配 reads the team's text from its match document: rewritten with the change (server/matching).
    await refreshMatchDocuments(tx, [actor.org.id]);
    return row;
  });
}

export async function deleteAchievement(db: Db, actor: MemberActor, id: string) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .delete(achievements)
      .where(and(eq(achievements.id, id), eq(achievements.orgId, actor.org.id)))
      .returning(columns);
    if (!row) throw notFound();
    await audit(tx, actor, {
      action: 'achievement.delete',
      entityType: 'achievement',
      entityId: id,
      orgId: actor.org.id,
      before: { kind: row.kind, title: row.title, abstract: row.abstract, keywords: row.keywords, year: row.year },
    });
    // 智能匹配 reads the team's text from its match document: rewritten with the change (server/matching).
    await refreshMatchDocuments(tx, [actor.org.id]);
    return { id };
  });
}
