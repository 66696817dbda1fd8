'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '../../_components/form-feedback';
import type { FormState } from '../../_lib/form-state';
import { resetPassword } from './actions';

const inputClass = 'mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 focus:border-primary-600';

export function ResetForm({ token }: { token: string }) {
  const t = useTranslations('auth.reset');
  const [state, action, pending] = useActionState(resetPassword, {} as FormState);
  if (state.ok) {
    return (
      <div className="space-y-4">
        <FormMessage success={t('done')} />
        <Link href="/login" className="block rounded-md bg-primary-600 px-4 py-2 text-center font-medium text-white hover:bg-primary-700">
          {t('loginLink')}
        </Link>
      </div>
    );
  }
  const described = (id: string, problem: unknown, hint?: string) =>
    [hint, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormMessage problem={state.error} />
      {state.error?.key === 'resetTokenInvalid' ? (
        <Link href="/forgot-password" className="text-sm text-primary-700 underline">
          {t('requestAgain')}
        </Link>
      ) : null}
      <div>
        <label htmlFor="reset-password" className="block text-sm font-medium text-gray-800">
          {t('password')}
        </label>
        <input
          id="reset-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          aria-invalid={Boolean(state.fields?.password)}
          aria-describedby={described('reset-password', state.fields?.password, 'reset-password-hint')}
          className={inputClass}
        />
        <p id="reset-password-hint" className="mt-1 text-xs text-gray-600">
          {t('hint')}
        </p>
        <FieldError id="reset-password-error" problem={state.fields?.password} />
      </div>
      <div>
        <label htmlFor="reset-confirm" className="block text-sm font-medium text-gray-800">
          {t('confirm')}
        </label>
        <input
          id="reset-confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={Boolean(state.fields?.confirm)}
          aria-describedby={described('reset-confirm', state.fields?.confirm)}
          className={inputClass}
        />
        <FieldError id="reset-confirm-error" problem={state.fields?.confirm} />
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
