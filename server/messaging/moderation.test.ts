import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import type { Actor } from '../actor';
import { contractFixture, insertBureau } from '../contracts/test-fixtures';
import { insertNeed } from '../needs/factories';
import { callerFor } from '../test/caller';
import { sendMessage } from './messages';
import { directFixture } from './test-fixtures';

/** 举报 to the bureau and its resolution; the header's unread total; a need's and a contract's conversations. */

let database: Database;
let fx: Awaited<ReturnType<typeof directFixture>>;
let bureau: Awaited<ReturnType<typeof insertBureau>>;

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await directFixture(database.db);
  bureau = await insertBureau(database.db);
});
afterAll(() => database.close());

const as = (actor: Actor) => callerFor(database.db, actor);
const say = (actor: Actor, body: string, conversationId = fx.conversationId) =>
  sendMessage(database.db, actor, { conversationId, clientId: crypto.randomUUID(), body, attachmentIds: [] });

describe('reports (举报)', () => {
  it('the bureau sees the reported text, sender and reporter; removing takes the message down for everyone', async () => {
    const { message } = await say(fx.enterprise.actor, '加微信私下交易，绕开平台');
    await as(fx.team.actor).messages.report({ messageId: message.id, reason: '引导线下交易' });
    const queue = await as(bureau.actor).messages.reports({ open: true });
    const item = queue.find((r) => r.messageId === message.id);
    expect(item).toMatchObject({
      body: '加微信私下交易，绕开平台',
      reason: '引导线下交易',
      senderOrgName: fx.enterprise.org.name,
      reporterOrgName: fx.team.org.name,
      kind: 'direct',
      withdrawn: false,
    });
    const reportId = item?.id ?? '';
    // Only the bureau resolves.
    await expect(as(fx.team.actor).messages.resolveReport({ reportId: reportId, remove: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await as(bureau.actor).messages.resolveReport({ reportId: reportId, remove: true })).toEqual({ removed: true });
    const page = await as(fx.team.actor).messages.history({ conversationId: fx.conversationId });
    expect(page.messages.find((m) => m.id === message.id)).toMatchObject({ deleted: true, body: '' });
    expect((await as(bureau.actor).messages.reports({ open: true })).some((r) => r.id === reportId)).toBe(false);
    const all = await as(bureau.actor).messages.reports({ open: false });
    expect(all.find((r) => r.id === reportId)).toMatchObject({ withdrawn: true, body: '加微信私下交易，绕开平台' });
    // Resolved once: again is NOT_FOUND, nothing changes.
    await expect(as(bureau.actor).messages.resolveReport({ reportId: reportId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('dismissing leaves the message as it is', async () => {
    const { message } = await say(fx.team.actor, '报价偏高，请再考虑');
    await as(fx.enterprise.actor).messages.report({ messageId: message.id, reason: '态度不好' });
    const item = (await as(bureau.actor).messages.reports({ open: true })).find((r) => r.messageId === message.id);
    expect(await as(bureau.actor).messages.resolveReport({ reportId: item?.id ?? '' })).toEqual({ removed: false });
    const page = await as(fx.enterprise.actor).messages.history({ conversationId: fx.conversationId });
    expect(page.messages.find((m) => m.id === message.id)).toMatchObject({ deleted: false, body: '报价偏高，请再考虑' });
  });
});

describe('unread total and conversations by need or contract', () => {
  it("counts the caller's unread messages over all conversations, and drops as they are read", async () => {
    const before = await as(fx.team.actor).messages.unreadTotal();
    await say(fx.enterprise.actor, '第一条新消息');
    await say(fx.enterprise.actor, '第二条新消息');
    expect((await as(fx.team.actor).messages.unreadTotal()).unread).toBe(before.unread + 2);
    const detail = await as(fx.team.actor).messages.conversation({ conversationId: fx.conversationId });
    await as(fx.team.actor).messages.markRead({ conversationId: fx.conversationId, seq: detail.lastSeq });
    expect((await as(fx.team.actor).messages.unreadTotal()).unread).toBe(0);
    // The sender has nothing unread from its own messages.
    expect((await as(fx.enterprise.actor).messages.unreadTotal()).unread).toBe(0);
  });

  it("a need's owner lists its 答疑 threads; a contract's parties find the room by contract", async () => {
    const need = await insertNeed(database.db, { orgId: fx.enterprise.org.id, userId: fx.enterprise.actor.userId }, { status: 'published' });
    const { id } = await as(fx.team.actor).messages.askAboutNeed({ needId: need.id });
    await say(fx.team.actor, '交付周期可否延长？', id);
    const threads = await as(fx.enterprise.actor).messages.conversations({ needId: need.id });
    expect(threads.map((c) => [c.id, c.kind, c.unread])).toEqual([[id, 'need_qa', 1]]);
    expect(await as(fx.enterprise.actor).messages.conversations({ needId: crypto.randomUUID() })).toEqual([]);

    const contract = await contractFixture(database.db);
    const room = await as(contract.client.actor).messages.contractConversation({ contractId: contract.contract.id });
    expect((await as(contract.team.actor).messages.conversations({ contractId: contract.contract.id })).map((c) => c.id)).toEqual([room.id]);
  });
});
