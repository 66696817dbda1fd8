'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '../../_components/form-feedback';
import type { FormState } from '../../_lib/form-state';
import { buttonClass, Field, inputClass } from '../../org/_components/field';
import { acceptAction, acceptWithAccountAction } from './actions';

export function AcceptForm({ token }: { token: string }) {
  const t = useTranslations('members.accept');
  const [state, action, pending] = useActionState(acceptAction, {} as FormState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage problem={state.error} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? t('joining') : t('join')}
      </button>
    </form>
  );
}

/** Account for a visitor: name, email (fixed when the invitation names one), password, privacy consent. */
export function NewAccountForm({ token, email }: { token: string; email: string | null }) {
  const t = useTranslations('members.accept');
  const [state, action, pending] = useActionState(acceptWithAccountAction, {} as FormState);
  const consentProblem = state.fields?.privacyConsent;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage problem={state.error} />
      <input type="hidden" name="token" value={token} />
      <Field id="acc-name" name="name" label={t('name')} state={state}>
        {(a) => <input {...a} type="text" required maxLength={50} autoComplete="name" className={inputClass} />}
      </Field>
      <Field id="acc-email" name="email" label={t('email')} hint={email ? t('emailFixed') : undefined} state={state} defaultValue={email ?? undefined}>
        {(a) => <input {...a} type="email" required readOnly={Boolean(email)} autoComplete="email" className={`${inputClass} read-only:bg-gray-50`} />}
      </Field>
      <Field id="acc-password" name="password" label={t('password')} hint={t('passwordHint')} state={state}>
        {({ defaultValue: _ignored, ...a }) => <input {...a} type="password" required autoComplete="new-password" className={inputClass} />}
      </Field>
      <div>
        <label className="flex items-start gap-2 text-sm text-gray-800">
          <input
            type="checkbox"
            name="privacyConsent"
            className="mt-1"
            aria-invalid={Boolean(consentProblem)}
            aria-describedby={consentProblem ? 'acc-consent-error' : undefined}
          />
          <span>
            {t.rich('consent', {
              link: (chunks) => (
                <Link href="/privacy" target="_blank" className="text-primary-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </span>
        </label>
        <FieldError id="acc-consent-error" problem={consentProblem} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? t('creating') : t('createAndJoin')}
      </button>
    </form>
  );
}
