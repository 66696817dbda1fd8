import crypto from 'node:crypto';
import type net from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { users } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { advanceClock, resetClock } from '../clock';
import { startMessageDigestJob } from '../jobs/message-digest';
import { digestMail } from '../digest-mail';
import { createMailer, type MailMessage } from '../mail';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { fakeSmtpServer } from '../test/fake-smtp';
import { markRead, startDirectConversation } from './conversations';
import { sendMessageDigests, type Digest } from './digest';
import { sendMessage } from './messages';
import { directFixture } from './test-fixtures';

/**
 * 未读消息邮件摘要 through a real SMTP hand-over (the fake server the mail tests use): one email after 15
 * minutes unread, listing the messages with links to each, once per unread stretch.
 */

let database: Database;
const smtp = fakeSmtpServer();
let send: (digest: Digest) => Promise<{ delivered: boolean }>;
let sent: MailMessage[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as net.AddressInfo).port;
  const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'test <noreply@test.kechuang.cn>' });
  send = (digest) => {
    const mail = digestMail(digest, 'https://kc.example.cn/');
    sent.push(mail);
    return mailer.send(mail);
  };
});
afterEach(() => {
  resetClock();
  sent = [];
  smtp.received.length = 0;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  await database.close();
});

const MINUTE = 60_000;
const say = (actor: Actor, conversationId: string, body: string) =>
  sendMessage(database.db, actor, { conversationId, clientId: crypto.randomUUID(), body, attachmentIds: [] });

describe('message digest', () => {
  it('after 15 minutes unread, one email per user lists the messages with a link to each; not before, not twice', async () => {
    const fx = await directFixture(database.db); // seq 1 from the enterprise, at t0
    const colleague = await insertMember(database.db, fx.team.org, 'member', { email: 'colleague@team.test.kechuang.cn' });
    await database.db.update(users).set({ locale: 'en' }).where(eq(users.id, colleague.user.id));
    await say(fx.enterprise.actor, fx.conversationId, '样件图纸已更新，请查收。'); // seq 2

    advanceClock(14 * MINUTE);
    expect(await sendMessageDigests(database.db, send)).toEqual([]);

    advanceClock(2 * MINUTE);
    const emailed = await sendMessageDigests(database.db, send);
    // The team's two members; never the enterprise's sender (its own messages are read).
    expect(new Set(emailed)).toEqual(new Set([fx.team.actor.userId, colleague.user.id]));
    expect(smtp.received).toHaveLength(2);
    const toOwner = sent.find((m) => m.to === fx.team.user.email);
    expect(toOwner?.subject).toBe('您有 2 条未读沟通消息');
    expect(toOwner?.text).toContain(`【${fx.enterprise.org.name}】2 条未读`);
    expect(toOwner?.text).toContain('样件图纸已更新，请查收。');
    expect(toOwner?.text).toContain(`https://kc.example.cn/messages?c=${fx.conversationId}&m=2`);
    // In the user's language.
    const toColleague = sent.find((m) => m.to === 'colleague@team.test.kechuang.cn');
    expect(toColleague?.subject).toBe('You have 2 unread messages');
    expect(toColleague?.text).toContain(`${fx.enterprise.actor.name} (${fx.enterprise.org.name}): 样件图纸已更新`);

    // Same unread stretch: nothing more, even as new messages pile up.
    await say(fx.enterprise.actor, fx.conversationId, '还有一个问题'); // seq 3
    advanceClock(30 * MINUTE);
    expect(await sendMessageDigests(database.db, send)).toEqual([]);

    // The owner reads; a new message starts a new stretch for the owner only (the colleague still has not read).
    await markRead(database.db, fx.team.actor, { conversationId: fx.conversationId, seq: 3 });
    await say(fx.enterprise.actor, fx.conversationId, '周五前能否回复？'); // seq 4
    advanceClock(10 * MINUTE);
    expect(await sendMessageDigests(database.db, send)).toEqual([]);
    advanceClock(6 * MINUTE);
    expect(await sendMessageDigests(database.db, send)).toEqual([fx.team.actor.userId]);
    expect(sent.at(-1)?.text).toContain('周五前能否回复？');
    expect(sent.at(-1)?.text).not.toContain('样件图纸');
  });

  it('one email covers every conversation of the user; a user who read in time gets none; outsiders never', async () => {
    const fx = await directFixture(database.db);
    const other = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
    const outsider = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
    const second = await startDirectConversation(database.db, other.actor as MemberActor, { orgId: fx.team.org.id });
    await say(other.actor, second.id, '另一家企业的来信');
    await markRead(database.db, fx.enterprise.actor, { conversationId: fx.conversationId, seq: 1 });
    advanceClock(16 * MINUTE);
    const emailed = await sendMessageDigests(database.db, send);
    expect(emailed).toEqual([fx.team.actor.userId]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain(fx.enterprise.org.name);
    expect(sent[0]?.text).toContain(other.org.name);
    expect(sent[0]?.subject).toBe('您有 2 条未读沟通消息');
    expect(sent.some((m) => m.to === outsider.user.email || m.to === fx.enterprise.user.email)).toBe(false);
  });

  it('without SMTP the job does not run at all', async () => {
    const stop = startMessageDigestJob(database.db, send);
    await stop();
    const fx = await directFixture(database.db);
    advanceClock(16 * MINUTE);
    // The stretch is still due (nothing was claimed by a job that never ran).
    expect(await sendMessageDigests(database.db, send)).toContain(fx.team.actor.userId);
  });
});
