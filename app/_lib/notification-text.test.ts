import { createTranslator, type AbstractIntlMessages } from 'next-intl';
import { describe, expect, it } from 'vitest';
import zh from '@/messages/zh-CN/notifications.json';
import { notificationText, safeLink, type NotificationTranslator } from './notification-text';

/** The real zh-CN namespace plus sample kinds shaped as features add them (kind dots nest). */
const messages: AbstractIntlMessages = {
  notifications: {
    ...zh,
    kinds: {
      sample: {
        won: { title: '{orgName} 中标', body: '需求「{needTitle}」共 {count, plural, other {# 份方案}}，您的方案已中标。' },
        titleOnly: { title: '仅有标题' },
      },
    },
  },
};
const translate = createTranslator({ locale: 'zh-CN', messages, namespace: 'notifications', onError: (e) => {
    throw e;
  },
});
// next-intl's own translator; its key/values types are derived from the literal messages, ours are plain strings.
const t = translate as unknown as NotificationTranslator;

describe('notificationText', () => {
  it('renders a kind’s title and body with the payload interpolated', () => {
    expect(notificationText(t, { kind: 'sample.won', payload: { orgName: '新昌制药', needTitle: '缓释制剂', count: 3 } })).toEqual({
      title: '新昌制药 中标',
      body: '需求「缓释制剂」共 3 份方案，您的方案已中标。',
    });
  });

  it('survives a payload missing fields or holding nulls (no key shown, no error)', () => {
    expect(notificationText(t, { kind: 'sample.won', payload: { orgName: null, count: 1 } })).toEqual({
      title: ' 中标',
      body: '需求「」共 1 份方案，您的方案已中标。',
    });
  });

  it('falls back to the generic text for a kind without texts, and to no body for a kind with a title only', () => {
    expect(notificationText(t, { kind: 'future.kind', payload: {} })).toEqual({ title: '新通知', body: '您有一条新通知，点击查看详情。' });
    expect(notificationText(t, { kind: 'bad kind!', payload: {} })).toEqual({ title: '新通知', body: '您有一条新通知，点击查看详情。' });
    expect(notificationText(t, { kind: 'sample.titleOnly', payload: {} })).toEqual({ title: '仅有标题', body: '' });
  });
});

describe('safeLink', () => {
  it('follows app paths only', () => {
    expect(safeLink('/needs/1?tab=qa')).toBe('/needs/1?tab=qa');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null]) expect(safeLink(bad)).toBeNull();
  });
});
