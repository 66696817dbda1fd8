import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, type Locale } from '@/messages/namespaces';
import { loadMessages } from '@/messages/load';

/** The locale lives in a cookie (no URL prefix); Chinese unless the user switched. */
export async function currentLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (LOCALES.includes(fromCookie as Locale)) return fromCookie as Locale;
  return DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const locale = await currentLocale();
  return { locale, messages: await loadMessages(locale), timeZone: 'Asia/Shanghai' };
});
