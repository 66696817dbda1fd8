'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '../_components/form-feedback';
import type { FormState } from '../_lib/form-state';
import { saveProfile } from './actions';

export const inputClass =
  'mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 focus:border-primary-600 aria-[invalid=true]:border-red-600';

export interface ProfileValues {
  name: string;
  phone: string;
  title: string;
  bio: string;
  locale: string;
}

export function ProfileForm({ initial }: { initial: ProfileValues }) {
  const t = useTranslations('account.profile');
  const [state, action, pending] = useActionState(saveProfile, { values: { ...initial } } as FormState);
  const v = state.values ?? {};
  const field = (name: keyof ProfileValues) => ({
    id: `profile-${name}`,
    name,
    defaultValue: v[name] ?? '',
    'aria-invalid': Boolean(state.fields?.[name]),
    'aria-describedby': state.fields?.[name] ? `profile-${name}-error` : undefined,
  });
  const label = (name: keyof ProfileValues, text: string) => (
    <label htmlFor={`profile-${name}`} className="block text-sm font-medium text-gray-800">
      {text}
    </label>
  );
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage problem={state.error} success={state.ok ? t('saved') : undefined} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          {label('name', t('name'))}
          <input {...field('name')} type="text" required maxLength={50} autoComplete="name" className={inputClass} />
          <FieldError id="profile-name-error" problem={state.fields?.name} />
        </div>
        <div>
          {label('phone', t('phone'))}
          <input {...field('phone')} type="tel" maxLength={30} autoComplete="tel" className={inputClass} />
          <FieldError id="profile-phone-error" problem={state.fields?.phone} />
        </div>
        <div>
          {label('title', t('jobTitle'))}
          <input {...field('title')} type="text" maxLength={50} autoComplete="organization-title" className={inputClass} />
          <FieldError id="profile-title-error" problem={state.fields?.title} />
        </div>
        <div>
          {label('locale', t('locale'))}
          {/* Keyed by its value: a form reset restores a <select> to the option selected when it mounted. */}
          <select {...field('locale')} key={v.locale ?? ''} className={inputClass}>
            <option value="zh-CN">{t('locales.zh-CN')}</option>
            <option value="en">{t('locales.en')}</option>
          </select>
        </div>
      </div>
      <div>
        {label('bio', t('bio'))}
        <textarea {...field('bio')} rows={4} maxLength={1000} className={inputClass} />
        <FieldError id="profile-bio-error" problem={state.fields?.bio} />
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
