import { count, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { matchInvitations, notifications } from '@/db/schema';
import { insertNeed } from '../needs/factories';
import { insertOrgWithOwner } from '../seed/factories';
import type { RefusalTable } from '../test/refusals';

/**
 * Organisation A (a verified enterprise) owns a published need and a verified research team T could be
 * invited to it. The walker's outsider (another verified enterprise) and pending outsider (a pending team)
 * must neither see A's matches nor invite anyone to A's need.
 */
async function needOfA(db: Db) {
  const a = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  const team = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  const need = await insertNeed(db, { orgId: a.org.id, userId: a.user.id }, { status: 'published', bidDeadline: new Date(Date.now() + 30 * 86_400_000), publishedAt: new Date() });
  return { a, team, need };
}

/** What A (and T) would see change: invitations of the need, and T's notifications. */
function snapshotOf(db: Db, needId: string, teamUserId: string) {
  return async () => {
    const invitations = await db.select().from(matchInvitations).where(eq(matchInvitations.needId, needId));
    const [notes] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, teamUserId));
    return { invitations, notifications: notes?.n };
  };
}

export const refusals: RefusalTable = {
  'matching.forNeed': {
    async setup(db) {
      const { need, team } = await needOfA(db);
      return { input: { needId: need.id }, snapshot: snapshotOf(db, need.id, team.user.id) };
    },
  },
  'matching.invite': {
    async setup(db) {
      const { need, team } = await needOfA(db);
      return { input: { needId: need.id, teamOrgId: team.org.id }, snapshot: snapshotOf(db, need.id, team.user.id) };
    },
  },
  'matching.decline': {
    // T is invited; the walker's outsider is no team and its pending team is not verified: T's invitation stays unanswered.
    async setup(db) {
      const { need, team, a } = await needOfA(db);
      await db.insert(matchInvitations).values({ needId: need.id, teamOrgId: team.org.id, invitedBy: a.user.id, score: 50, createdAt: new Date() });
      return { input: { needId: need.id }, snapshot: snapshotOf(db, need.id, team.user.id) };
    },
  },
  'matching.invitation': {
    // A research team (even a pending one) reads only its own invitation — none here; T's stays as it was.
    allowed: ['pendingOutsider'],
    async setup(db) {
      const { need, team, a } = await needOfA(db);
      await db.insert(matchInvitations).values({ needId: need.id, teamOrgId: team.org.id, invitedBy: a.user.id, score: 50, createdAt: new Date() });
      return { input: { needId: need.id }, snapshot: snapshotOf(db, need.id, team.user.id) };
    },
  },
  'matching.recommendations': {
    // A research team (even a pending one) reads only its own recommendations; A's need and T are untouched.
    allowed: ['pendingOutsider'],
    async setup(db) {
      const { need, team } = await needOfA(db);
      return { input: {}, snapshot: snapshotOf(db, need.id, team.user.id) };
    },
  },
};
