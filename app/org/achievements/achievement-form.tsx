'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '../../_components/form-feedback';
import type { FormState } from '../../_lib/form-state';
import { buttonClass, Field, inputClass } from '../_components/field';
import { saveAchievementAction } from '../actions';

type Values = Record<'id' | 'kind' | 'title' | 'abstract' | 'keywords' | 'year', string>;

/** Adds an achievement, or edits one when `initial` is given (ids keep the two forms' fields apart). */
export function AchievementForm({ kinds, initial }: { kinds: string[]; initial?: Values }) {
  const t = useTranslations('org.achievements');
  const [state, action, pending] = useActionState(saveAchievementAction, {} as FormState);
  const p = initial ? `ach-${initial.id}` : 'ach-new';
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage problem={state.error} success={state.ok ? (initial ? t('updated') : t('created')) : undefined} />
      {initial ? <input type="hidden" name="id" value={initial.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <Field id={`${p}-kind`} name="kind" label={t('kind')} state={state} defaultValue={initial?.kind ?? 'paper'}>
          {(a) => (
            <select {...a} className={inputClass}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${p}-year`} name="year" label={t('year')} state={state} defaultValue={initial?.year}>
          {(a) => <input {...a} type="number" inputMode="numeric" min={1949} max={2100} className={inputClass} />}
        </Field>
      </div>
      <Field id={`${p}-title`} name="title" label={t('titleField')} state={state} defaultValue={initial?.title}>
        {(a) => <input {...a} type="text" required maxLength={200} className={inputClass} />}
      </Field>
      <Field id={`${p}-abstract`} name="abstract" label={t('abstract')} hint={t('abstractHint')} state={state} defaultValue={initial?.abstract}>
        {(a) => <textarea {...a} rows={4} maxLength={5000} className={inputClass} />}
      </Field>
      <Field id={`${p}-keywords`} name="keywords" label={t('keywords')} hint={t('keywordsHint')} state={state} defaultValue={initial?.keywords}>
        {(a) => <input {...a} type="text" className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? t('saving') : initial ? t('saveChanges') : t('create')}
      </button>
    </form>
  );
}
