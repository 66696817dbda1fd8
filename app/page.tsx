import { getTranslations } from 'next-intl/server';

export default async function HomePage() {
  const t = await getTranslations('home');
  return (
    <main className="mx-auto max-w-5xl px-4 py-12">
      <h1 className="text-3xl font-semibold text-primary-800">{t('title')}</h1>
      <p className="mt-4 text-lg text-gray-700">{t('lead')}</p>
    </main>
  );
}
