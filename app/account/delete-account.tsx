'use client';
import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { FieldError, FormMessage } from '../_components/form-feedback';
import type { FormState } from '../_lib/form-state';
import { deleteAccount } from './actions';
import { inputClass } from './profile-form';

/** Account deletion asks twice: open the confirmation, read what will happen, type the password. */
export function DeleteAccount() {
  const t = useTranslations('account.privacy');
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(deleteAccount, {} as FormState);
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md border border-red-700 px-4 py-2 font-medium text-red-700 hover:bg-red-50"
      >
        {t('deleteStart')}
      </button>
    );
  }
  const problem = state.fields?.password;
  return (
    <form action={action} className="space-y-4 rounded-md border border-red-200 bg-red-50 p-4" aria-labelledby="delete-heading">
      <h3 id="delete-heading" className="font-semibold text-red-800">
        {t('deleteConfirmTitle')}
      </h3>
      <ul className="list-disc space-y-1 pl-5 text-sm text-gray-800">
        {(['erase', 'membership', 'sessions', 'records', 'final'] as const).map((k) => (
          <li key={k}>{t(`deleteConsequences.${k}`)}</li>
        ))}
      </ul>
      <FormMessage problem={problem ? undefined : state.error} />
      <div className="max-w-sm">
        <label htmlFor="delete-password" className="block text-sm font-medium text-gray-800">
          {t('deletePassword')}
        </label>
        <input
          id="delete-password"
          name="password"
          type="password"
          required
          autoComplete="current-password"
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? 'delete-password-error' : undefined}
          className={inputClass}
        />
        <FieldError id="delete-password-error" problem={problem} />
      </div>
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60"
        >
          {pending ? t('deleting') : t('deleteSubmit')}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-gray-300 bg-white px-4 py-2 text-gray-800">
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
