'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FieldError, FormMessage } from '../form-feedback';
import { useTRPC } from '../../_lib/trpc';
import { NO_PROBLEMS, problemsOf, type Problems } from './problems';
import { buttonClass, dangerButtonClass, inputClass } from './styles';

/**
 * 利益冲突声明. `first`: before any bid is shown — declare no conflict, or a conflict (and step aside).
 * `later`: a reviewer who declared none finds one during the review (final, scores stop counting).
 */
export function CoiForm({ invitationId, mode }: { invitationId: string; mode: 'first' | 'later' }) {
  const t = useTranslations('bids.reviewer');
  const router = useRouter();
  const trpc = useTRPC();
  const declare = useMutation(trpc.reviews.declare.mutationOptions());
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);

  async function run(hasConflict: boolean) {
    setProblems(NO_PROBLEMS);
    try {
      await declare.mutateAsync({ invitationId, hasConflict, text: hasConflict ? text : '' });
      router.refresh();
    } catch (e) {
      setProblems(problemsOf(e));
    }
  }

  const conflictForm = (
    <div className="space-y-2">
      <label htmlFor={`coi-text-${mode}`} className="block text-sm font-medium text-gray-800">
        {t('conflictText')}
      </label>
      <textarea
        id={`coi-text-${mode}`}
        rows={3}
        maxLength={1000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={Boolean(problems.fields.text)}
        aria-describedby={problems.fields.text ? `coi-text-${mode}-error` : undefined}
        className={inputClass}
      />
      <FieldError id={`coi-text-${mode}-error`} problem={problems.fields.text} />
      <button type="button" disabled={declare.isPending} onClick={() => void run(true)} className={dangerButtonClass}>
        {t('declareConflict')}
      </button>
    </div>
  );

  if (mode === 'later') {
    return (
      <details className="rounded-md border border-gray-200 bg-white p-3">
        <summary className="cursor-pointer text-sm text-gray-800">{t('conflictLater')}</summary>
        <p className="mt-2 mb-2 text-sm text-gray-700">{t('conflictLaterLead')}</p>
        {conflictForm}
        <div className="mt-2">
          <FormMessage problem={problems.fields.text ? undefined : problems.error} />
        </div>
      </details>
    );
  }
  return (
    <div className="space-y-4">
      <button type="button" disabled={declare.isPending} onClick={() => void run(false)} className={buttonClass}>
        {t('declareNone')}
      </button>
      <details className="rounded-md border border-gray-200 bg-white p-3">
        <summary className="cursor-pointer text-sm text-gray-800">{t('hasConflict')}</summary>
        <div className="mt-3">{conflictForm}</div>
      </details>
      <FormMessage problem={problems.fields.text ? undefined : problems.error} />
    </div>
  );
}
