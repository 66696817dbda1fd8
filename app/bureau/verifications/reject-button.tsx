'use client';
import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { FormMessage } from '../../_components/form-feedback';
import type { FormState } from '../../_lib/form-state';
import { Field, inputClass, secondaryButtonClass } from '../../org/_components/field';
import { rejectAction } from './actions';

/** 驳回 opens the reason form (the reason is required and the organisation will read it); 确认驳回 sends it. */
export function RejectButton({ orgId, orgName, returnQuery }: { orgId: string; orgName: string; returnQuery: string }) {
  const t = useTranslations('bureau');
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(rejectAction, {} as FormState);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50">
        {t('reject')}
      </button>
    );
  }
  return (
    <form action={action} className="w-full space-y-2 rounded-md border border-red-200 bg-red-50 p-3" noValidate>
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="returnQuery" value={returnQuery} />
      <FormMessage problem={state.error} />
      <Field id={`reason-${orgId}`} name="reason" label={t('reasonLabel', { name: orgName })} hint={t('reasonHint')} state={state}>
        {(a) => <textarea {...a} rows={3} required maxLength={500} autoFocus className={inputClass} />}
      </Field>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {pending ? t('rejecting') : t('rejectConfirm')}
        </button>
        <button type="button" onClick={() => setOpen(false)} className={secondaryButtonClass}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
