import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { users } from '@/db/schema';
import { now } from '../clock';
import { insertBureau, outcome } from '../contracts/test-fixtures';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { landingFixture, type Party } from './test-fixtures';

let database: Database;
let db: Db;
let bureau: Party;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  bureau = await insertBureau(db);
});
afterAll(() => database.close());

describe('task owners', () => {
  it('landing.members lists the people of the team, the enterprise and the incubator (not deleted accounts) to every party; any of them may own a task, nobody else', async () => {
    const fx = await landingFixture(db, { bureau });
    const engineer = await insertMember(db, fx.team.org, 'member');
    const gone = await insertMember(db, fx.enterprise.org, 'member');
    await db.update(users).set({ deletedAt: now() }).where(eq(users.id, gone.user.id));
    const stranger = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });

    const expected = [
      { userId: fx.team.user.id, orgId: fx.team.org.id },
      { userId: engineer.user.id, orgId: fx.team.org.id },
      { userId: fx.enterprise.user.id, orgId: fx.enterprise.org.id },
      { userId: fx.incubator.user.id, orgId: fx.incubator.org.id },
    ];
    for (const party of [fx.team, fx.enterprise, fx.incubator, bureau]) {
      const people = await callerFor(db, party.actor).landing.members({ projectId: fx.projectId });
      expect(people.map((p) => ({ userId: p.userId, orgId: p.orgId }))).toEqual(expected);
      expect(people.every((p) => !('email' in p))).toBe(true);
    }
    expect(await outcome(callerFor(db, stranger.actor).landing.members({ projectId: fx.projectId }))).toBe('NOT_FOUND:notFound');

    // The enterprise gives a task to the team's engineer — someone of another party, from the list.
    const enterprise = callerFor(db, fx.enterprise.actor);
    await enterprise.landing.addTask({ projectId: fx.projectId, title: '提交中试线环评材料', ownerUserId: engineer.user.id, dueDate: null });
    const page = await enterprise.landing.get({ projectId: fx.projectId });
    expect(page.tasks.map((t) => t.title)).toEqual(['提交中试线环评材料']);
    expect(await outcome(enterprise.landing.addTask({ projectId: fx.projectId, title: '外人任务', ownerUserId: stranger.user.id, dueDate: null }))).toMatch(/^BAD_REQUEST:landing\.taskOwnerNotMember/);
    expect(await outcome(enterprise.landing.addTask({ projectId: fx.projectId, title: '已注销账号的任务', ownerUserId: gone.user.id, dueDate: null }))).toMatch(/^BAD_REQUEST:landing\.taskOwnerNotMember/);
    expect((await enterprise.landing.get({ projectId: fx.projectId })).tasks).toHaveLength(1);
  });
});
