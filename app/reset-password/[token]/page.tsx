import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '../../_lib/api';
import { ResetForm } from './reset-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.reset'))('title'), referrer: 'no-referrer' };
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t] = await Promise.all([params, getTranslations('auth.reset')]);
  const { usable } = await (await serverApi()).account.resetTokenUsable({ token: token.slice(0, 100) });
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        {usable ? (
          <>
            <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
            <p className="mt-1 mb-6 text-sm text-gray-600">{t('lead')}</p>
            <ResetForm token={token} />
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold text-gray-900">{t('invalidTitle')}</h1>
            <p className="mt-2 text-gray-700">{t('invalidBody')}</p>
            <Link href="/forgot-password" className="mt-6 inline-block rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700">
              {t('requestAgain')}
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
