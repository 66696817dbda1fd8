'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '../../_components/form-feedback';
import type { FormState } from '../../_lib/form-state';
import { buttonClass, Field, inputClass } from '../_components/field';
import { saveEnclaveAction } from '../actions';

type Values = Record<'id' | 'name' | 'city' | 'address' | 'capacity', string>;

export function EnclaveForm({ initial }: { initial?: Values }) {
  const t = useTranslations('org.enclaves');
  const [state, action, pending] = useActionState(saveEnclaveAction, {} as FormState);
  const p = initial ? `enc-${initial.id}` : 'enc-new';
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage problem={state.error} success={state.ok ? (initial ? t('updated') : t('created')) : undefined} />
      {initial ? <input type="hidden" name="id" value={initial.id} /> : null}
      <Field id={`${p}-name`} name="name" label={t('name')} state={state} defaultValue={initial?.name}>
        {(a) => <input {...a} type="text" required maxLength={100} className={inputClass} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${p}-city`} name="city" label={t('city')} hint={t('cityHint')} state={state} defaultValue={initial?.city}>
          {(a) => <input {...a} type="text" required maxLength={50} className={inputClass} />}
        </Field>
        <Field id={`${p}-capacity`} name="capacity" label={t('capacity')} hint={t('capacityHint')} state={state} defaultValue={initial?.capacity}>
          {(a) => <input {...a} type="number" inputMode="numeric" min={0} className={inputClass} />}
        </Field>
      </div>
      <Field id={`${p}-address`} name="address" label={t('address')} state={state} defaultValue={initial?.address}>
        {(a) => <input {...a} type="text" maxLength={200} autoComplete="street-address" className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? t('saving') : initial ? t('saveChanges') : t('create')}
      </button>
    </form>
  );
}
