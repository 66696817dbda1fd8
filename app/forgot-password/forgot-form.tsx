'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '../_components/form-feedback';
import type { FormState } from '../_lib/form-state';
import { requestReset } from './actions';

export function ForgotForm() {
  const t = useTranslations('auth.forgot');
  const [state, action, pending] = useActionState(requestReset, {} as FormState);
  if (state.ok) return <FormMessage success={t('sent')} />;
  const problem = state.fields?.email;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage problem={problem ? undefined : state.error} />
      <div>
        <label htmlFor="forgot-email" className="block text-sm font-medium text-gray-800">
          {t('email')}
        </label>
        <input
          id="forgot-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? 'forgot-email-error' : undefined}
          className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 focus:border-primary-600"
        />
        <FieldError id="forgot-email-error" problem={problem} />
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
