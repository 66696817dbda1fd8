import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ForgotForm } from './forgot-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.forgot'))('title') };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth.forgot');
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="mt-1 mb-6 text-sm text-gray-600">{t('lead')}</p>
        <ForgotForm />
        <p className="mt-6 text-center text-sm">
          <Link href="/login" className="text-primary-700 hover:underline">
            {t('backToLogin')}
          </Link>
        </p>
      </div>
    </main>
  );
}
