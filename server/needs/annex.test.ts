import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, needAnnexOpenings, needNdaAcceptances } from '@/db/schema';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { insertNeed } from './factories';

let database: Database;
let owner: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let team: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let otherTeam: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let pendingTeam: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let bureau: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let outsider: Awaited<ReturnType<typeof insertOrgWithOwner>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  owner = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  team = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified', name: '浙江大学精密制造团队' });
  otherTeam = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  pendingTeam = await insertOrgWithOwner(db, { kind: 'research_team', status: 'pending' });
  bureau = await insertOrgWithOwner(db, { kind: 'bureau', status: 'verified' });
  outsider = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
});
afterAll(() => database.close());

async function counts(needId: string) {
  const [openings] = await database.db.select({ n: count() }).from(needAnnexOpenings).where(eq(needAnnexOpenings.needId, needId));
  const [nda] = await database.db.select({ n: count() }).from(needNdaAcceptances).where(eq(needNdaAcceptances.needId, needId));
  const [audits] = await database.db.select({ n: count() }).from(auditLog);
  return { openings: openings?.n, nda: nda?.n, audits: audits?.n };
}

const published = () => insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published' });

describe('confidential annex', () => {
  it('opening the annex without the NDA is NOT_FOUND for a team, an outsider enterprise; FORBIDDEN for a pending team and anonymous; nothing logged', async () => {
    const need = await published();
    const before = await counts(need.id);
    await expect(callerFor(database.db, team.actor).needs.openAnnex({ id: need.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(database.db, outsider.actor).needs.openAnnex({ id: need.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(database.db, pendingTeam.actor).needs.openAnnex({ id: need.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(database.db, null).needs.openAnnex({ id: need.id })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await counts(need.id)).toEqual(before);
    // The public view carries the NDA to read, never the annex.
    const view = await callerFor(database.db, team.actor).needs.get({ id: need.id });
    expect(view.ndaText).toContain('保密义务');
    expect(JSON.stringify(view)).not.toContain(need.annexText);
    expect(view.viewer).toEqual({ isOwner: false, ndaAccepted: false, canOpenAnnex: false });
  });

  it('a team accepts the NDA (row + audit, once), then any of its members opens the annex, each opening logged for the owner', async () => {
    const need = await published();
    const caller = callerFor(database.db, team.actor);
    const accepted = await caller.needs.acceptNda({ id: need.id });
    expect(accepted.acceptedAt).toBeInstanceOf(Date);
    const afterFirst = await counts(need.id);
    await caller.needs.acceptNda({ id: need.id });
    expect(await counts(need.id)).toEqual(afterFirst);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'need.acceptNda'));
    expect(entry).toMatchObject({ entityId: need.id, actorUserId: team.user.id, orgId: team.org.id });

    const annex = await caller.needs.openAnnex({ id: need.id });
    expect(annex.annexText).toBe(need.annexText);
    expect(annex.access).toBe('nda');
    const member = await insertMember(database.db, team.org, 'member');
    await callerFor(database.db, member.actor).needs.openAnnex({ id: need.id });
    expect((await callerFor(database.db, team.actor).needs.get({ id: need.id })).viewer).toEqual({ isOwner: false, ndaAccepted: true, canOpenAnnex: true });

    // Another team's acceptance is not ours.
    await expect(callerFor(database.db, otherTeam.actor).needs.openAnnex({ id: need.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const log = await callerFor(database.db, owner.actor).needs.annexLog({ id: need.id });
    expect(log.acceptances).toEqual([expect.objectContaining({ orgId: team.org.id, orgName: '浙江大学精密制造团队', userName: team.user.name })]);
    expect(log.openings.map((o) => o.userName).sort()).toEqual([member.user.name, team.user.name].sort());
    expect(log.openings.every((o) => o.orgId === team.org.id && o.openedAt instanceof Date)).toBe(true);
  });

  it('the bureau opens any published annex, logged; the owner opens its own without a log entry', async () => {
    const need = await published();
    const byBureau = await callerFor(database.db, bureau.actor).needs.openAnnex({ id: need.id });
    expect(byBureau.access).toBe('bureau');
    const byOwner = await callerFor(database.db, owner.actor).needs.openAnnex({ id: need.id });
    expect(byOwner.access).toBe('owner');
    const log = await callerFor(database.db, owner.actor).needs.annexLog({ id: need.id });
    expect(log.openings.map((o) => o.orgKind)).toEqual(['bureau']);
  });

  it('only the owner reads the openings; the NDA of a draft or a closed need cannot be accepted', async () => {
    const need = await published();
    for (const who of [team, outsider, bureau]) {
      await expect(callerFor(database.db, who.actor).needs.annexLog({ id: need.id })).rejects.toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
    }
    const draft = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id });
    await expect(callerFor(database.db, team.actor).needs.acceptNda({ id: draft.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(database.db, bureau.actor).needs.openAnnex({ id: draft.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const closed = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'closed' });
    const before = await counts(closed.id);
    await expect(callerFor(database.db, team.actor).needs.acceptNda({ id: closed.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await counts(closed.id)).toEqual(before);
  });

  it('a pending team cannot accept an NDA', async () => {
    const need = await published();
    const before = await counts(need.id);
    await expect(callerFor(database.db, pendingTeam.actor).needs.acceptNda({ id: need.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts(need.id)).toEqual(before);
  });
});
