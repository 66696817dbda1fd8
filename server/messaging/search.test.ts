import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import type { Actor, MemberActor } from '../actor';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { deleteMessage, sendMessage } from './messages';
import { directFixture } from './test-fixtures';

/** Search in a conversation's history: Chinese words cut by jieba, every word must match, participants only. */

let database: Database;
let fx: Awaited<ReturnType<typeof directFixture>>;

const send = (actor: Actor, body: string) =>
  sendMessage(database.db, actor, { conversationId: fx.conversationId, clientId: crypto.randomUUID(), body, attachmentIds: [] });

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await directFixture(database.db); // seq 1: 您好，想了解贵团队的磨削工艺方案。
  await send(fx.team.actor, '我们的新能源汽车电池壳体磨削工艺已经量产。'); // 2
  await send(fx.enterprise.actor, '报价单稍后发您，良品率要求100%。'); // 3
  const { message } = await send(fx.team.actor, '磨削样件下周寄出（此条将撤回）'); // 4
  await deleteMessage(database.db, fx.team.actor as MemberActor, { messageId: message.id });
  await send(fx.enterprise.actor, 'Grinding spec v2 已上传'); // 5
});
afterAll(() => database.close());

const search = (query: string, actor: Actor = fx.team.actor) => callerFor(database.db, actor).messages.search({ conversationId: fx.conversationId, query });

describe('search in a conversation', () => {
  it('cuts the query into words (jieba) and finds messages holding every word, newest first', async () => {
    const result = await search('磨削工艺');
    expect(result.terms).toEqual(['磨削', '工艺']);
    expect(result.hits.map((h) => h.seq)).toEqual([2, 1]);
    // The snippet flags the hits as segments (rendered as text nodes).
    expect(result.hits[0]?.segments.filter((s) => s.hit).map((s) => s.text)).toEqual(['磨削', '工艺']);
    expect(result.hits[0]).toMatchObject({ senderOrgName: fx.team.org.name });
  });

  it('a word inside a longer one is found (能源 in 新能源汽车), and a sentence query needs all its words', async () => {
    expect((await search('能源')).hits.map((h) => h.seq)).toEqual([2]);
    expect((await search('电池壳体的报价')).hits).toEqual([]);
    expect((await search('报价单')).hits.map((h) => h.seq)).toEqual([3]);
  });

  it('Latin words ignore case; LIKE wildcards in the query are literal; punctuation alone finds nothing', async () => {
    expect((await search('GRINDING')).hits.map((h) => h.seq)).toEqual([5]);
    expect((await search('100%')).hits.map((h) => h.seq)).toEqual([3]);
    expect((await search('_')).hits).toEqual([]);
    expect(await search('，。！')).toEqual({ terms: [], hits: [] });
  });

  it('withdrawn messages are not searched', async () => {
    expect((await search('样件')).hits).toEqual([]);
  });

  it('an organisation outside the conversation gets NOT_FOUND; a blank query is refused', async () => {
    const outsider = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
    await expect(search('磨削', outsider.actor)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(search('   ')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
