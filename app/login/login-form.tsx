'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '../_components/form-feedback';
import type { FormState } from '../_lib/form-state';
import { logIn } from './actions';

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('auth.login');
  const [state, action, pending] = useActionState(logIn, {} as FormState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormMessage problem={state.error} />
      <div>
        <label htmlFor="login-email" className="block text-sm font-medium text-gray-800">
          {t('email')}
        </label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.values?.email}
          className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 focus:border-primary-600"
        />
      </div>
      <div>
        <div className="flex items-baseline justify-between">
          <label htmlFor="login-password" className="block text-sm font-medium text-gray-800">
            {t('password')}
          </label>
          <Link href="/forgot-password" className="text-sm text-primary-700 hover:underline">
            {t('forgot')}
          </Link>
        </div>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 focus:border-primary-600"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700 disabled:opacity-60"
      >
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
