'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { LOCALE_COOKIE } from '@/messages/namespaces';

/** Switches between 中文 and English: the choice lives in a cookie for a year, no URL prefix. */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations('nav');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      disabled={pending}
      lang={next}
      aria-label={t('switchLanguage')}
      className="rounded border border-gray-300 px-2 py-1 text-gray-700 hover:border-primary-600"
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        startTransition(() => router.refresh());
      }}
    >
      {next === 'en' ? 'English' : '中文'}
    </button>
  );
}
