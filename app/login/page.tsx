import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor } from '../_lib/api';
import { safeCallback } from './callback';
import { LoginForm } from './login-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.login'))('title') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const [t, actor, params] = await Promise.all([getTranslations('auth.login'), currentActor(), searchParams]);
  const callbackUrl = safeCallback(params.callbackUrl ?? '');
  if (actor) redirect(callbackUrl);
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="mt-1 mb-6 text-sm text-gray-600">{t('lead')}</p>
        <LoginForm callbackUrl={callbackUrl} />
        <p className="mt-6 text-center text-sm text-gray-600">
          {t('noAccount')}{' '}
          <Link href="/register" className="font-medium text-primary-700 hover:underline">
            {t('registerLink')}
          </Link>
        </p>
      </div>
    </main>
  );
}
