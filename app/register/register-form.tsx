'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState, useState, type ReactNode } from 'react';
import { FieldError, FormMessage } from '../_components/form-feedback';
import type { FormState } from '../_lib/form-state';
import { register } from './actions';

const KINDS = ['enterprise', 'research_team', 'incubator'] as const;
type Kind = (typeof KINDS)[number];

const inputClass = 'mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 focus:border-primary-600 aria-[invalid=true]:border-red-600';

/** One labelled input with its hint and error, linked for screen readers. */
function Field(props: {
  id: string;
  label: string;
  hint?: string;
  state: FormState;
  name: string;
  children: (aria: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string; defaultValue?: string }) => ReactNode;
}) {
  const problem = props.state.fields?.[props.name];
  const described = [props.hint ? `${props.id}-hint` : null, problem ? `${props.id}-error` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={props.id} className="block text-sm font-medium text-gray-800">
        {props.label}
      </label>
      {props.children({
        id: props.id,
        name: props.name,
        'aria-invalid': Boolean(problem),
        'aria-describedby': described || undefined,
        defaultValue: props.state.values?.[props.name],
      })}
      {props.hint ? (
        <p id={`${props.id}-hint`} className="mt-1 text-xs text-gray-600">
          {props.hint}
        </p>
      ) : null}
      <FieldError id={`${props.id}-error`} problem={problem} />
    </div>
  );
}

export function RegisterForm({ industryFields }: { industryFields: string[] }) {
  const t = useTranslations('auth.register');
  const tf = useTranslations('auth.industryFields');
  const [state, action, pending] = useActionState(register, {} as FormState);
  const [kind, setKind] = useState<Kind>((state.values?.kind as Kind | undefined) ?? 'enterprise');
  const team = kind === 'research_team';
  return (
    <form action={action} className="space-y-6" noValidate>
      <FormMessage problem={state.error} />
      <fieldset>
        <legend className="text-sm font-medium text-gray-800">{t('kindLegend')}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {KINDS.map((k) => (
            <label
              key={k}
              className="flex cursor-pointer gap-2 rounded-md border border-gray-300 p-3 has-[:checked]:border-primary-600 has-[:checked]:bg-primary-50"
            >
              {/* Uncontrolled: the form reset after each answer restores defaultChecked, which follows `kind`. */}
              <input type="radio" name="kind" value={k} defaultChecked={kind === k} onChange={() => setKind(k)} className="mt-1" />
              <span>
                <span className="block font-medium text-gray-900">{t(`kinds.${k}.label`)}</span>
                <span className="block text-xs text-gray-600">{t(`kinds.${k}.hint`)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="reg-kind-error" problem={state.fields?.kind} />
      </fieldset>

      <section aria-labelledby="reg-org-heading" className="space-y-4">
        <h2 id="reg-org-heading" className="border-b border-gray-200 pb-1 text-base font-semibold text-gray-900">
          {t('orgSection')}
        </h2>
        <Field id="reg-org-name" name="orgName" label={team ? t('teamName') : t('orgName')} state={state}>
          {(p) => <input {...p} type="text" required maxLength={100} autoComplete="organization" className={inputClass} />}
        </Field>
        {team ? (
          <Field id="reg-host" name="hostInstitution" label={t('hostInstitution')} hint={t('hostInstitutionHint')} state={state}>
            {(p) => <input {...p} type="text" required maxLength={100} className={inputClass} />}
          </Field>
        ) : null}
        <Field
          id="reg-credit-code"
          name="creditCode"
          label={team ? t('hostCreditCode') : t('creditCode')}
          hint={team ? t('hostCreditCodeHint') : t('creditCodeHint')}
          state={state}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              required
              maxLength={18}
              autoCapitalize="characters"
              spellCheck={false}
              className={`${inputClass} font-mono uppercase tracking-wider`}
            />
          )}
        </Field>
        {kind === 'enterprise' ? (
          <Field id="reg-industry" name="industryField" label={t('industryField')} state={state}>
            {(p) => (
              // Keyed by its value: a form reset after the action restores a <select> to the option that was
              // selected when it mounted, so it remounts whenever the value to show changes.
              <select {...p} key={p.defaultValue ?? ''} required className={inputClass}>
                <option value="">{t('industryFieldPlaceholder')}</option>
                {industryFields.map((f) => (
                  <option key={f} value={f}>
                    {tf(f)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field id="reg-city" name="city" label={t('city')} hint={t('cityHint')} state={state}>
          {(p) => <input {...p} type="text" maxLength={50} autoComplete="address-level2" className={inputClass} />}
        </Field>
      </section>

      <section aria-labelledby="reg-person-heading" className="space-y-4">
        <h2 id="reg-person-heading" className="border-b border-gray-200 pb-1 text-base font-semibold text-gray-900">
          {t('personSection')}
        </h2>
        <Field id="reg-name" name="name" label={t('name')} state={state}>
          {(p) => <input {...p} type="text" required maxLength={50} autoComplete="name" className={inputClass} />}
        </Field>
        <Field id="reg-email" name="email" label={t('email')} state={state}>
          {(p) => <input {...p} type="email" required autoComplete="email" className={inputClass} />}
        </Field>
        <Field id="reg-password" name="password" label={t('password')} hint={t('passwordHint')} state={state}>
          {({ defaultValue: _never, ...p }) => <input {...p} type="password" required minLength={8} autoComplete="new-password" className={inputClass} />}
        </Field>
      </section>

      <div>
        <label className="flex items-start gap-2 text-sm text-gray-800">
          <input
            type="checkbox"
            name="privacyConsent"
            required
            aria-invalid={Boolean(state.fields?.privacyConsent)}
            aria-describedby={state.fields?.privacyConsent ? 'reg-consent-error' : undefined}
            className="mt-1"
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
        <FieldError id="reg-consent-error" problem={state.fields?.privacyConsent} />
      </div>

      <p className="text-sm text-gray-600">{t('pendingNote')}</p>
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
