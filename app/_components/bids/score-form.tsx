'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FieldError, FormMessage } from '../form-feedback';
import { useTRPC } from '../../_lib/trpc';
import { NO_PROBLEMS, problemsOf, type Problems } from './problems';
import { buttonClass, inputClass } from './styles';

/**
 * One reviewer's score of one bid on the need's rubric: each criterion 0 … its weight (one decimal), the
 * total out of 100 shown live; saved again and again until the award.
 */
export function ScoreForm(props: {
  bidId: string;
  criteria: Array<{ key: string; label: string; weight: number }>;
  initial: { scores: Record<string, number>; comment: string } | null;
  disabled: boolean;
}) {
  const t = useTranslations('bids.reviewer');
  const router = useRouter();
  const trpc = useTRPC();
  const score = useMutation(trpc.reviews.score.mutationOptions());
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.criteria.map((c) => [c.key, props.initial?.scores[c.key] !== undefined ? String(props.initial.scores[c.key]) : ''])),
  );
  const [comment, setComment] = useState(props.initial?.comment ?? '');
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [success, setSuccess] = useState<string | undefined>();
  const tenths = props.criteria.reduce((s, c) => s + Math.round((Number(values[c.key]) || 0) * 10), 0);
  const id = `sc-${props.bidId}`;

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setProblems(NO_PROBLEMS);
        setSuccess(undefined);
        const scores: Record<string, number> = {};
        const missing: Problems['fields'] = {};
        for (const c of props.criteria) {
          const raw = values[c.key]?.trim() ?? '';
          if (raw === '') missing[`scores.${c.key}`] = { key: 'v.review.scoreRequired' };
          else scores[c.key] = Number(raw);
        }
        if (Object.keys(missing).length > 0) {
          setProblems({ error: { key: 'reviews.invalidScores' }, fields: missing });
          return;
        }
        try {
          const res = await score.mutateAsync({ bidId: props.bidId, scores, comment });
          setSuccess(t('scored', { total: Number(res.total).toFixed(1) }));
          router.refresh();
        } catch (err) {
          setProblems(problemsOf(err));
        }
      }}
    >
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {props.criteria.map((c) => {
          const problem = problems.fields[`scores.${c.key}`];
          return (
            <div key={c.key}>
              <label htmlFor={`${id}-${c.key}`} className="block text-sm text-gray-800">
                {t('criterionLabel', { label: c.label, max: c.weight })}
              </label>
              <input
                id={`${id}-${c.key}`}
                type="number"
                inputMode="decimal"
                min={0}
                max={c.weight}
                step={0.1}
                disabled={props.disabled}
                value={values[c.key] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [c.key]: e.target.value }))}
                aria-invalid={Boolean(problem)}
                aria-describedby={problem ? `${id}-${c.key}-error` : undefined}
                className={`${inputClass} tabular-nums`}
              />
              <FieldError id={`${id}-${c.key}-error`} problem={problem} />
            </div>
          );
        })}
      </div>
      <div>
        <label htmlFor={`${id}-comment`} className="block text-sm text-gray-800">
          {t('comment')}
        </label>
        <textarea id={`${id}-comment`} rows={2} maxLength={2000} disabled={props.disabled} value={comment} onChange={(e) => setComment(e.target.value)} className={inputClass} />
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={props.disabled || score.isPending} className={buttonClass}>
          {score.isPending ? t('working') : t('score')}
        </button>
        <output aria-live="polite" className="text-base font-semibold text-gray-900 tabular-nums">
          {t('total', { total: (tenths / 10).toFixed(1) })}
        </output>
      </div>
      <FormMessage problem={problems.error} success={success} />
    </form>
  );
}
