'use client';
import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { FormMessage } from '../../_components/form-feedback';
import type { FormState } from '../../_lib/form-state';
import { buttonClass } from '../_components/field';
import { setDisciplinesAction } from '../actions';

interface Category {
  code: string;
  name: string;
  disciplines: Array<{ code: string; name: string }>;
}

/** Up to 12 一级学科, picked by 学科门类; a category with a chosen discipline starts open. */
export function DisciplinesForm({ categories, selected }: { categories: Category[]; selected: string[] }) {
  const t = useTranslations('disciplines');
  const [state, action, pending] = useActionState(setDisciplinesAction, {} as FormState);
  const [chosen, setChosen] = useState(() => new Set(selected));
  const max = 12;
  const toggle = (code: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  return (
    <form action={action} className="space-y-4">
      <FormMessage problem={state.error} success={state.ok ? t('saved') : undefined} />
      <p className="text-sm text-gray-700" aria-live="polite">
        {t('count', { count: chosen.size, max })}
      </p>
      <div className="divide-y divide-gray-200 rounded-md border border-gray-200">
        {categories.map((category) => {
          const inCategory = category.disciplines.filter((d) => chosen.has(d.code)).length;
          return (
            <details key={category.code} open={category.disciplines.some((d) => selected.includes(d.code))} className="group">
              <summary className="flex cursor-pointer items-center justify-between px-4 py-2 hover:bg-gray-50">
                <span>
                  <span className="font-mono text-sm text-gray-500">{category.code}</span> {category.name}
                </span>
                {inCategory > 0 ? <span className="text-sm text-primary-700">{t('chosenInCategory', { count: inCategory })}</span> : null}
              </summary>
              <fieldset className="grid gap-2 px-4 pt-1 pb-3 sm:grid-cols-2">
                <legend className="sr-only">{category.name}</legend>
                {category.disciplines.map((d) => {
                  const checked = chosen.has(d.code);
                  return (
                    <label key={d.code} className="flex items-start gap-2 text-sm">
                      <input
                        type="checkbox"
                        name="codes"
                        value={d.code}
                        checked={checked}
                        disabled={!checked && chosen.size >= max}
                        onChange={(e) => toggle(d.code, e.target.checked)}
                        className="mt-1"
                      />
                      <span>
                        <span className="font-mono text-gray-500">{d.code}</span> {d.name}
                      </span>
                    </label>
                  );
                })}
              </fieldset>
            </details>
          );
        })}
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? t('saving') : t('save')}
      </button>
    </form>
  );
}
