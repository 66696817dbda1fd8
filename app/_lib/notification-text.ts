/**
 * A notification's title and body in the reader's language: `notifications.kinds.<kind>.title/body`
 * interpolating the stored payload (a kind `org.verified` lives at kinds → org → verified). A kind with no
 * text yet, or a payload missing a field its text uses, still reads sensibly instead of showing a key.
 */
export interface NotificationTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
  raw(key: string): unknown;
}

/** Argument names a message uses (`{orgName}`, `{count, plural, …}`); branch text may add harmless extras. */
function argumentsOf(message: unknown): string[] {
  if (typeof message !== 'string') return [];
  return [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1] ?? '').filter(Boolean);
}

function line(t: NotificationTranslator, key: string, payload: Record<string, string | number | null>): string {
  const values: Record<string, string | number> = {};
  for (const name of argumentsOf(t.raw(key))) values[name] = '';
  for (const [name, value] of Object.entries(payload)) values[name] = value ?? '';
  return t(key, values);
}

export function notificationText(
  t: NotificationTranslator,
  notification: { kind: string; payload: Record<string, string | number | null> },
): { title: string; body: string } {
  const base = `kinds.${notification.kind}`;
  const known = /^[A-Za-z][\w.]*$/.test(notification.kind) && t.has(`${base}.title`);
  return {
    title: known ? line(t, `${base}.title`, notification.payload) : t('generic.title'),
    body: known && t.has(`${base}.body`) ? line(t, `${base}.body`, notification.payload) : known ? '' : t('generic.body'),
  };
}

/** Only app paths are followed (notify refuses others too): a stored link can never send the reader off-site. */
export function safeLink(link: string | null): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : null;
}
