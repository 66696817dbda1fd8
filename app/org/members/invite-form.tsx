'use client';
import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { FormMessage } from '../../_components/form-feedback';
import type { FormState } from '../../_lib/form-state';
import { buttonClass, Field, inputClass, secondaryButtonClass } from '../_components/field';
import { inviteAction } from '../actions';

/** Creates an invitation; when it was not emailed, the link is shown here once to pass on. */
export function InviteForm({ roles }: { roles: string[] }) {
  const t = useTranslations('members');
  const [state, action, pending] = useActionState(inviteAction, {} as FormState);
  const [copied, setCopied] = useState(false);
  const link = state.ok ? state.values?.link : undefined;
  const emailedTo = state.ok ? state.values?.emailed : undefined;
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-4 sm:grid-cols-[10rem_1fr_auto] sm:items-end" noValidate onSubmit={() => setCopied(false)}>
        <Field id="invite-role" name="role" label={t('invite.role')} state={state} defaultValue="member">
          {(a) => (
            <select {...a} className={inputClass}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="invite-email" name="email" label={t('invite.email')} state={state}>
          {(a) => <input {...a} type="email" autoComplete="off" placeholder={t('invite.emailPlaceholder')} className={inputClass} />}
        </Field>
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? t('invite.creating') : t('invite.create')}
        </button>
      </form>
      <p className="text-xs text-gray-600">{t('invite.hint')}</p>
      <FormMessage problem={state.error} />
      {emailedTo ? <FormMessage success={t('invite.emailed', { email: emailedTo })} /> : null}
      {link ? (
        <div role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          <p className="font-medium">{t('invite.linkReady')}</p>
          <label htmlFor="invite-link" className="mt-2 block text-green-900">
            {t('invite.linkLabel')}
          </label>
          <div className="mt-1 flex flex-col gap-2 sm:flex-row">
            <input id="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} mt-0 font-mono text-xs`} />
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}
            >
              {copied ? t('invite.copied') : t('invite.copy')}
            </button>
          </div>
          <p className="mt-2 text-xs">{t('invite.linkNote')}</p>
        </div>
      ) : null}
    </div>
  );
}
