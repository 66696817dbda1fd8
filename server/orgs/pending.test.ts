import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, organizations } from '@/db/schema';
import type { Actor, MemberRole, OrgKind, OrgStatus } from '../actor';
import { actorForSession } from '../auth/sessions';
import { can, type Action } from '../permissions';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { createCallerFactory, createInnerContext, permittedProcedure, router } from '../trpc';

/**
 * SPEC §1: a pending (or rejected) organisation may edit its drafts and profile, but cannot publish,
 * bid or sign. Proven on the permission table itself and through real procedures guarded by it.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const GATED: Array<{ action: Action; kind: OrgKind }> = [
  { action: 'need.publish', kind: 'enterprise' },
  { action: 'bid.submit', kind: 'research_team' },
  { action: 'contract.sign', kind: 'enterprise' },
  { action: 'contract.sign', kind: 'research_team' },
];

describe('pending organisations: drafts and profile yes; publish, bid, sign no', () => {
  it('the permission table refuses need.publish, bid.submit and contract.sign until verified', () => {
    for (const { action, kind } of GATED) {
      for (const role of ['owner', 'admin'] as MemberRole[]) {
        for (const status of ['pending', 'rejected'] as OrgStatus[]) {
          expect(can({ orgKind: kind, role, orgStatus: status }, action), `${kind} ${role} ${status} ${action}`).toBe(false);
        }
        expect(can({ orgKind: kind, role, orgStatus: 'verified' }, action), `${kind} ${role} verified ${action}`).toBe(true);
      }
    }
  });

  it('the permission table lets pending owners and admins edit their profile and drafts', () => {
    for (const role of ['owner', 'admin'] as MemberRole[]) {
      expect(can({ orgKind: 'enterprise', role, orgStatus: 'pending' }, 'org.updateProfile')).toBe(true);
      expect(can({ orgKind: 'enterprise', role, orgStatus: 'pending' }, 'need.draft')).toBe(true);
      expect(can({ orgKind: 'research_team', role, orgStatus: 'pending' }, 'bid.draft')).toBe(true);
      expect(can({ orgKind: 'research_team', role, orgStatus: 'pending' }, 'org.manageAchievements')).toBe(true);
    }
  });

  // The same guard every router uses (`permittedProcedure`), on procedures named after the gated acts.
  const gate = router({
    publish: permittedProcedure('need.publish').mutation(() => 'published'),
    bid: permittedProcedure('bid.submit').mutation(() => 'submitted'),
    sign: permittedProcedure('contract.sign').mutation(() => 'signed'),
  });
  const gateCaller = (actor: Actor) => createCallerFactory(gate)(createInnerContext({ db: database.db, actor }));

  async function outcome(promise: Promise<unknown>) {
    return promise.then(
      (v) => v,
      (e: { code?: string; message?: string }) => `${e.code}:${e.message}`,
    );
  }

  it('real procedures refuse a pending organisation with orgNotVerified and let it update its profile', async () => {
    const { org: enterprise, actor: enterpriseOwner } = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'pending' });
    const { actor: teamOwner } = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'pending' });

    expect(await outcome(gateCaller(enterpriseOwner).publish())).toBe('FORBIDDEN:orgNotVerified');
    expect(await outcome(gateCaller(teamOwner).bid())).toBe('FORBIDDEN:orgNotVerified');
    expect(await outcome(gateCaller(enterpriseOwner).sign())).toBe('FORBIDDEN:orgNotVerified');
    expect(await outcome(gateCaller(teamOwner).sign())).toBe('FORBIDDEN:orgNotVerified');

    // …while the real profile procedure works for the same pending owner.
    await callerFor(database.db, enterpriseOwner).orgs.updateProfile({ description: '待审核期间完善资料' });
    const [row] = await database.db.select().from(organizations).where(eq(organizations.id, enterprise.id));
    expect(row).toMatchObject({ status: 'pending', description: '待审核期间完善资料' });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.orgId, enterprise.id))).toHaveLength(1);
  });

  it('once the bureau verifies it, the same acts pass the gate', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'pending' });
    const { actor: bureau } = await insertOrgWithOwner(database.db, { kind: 'bureau' });
    await callerFor(database.db, bureau).bureau.verify({ orgId: org.id });
    // The next request reads the actor from the session again and finds the organisation verified.
    const verified = await actorForSession(database.db, actor.sessionId);
    if (!verified) throw new Error('session lost');
    expect(verified.org?.status).toBe('verified');
    expect(await outcome(gateCaller(verified).publish())).toBe('published');
    expect(await outcome(gateCaller(verified).sign())).toBe('signed');
  });
});
