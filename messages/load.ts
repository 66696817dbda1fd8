import { NAMESPACES, type Locale } from './namespaces';

/** All namespaces of one locale, merged into the object next-intl expects. */
export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, ((await import(`./${locale}/${ns}.json`)) as { default: unknown }).default] as const),
  );
  return Object.fromEntries(entries);
}
