'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '../../_lib/trpc';
import { ActDone, ActError, ActField, fieldClass, formText, useAct } from './act-kit';

const CRITERIA = ['quality', 'timeliness', 'communication'] as const;
type Criterion = (typeof CRITERIA)[number];
const LABEL: Record<Criterion, 'rateQuality' | 'rateTimeliness' | 'rateCommunication'> = {
  quality: 'rateQuality',
  timeliness: 'rateTimeliness',
  communication: 'rateCommunication',
};

/**
 * The double-blind rating of the other side: three 1–5 star scores as radio groups (keyboard and screen reader
 * friendly: a star per radio, its number in the label), the private 0–10 "would contract again" marked
 * 仅平台可见, and a comment. Final once sent.
 */
export function RatingForm({ contractId }: { contractId: string }) {
  const t = useTranslations('contracts.acts');
  const trpc = useTRPC();
  const { problem, pending, run } = useAct();
  const [scores, setScores] = useState<Partial<Record<Criterion, number>>>({});
  const [again, setAgain] = useState<number | null>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(false);
  const rate = useMutation(trpc.contracts.rate.mutationOptions());
  if (done) return <ActDone text={t('done.rate')} />;
  return (
    <form
      noValidate
      className="space-y-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const { quality, timeliness, communication } = scores;
        if (!quality || !timeliness || !communication || again === null) {
          setMissing(true);
          return;
        }
        setMissing(false);
        const comment = formText(new FormData(e.currentTarget), 'comment');
        void run(() => rate.mutateAsync({ contractId, quality, timeliness, communication, wouldContractAgain: again, comment })).then((ok) => setDone(ok));
      }}
    >
      <ActError problem={problem} />
      {CRITERIA.map((c) => (
        <fieldset key={c}>
          <legend className="font-medium text-gray-800">{t(LABEL[c])}</legend>
          <div className="mt-1 flex gap-1">
            {[1, 2, 3, 4, 5].map((n) => {
              const lit = (scores[c] ?? 0) >= n;
              return (
                <label key={n} className="relative cursor-pointer rounded has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-primary-600">
                  <input type="radio" name={c} value={n} checked={scores[c] === n} onChange={() => setScores({ ...scores, [c]: n })} className="absolute inset-0 m-0 cursor-pointer opacity-0" />
                  <span aria-hidden="true" className={`block px-1 text-3xl leading-none ${lit ? 'text-amber-500' : 'text-gray-300'}`}>
                    ★
                  </span>
                  <span className="sr-only">{t('starLabel', { score: n })}</span>
                </label>
              );
            })}
            <span className="ml-2 self-center text-gray-700" aria-hidden="true">
              {scores[c] ? `${scores[c]} / 5` : ''}
            </span>
          </div>
        </fieldset>
      ))}
      <fieldset className="rounded-md border border-amber-300 bg-amber-50 p-3" aria-describedby="again-hint">
        <legend className="flex flex-wrap items-center gap-2 px-1 font-medium text-gray-900">
          {t('rateAgain')}
          <span className="rounded-full border border-amber-400 bg-white px-2 py-0.5 text-xs font-medium text-amber-900">{t('rateAgainPrivate')}</span>
        </legend>
        <p id="again-hint" className="mb-2 text-xs text-gray-700">
          {t('rateAgainHint')}
        </p>
        <div className="grid grid-cols-6 gap-1 sm:grid-cols-11">
          {Array.from({ length: 11 }, (_, n) => (
            <label
              key={n}
              className={`relative flex cursor-pointer items-center justify-center rounded border py-1.5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-primary-600 ${again === n ? 'border-primary-600 bg-primary-600 text-white' : 'border-gray-300 bg-white text-gray-900'}`}
            >
              <input type="radio" name="wouldContractAgain" value={n} checked={again === n} onChange={() => setAgain(n)} className="absolute inset-0 m-0 cursor-pointer opacity-0" />
              {n}
            </label>
          ))}
        </div>
      </fieldset>
      <ActField id={`rate-comment-${contractId}`} label={t('rateComment')} problem={problem?.fields.comment}>
        {(a) => <textarea {...a} name="comment" rows={3} maxLength={2000} className={fieldClass} />}
      </ActField>
      {missing ? (
        <p role="alert" className="text-red-700">
          {t('rateMissing')}
        </p>
      ) : null}
      <p className="text-xs text-gray-600">{t('rateFinal')}</p>
      <button type="submit" disabled={pending} className="rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700 disabled:opacity-60">
        {pending ? t('working') : t('rate')}
      </button>
    </form>
  );
}
