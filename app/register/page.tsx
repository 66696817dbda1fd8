import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { INDUSTRY_FIELDS } from '@/server/accounts/inputs';
import { currentActor } from '../_lib/api';
import { RegisterForm } from './register-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.register'))('title') };
}

export default async function RegisterPage() {
  const [t, actor] = await Promise.all([getTranslations('auth.register'), currentActor()]);
  if (actor) redirect('/org');
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="mt-1 mb-6 text-sm text-gray-600">{t('lead')}</p>
        <RegisterForm industryFields={[...INDUSTRY_FIELDS]} />
        <p className="mt-6 text-center text-sm text-gray-600">
          {t('haveAccount')}{' '}
          <Link href="/login" className="font-medium text-primary-700 hover:underline">
            {t('loginLink')}
          </Link>
        </p>
      </div>
    </main>
  );
}
