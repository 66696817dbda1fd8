import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { insertOrgWithOwner } from '../seed/factories';
import { actorForSession, revokeSession, revokeUserSessions, createSession } from './sessions';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('server-side sessions', () => {
  it('a live session yields its actor with organisation and role', async () => {
    const { org, actor } = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'pending' });
    const found = await actorForSession(database.db, actor.sessionId);
    expect(found?.org).toEqual({ id: org.id, kind: 'research_team', status: 'pending', role: 'owner', name: org.name });
  });

  it('a revoked session yields nobody', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    await revokeSession(database.db, actor.sessionId);
    expect(await actorForSession(database.db, actor.sessionId)).toBeNull();
  });

  it('revoking all of a user’s sessions can keep the current one', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const other = await createSession(database.db, actor.userId);
    await revokeUserSessions(database.db, actor.userId, actor.sessionId);
    expect(await actorForSession(database.db, other)).toBeNull();
    expect(await actorForSession(database.db, actor.sessionId)).not.toBeNull();
  });
});
