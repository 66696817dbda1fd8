import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { notifications } from '@/db/schema';
import type { AckResponse } from '../realtime/events';
import { client, connected, sessionCookie, startTestServer, type TestServer } from '../realtime/testing';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { sendMessage } from './messages';
import { notifyMentions } from './mentions';
import { directFixture } from './test-fixtures';

/** @mentions: participants named after an '@' are notified, one click to the message; nobody else, never twice. */

let database: Database;
let server: TestServer;
let fx: Awaited<ReturnType<typeof directFixture>>;
let engineer: Awaited<ReturnType<typeof insertMember>>;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database.db);
  fx = await directFixture(database.db);
  engineer = await insertMember(database.db, fx.team.org, 'member', { name: '李工程师' });
});
afterAll(async () => {
  await server.close();
  await database.close();
});

const mentionsOf = (userId: string) =>
  database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'message.mentioned')));

describe('mentions', () => {
  it('the conversation lists its people for the @ list', async () => {
    const detail = await callerFor(database.db, fx.enterprise.actor).messages.conversation({ conversationId: fx.conversationId });
    expect(detail.people.map((p) => p.name).sort()).toEqual([fx.enterprise.actor.name, fx.team.actor.name, '李工程师'].sort());
  });

  it('a message sent over the socket notifies the participant it names, with a link to that message', async () => {
    const socket = await connected(client(server.url, { cookie: await sessionCookie(fx.enterprise.actor) }));
    try {
      const ack = (await socket.emitWithAck('message:send', {
        conversationId: fx.conversationId,
        clientId: crypto.randomUUID(),
        body: '@李工程师请看一下样件尺寸',
      })) as AckResponse<{ seq: number }>;
      expect(ack.ok).toBe(true);
      const seq = ack.ok ? ack.data.seq : 0;
      let rows: Awaited<ReturnType<typeof mentionsOf>> = [];
      for (let i = 0; i < 50 && rows.length === 0; i++) {
        rows = await mentionsOf(engineer.actor.userId);
        if (rows.length === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ link: `/messages?c=${fx.conversationId}&m=${seq}` });
      expect(rows[0]?.payload).toMatchObject({ sender: fx.enterprise.actor.name, org: fx.enterprise.org.name });
      // The team's owner was not named.
      expect(await mentionsOf(fx.team.actor.userId)).toEqual([]);
    } finally {
      socket.disconnect();
    }
  });

  it('never twice for the same message (a retry is announced again); never the sender; nobody outside', async () => {
    const outsider = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' }, { name: '王局外' });
    const { message } = await sendMessage(database.db, fx.team.actor, {
      conversationId: fx.conversationId,
      clientId: crypto.randomUUID(),
      body: `@${fx.team.actor.name} @王局外 @${fx.enterprise.actor.name} 报价已更新`,
      attachmentIds: [],
    });
    expect(await notifyMentions(database.db, message)).toEqual([fx.enterprise.actor.userId]);
    expect(await notifyMentions(database.db, message)).toEqual([]);
    expect(await mentionsOf(outsider.actor.userId)).toEqual([]);
    expect(await mentionsOf(fx.team.actor.userId)).toEqual([]);
  });
});
