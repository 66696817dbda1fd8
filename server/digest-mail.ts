import { createTranslator } from 'next-intl';
import en from '@/messages/en/chat.json';
import type { Locale } from '@/messages/namespaces';
import zh from '@/messages/zh-CN/chat.json';
import { getEnv } from './env';
import type { MailMessage } from './mail';
import type { Digest } from './messaging/digest';
import { messageLink } from './messaging/mentions';

/**
 * The wording of the 未读消息 email digest (server/messaging/digest.ts decides who gets what): the chat
 * namespace's `digest` texts in the user's language, each message with its link. Plain text only.
 */

const MESSAGES = { 'zh-CN': zh, en } as const;

/** The email for one user. */
export function digestMail(digest: Digest, appUrl: string = getEnv().APP_URL): MailMessage {
  const { to, locale, conversations: listed } = digest;
  const base = appUrl.replace(/\/$/, '');
  const lang: Locale = locale === 'en' ? 'en' : 'zh-CN';
  const t = createTranslator({ locale: lang, messages: { chat: MESSAGES[lang] }, namespace: 'chat.digest' });
  const total = listed.reduce((n, c) => n + c.unread, 0);
  const lines = [t('greeting'), '', t('intro', { count: total }), ''];
  for (const c of listed) {
    lines.push(t('conversation', { title: c.title || t('untitled'), count: c.unread }));
    for (const m of c.items) {
      const sender = m.name ? t('sender', { name: m.name, org: m.org }) : m.org;
      lines.push(`  · ${t('item', { sender, body: m.deleted ? t('withdrawn') : m.body })}`);
      lines.push(`    ${base}${messageLink(c.conversationId, m.seq)}`);
    }
    if (c.unread > c.items.length) lines.push(`  ${t('more', { count: c.unread - c.items.length })}`);
    lines.push('');
  }
  lines.push(t('footer'));
  return { to, subject: t('subject', { count: total }), text: lines.join('\n') };
}

