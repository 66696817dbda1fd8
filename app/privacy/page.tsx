import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PRIVACY_NOTICE_VERSION } from '@/server/accounts/inputs';

const SECTIONS = ['controller', 'collect', 'purpose', 'storage', 'sharing', 'rights', 'security', 'minors', 'changes', 'contact'] as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('privacy'))('title') };
}

/** The PIPL privacy notice users consent to at registration (its version is stored with the consent). */
export default async function PrivacyPage() {
  const t = await getTranslations('privacy');
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <article className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-gray-600">{t('version', { version: PRIVACY_NOTICE_VERSION })}</p>
        <p className="mt-4 text-gray-800">{t('intro')}</p>
        {SECTIONS.map((s) => (
          <section key={s} aria-labelledby={`privacy-${s}`} className="mt-6">
            <h2 id={`privacy-${s}`} className="text-lg font-semibold text-gray-900">
              {t(`sections.${s}.title`)}
            </h2>
            {t(`sections.${s}.body`)
              .split('\n')
              .map((paragraph, i) => (
                <p key={i} className="mt-2 text-gray-800">
                  {paragraph}
                </p>
              ))}
          </section>
        ))}
      </article>
    </main>
  );
}
