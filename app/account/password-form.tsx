'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '../_components/form-feedback';
import type { FormState } from '../_lib/form-state';
import { changePassword } from './actions';
import { inputClass } from './profile-form';

export function PasswordForm() {
  const t = useTranslations('account.password');
  const [state, action, pending] = useActionState(changePassword, {} as FormState);
  const fields = [
    { name: 'currentPassword', label: t('current'), autoComplete: 'current-password' },
    { name: 'newPassword', label: t('new'), autoComplete: 'new-password', hint: t('hint') },
    { name: 'confirm', label: t('confirm'), autoComplete: 'new-password' },
  ];
  // A field error already says what is wrong; the general line would only repeat it.
  const general = state.fields && Object.keys(state.fields).length > 0 ? undefined : state.error;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage problem={general} success={state.ok ? t('saved') : undefined} />
      <div className="grid gap-4 sm:grid-cols-3">
        {fields.map((f) => {
          const problem = state.fields?.[f.name];
          const described = [f.hint ? `pw-${f.name}-hint` : null, problem ? `pw-${f.name}-error` : null].filter(Boolean).join(' ');
          return (
            <div key={f.name}>
              <label htmlFor={`pw-${f.name}`} className="block text-sm font-medium text-gray-800">
                {f.label}
              </label>
              <input
                id={`pw-${f.name}`}
                name={f.name}
                type="password"
                required
                autoComplete={f.autoComplete}
                aria-invalid={Boolean(problem)}
                aria-describedby={described || undefined}
                className={inputClass}
              />
              {f.hint ? (
                <p id={`pw-${f.name}-hint`} className="mt-1 text-xs text-gray-600">
                  {f.hint}
                </p>
              ) : null}
              <FieldError id={`pw-${f.name}-error`} problem={problem} />
            </div>
          );
        })}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700 disabled:opacity-60"
      >
        {pending ? t('saving') : t('submit')}
      </button>
    </form>
  );
}
