import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account.deleted'))('title') };
}

/** Where a deleted account lands: the erasure is confirmed in words, since the person is now signed out. */
export default async function AccountDeletedPage() {
  const t = await getTranslations('account.deleted');
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <div role="status" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="mt-2 text-gray-700">{t('body')}</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700">
          {t('home')}
        </Link>
      </div>
    </main>
  );
}
