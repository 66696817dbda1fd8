// Every kind of notification the platform can send has its texts: a title and a body in both locales,
// which render (interpolating whatever the payload lacks as empty) without a formatting error.
import { createTranslator, type AbstractIntlMessages } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { notificationText, type NotificationTranslator } from '@/app/_lib/notification-text';
import { NOTIFICATION_KINDS } from '@/server/notifications/kinds';
import { LOCALES } from './namespaces';

describe.each(LOCALES.map((l) => [l]))('notification kinds in %s', (locale) => {
  it('each kind has a title and a body that render', async () => {
    const notifications = (await import(`./${locale}/notifications.json`)) as { default: AbstractIntlMessages };
    const translate = createTranslator({
      locale,
      messages: { notifications: notifications.default },
      namespace: 'notifications',
      onError: (e) => {
        throw e;
      },
    });
    const t = translate as unknown as NotificationTranslator;
    const generic = notificationText(t, { kind: 'no.such.kind', payload: {} });
    const problems: string[] = [];
    for (const kind of NOTIFICATION_KINDS) {
      if (!t.has(`kinds.${kind}.title`) || !t.has(`kinds.${kind}.body`)) {
        problems.push(`${kind}: missing kinds.${kind}.title or .body`);
        continue;
      }
      try {
        const text = notificationText(t, { kind, payload: {} });
        if (text.title === generic.title) problems.push(`${kind}: renders as the generic text`);
      } catch (e) {
        problems.push(`${kind}: ${(e as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
