'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FieldError, FormMessage } from '../form-feedback';
import type { FeedbackCode } from '@/server/reviews/inputs';
import type { Problem } from '../../_lib/form-state';
import { useTRPC } from '../../_lib/trpc';
import { NO_PROBLEMS, problemsOf, type Problems } from './problems';
import { buttonClass, inputClass } from './styles';

export interface AwardBid {
  id: string;
  team: string;
  price: string;
  total: string | null;
  feedback: { code: FeedbackCode; text: string } | null;
}

type Draft = { code: FeedbackCode | ''; text: string };

/**
 * 定标: the owner picks the winner (2–3 in a horse race) and, for every other bid, a feedback code and a
 * sentence — the award is refused until each has both, so no bid ends in silence.
 */
export function AwardForm(props: { needId: string; horseRace: boolean; maxWinners: number; bids: AwardBid[]; codes: readonly FeedbackCode[] }) {
  const t = useTranslations('bids');
  const ta = useTranslations('bids.owner.award');
  const router = useRouter();
  const trpc = useTRPC();
  const award = useMutation(trpc.reviews.award.mutationOptions());
  const [winners, setWinners] = useState<string[]>([]);
  const [feedback, setFeedback] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(props.bids.map((b): [string, Draft] => [b.id, b.feedback ?? { code: '', text: '' }])),
  );
  const [fundingMode, setFundingMode] = useState<'milestone' | 'lump_sum'>('milestone');
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [success, setSuccess] = useState<string | undefined>();
  const [min, max] = props.horseRace ? [2, Math.max(2, props.maxWinners)] : [1, 1];

  const toggle = (id: string, on: boolean) => setWinners((w) => (props.horseRace ? (on ? [...w, id] : w.filter((x) => x !== id)) : on ? [id] : []));
  const losers = props.bids.filter((b) => !winners.includes(b.id));

  function check(): Problems | null {
    const fields: Record<string, Problem> = {};
    if (winners.length < min || winners.length > max) fields.winners = { key: 'v.review.winnerCount' };
    for (const b of losers) {
      const f = feedback[b.id];
      if (!f?.code) fields[`${b.id}.code`] = { key: 'v.invalid_value' };
      if ((f?.text.trim().length ?? 0) < 4) fields[`${b.id}.text`] = { key: 'v.too_small', params: { min: 4 } };
    }
    if (Object.keys(fields).length === 0) return null;
    const missing = losers.filter((b) => fields[`${b.id}.code`] || fields[`${b.id}.text`]).length;
    return {
      error: fields.winners ? { key: 'reviews.winnerCount', params: { min, max } } : { key: 'reviews.feedbackMissing', params: { count: missing } },
      fields,
    };
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        setSuccess(undefined);
        const local = check();
        setProblems(local ?? NO_PROBLEMS);
        if (local) return;
        try {
          const res = await award.mutateAsync({
            needId: props.needId,
            winners,
            fundingMode,
            feedback: losers.flatMap((b) => {
              const f = feedback[b.id];
              return f?.code ? [{ bidId: b.id, code: f.code, text: f.text }] : [];
            }),
          });
          setSuccess(ta('done', { count: res.contracts.length }));
          router.refresh();
        } catch (err) {
          setProblems(problemsOf(err));
        }
      }}
    >
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-medium text-gray-800">{props.horseRace ? ta('chooseRange', { min, max }) : ta('chooseOne')}</legend>
        {props.bids.map((b) => {
          const chosen = winners.includes(b.id);
          const f: Draft = feedback[b.id] ?? { code: '', text: '' };
          const id = `aw-${b.id}`;
          return (
            <div key={b.id} role="group" aria-labelledby={`${id}-team`} className={`rounded-md border p-3 ${chosen ? 'border-green-400 bg-green-50' : 'border-gray-200 bg-white'}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p id={`${id}-team`} className="font-medium text-gray-900">
                  {b.team}
                </p>
                <p className="text-sm text-gray-700 tabular-nums">
                  {t('amount', { amount: b.price })}
                  {b.total !== null ? ` · ${ta('meanTotal', { total: b.total })}` : ''}
                </p>
              </div>
              <label className="mt-2 inline-flex items-center gap-2 text-sm font-medium text-gray-900">
                <input
                  type={props.horseRace ? 'checkbox' : 'radio'}
                  name="winner"
                  value={b.id}
                  checked={chosen}
                  onChange={(e) => toggle(b.id, e.target.checked)}
                  className="h-4 w-4"
                />
                {ta('winner')}
                <span className="sr-only">{b.team}</span>
              </label>
              {!chosen ? (
                <fieldset className="mt-3 border-t border-gray-200 pt-3">
                  <legend className="float-left mb-2 w-full text-sm font-medium text-gray-800">{ta('feedbackLegend', { team: b.team })}</legend>
                  <div className="clear-both grid gap-3 sm:grid-cols-[12rem_1fr]">
                  <div>
                    <label htmlFor={`${id}-code`} className="block text-sm text-gray-800">
                      {ta('reason')}
                    </label>
                    <select
                      id={`${id}-code`}
                      value={f.code}
                      onChange={(e) => setFeedback((all) => ({ ...all, [b.id]: { ...f, code: e.target.value as FeedbackCode | '' } }))}
                      aria-invalid={Boolean(problems.fields[`${b.id}.code`])}
                      aria-describedby={problems.fields[`${b.id}.code`] ? `${id}-code-error` : undefined}
                      className={inputClass}
                    >
                      <option value="">{ta('choose')}</option>
                      {props.codes.map((c) => (
                        <option key={c} value={c}>
                          {t(`feedback.codes.${c}`)}
                        </option>
                      ))}
                    </select>
                    <FieldError id={`${id}-code-error`} problem={problems.fields[`${b.id}.code`]} />
                  </div>
                  <div>
                    <label htmlFor={`${id}-text`} className="block text-sm text-gray-800">
                      {ta('sentence')}
                    </label>
                    <textarea
                      id={`${id}-text`}
                      rows={2}
                      maxLength={1000}
                      value={f.text}
                      onChange={(e) => setFeedback((all) => ({ ...all, [b.id]: { ...f, text: e.target.value } }))}
                      aria-invalid={Boolean(problems.fields[`${b.id}.text`])}
                      aria-describedby={[`${id}-text-hint`, problems.fields[`${b.id}.text`] ? `${id}-text-error` : ''].join(' ').trim()}
                      className={inputClass}
                    />
                    <p id={`${id}-text-hint`} className="mt-1 text-xs text-gray-600">
                      {ta('sentenceHint')}
                    </p>
                    <FieldError id={`${id}-text-error`} problem={problems.fields[`${b.id}.text`]} />
                  </div>
                  </div>
                </fieldset>
              ) : null}
            </div>
          );
        })}
        <FieldError id="aw-winners-error" problem={problems.fields.winners} />
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium text-gray-800">{ta('fundingMode')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          {(['milestone', 'lump_sum'] as const).map((m) => (
            <label key={m} className="inline-flex items-center gap-2 text-sm">
              <input type="radio" name="fundingMode" value={m} checked={fundingMode === m} onChange={() => setFundingMode(m)} />
              {ta(m)}
            </label>
          ))}
        </div>
      </fieldset>

      <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{ta('irreversible')}</p>
      <FormMessage problem={problems.error} success={success} />
      <button type="submit" disabled={award.isPending || Boolean(success)} className={buttonClass}>
        {award.isPending ? ta('working') : ta('submit')}
      </button>
    </form>
  );
}
