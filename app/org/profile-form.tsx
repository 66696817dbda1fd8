'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '../_components/form-feedback';
import type { FormState } from '../_lib/form-state';
import { updateProfileAction } from './actions';
import { buttonClass, Field, inputClass } from './_components/field';

type Values = Record<'name' | 'creditCode' | 'hostInstitution' | 'industryField' | 'city' | 'website' | 'description' | 'keywords', string>;

/** Owners' and admins' profile form; identity fields carry the re-verification warning on a verified organisation. */
export function ProfileForm(props: { kind: string; verified: boolean; industryFields: string[]; initial: Values }) {
  const t = useTranslations('org.profile');
  const tf = useTranslations('auth.industryFields');
  const [state, action, pending] = useActionState(updateProfileAction, {} as FormState);
  const team = props.kind === 'research_team';
  const success = state.ok ? (state.values?.outcome === 'reverification' ? t('savedReverification') : t('saved')) : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage problem={state.error} success={success} />
      {props.verified ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">{t('identityWarning')}</p>
      ) : null}
      <Field id="org-name" name="name" label={team ? t('teamName') : t('name')} state={state} defaultValue={props.initial.name}>
        {(p) => <input {...p} type="text" required maxLength={100} className={inputClass} />}
      </Field>
      {team ? (
        <Field id="org-host" name="hostInstitution" label={t('hostInstitution')} state={state} defaultValue={props.initial.hostInstitution}>
          {(p) => <input {...p} type="text" required maxLength={100} className={inputClass} />}
        </Field>
      ) : null}
      <Field
        id="org-credit-code"
        name="creditCode"
        label={team ? t('hostCreditCode') : t('creditCode')}
        hint={t('creditCodeHint')}
        state={state}
        defaultValue={props.initial.creditCode}
      >
        {(p) => (
          <input {...p} type="text" required maxLength={18} autoCapitalize="characters" spellCheck={false} className={`${inputClass} font-mono uppercase tracking-wider`} />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="org-industry" name="industryField" label={t('industryField')} state={state} defaultValue={props.initial.industryField}>
          {(p) => (
            <select {...p} className={inputClass}>
              <option value="">{t('industryFieldNone')}</option>
              {props.industryFields.map((f) => (
                <option key={f} value={f}>
                  {tf(f)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="org-city" name="city" label={t('city')} state={state} defaultValue={props.initial.city}>
          {(p) => <input {...p} type="text" maxLength={50} autoComplete="address-level2" className={inputClass} />}
        </Field>
      </div>
      <Field id="org-website" name="website" label={t('website')} hint={t('websiteHint')} state={state} defaultValue={props.initial.website}>
        {(p) => <input {...p} type="url" maxLength={200} inputMode="url" className={inputClass} />}
      </Field>
      <Field id="org-keywords" name="keywords" label={team ? t('expertiseKeywords') : t('keywords')} hint={t('keywordsHint')} state={state} defaultValue={props.initial.keywords}>
        {(p) => <input {...p} type="text" className={inputClass} />}
      </Field>
      <Field id="org-description" name="description" label={t('description')} state={state} defaultValue={props.initial.description}>
        {(p) => <textarea {...p} rows={6} maxLength={5000} className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? t('saving') : t('save')}
      </button>
    </form>
  );
}
