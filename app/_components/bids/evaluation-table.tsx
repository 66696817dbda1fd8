import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { criterionLabel } from './criterion-label';
import { amount } from './format';
import { BidStatusBadge } from './status-badge';
import type { Outputs } from './types';

type Summary = Extract<Outputs['reviews']['summary'], { sealed: false }>;
type Spread = { mean: number; min: number; max: number; stddev: number } | null;

/**
 * The owner's evaluation table (desktop first; it scrolls inside its own box on a phone): per bid the
 * mean of each rubric criterion and of the total, with min–max and σ beneath, beside the platform's credit
 * and match scores (暂无 only when the platform has none: no credit record, or a team that may not be matched).
 */
export async function EvaluationTable({ summary, needId }: { summary: Summary; needId: string }) {
  const t = await getTranslations('bids');
  const label = (c: Summary['rubric'][number]) => criterionLabel(c, (k) => t(k), (k) => t.has(k));
  const ranked = [...summary.items].sort((a, b) => (b.total?.mean ?? -1) - (a.total?.mean ?? -1));
  const cell = (s: Spread, strong = false) =>
    s ? (
      <>
        <span className={`block tabular-nums ${strong ? 'text-base font-semibold text-gray-900' : 'text-gray-900'}`}>{s.mean.toFixed(1)}</span>
        <span className="block text-xs whitespace-nowrap text-gray-600 tabular-nums">{t('owner.spread', { min: s.min, max: s.max, stddev: s.stddev.toFixed(1) })}</span>
      </>
    ) : (
      <span className="text-xs text-gray-600">{t('owner.noScores')}</span>
    );
  const th = 'px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-gray-700';
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm" tabIndex={0} role="region" aria-label={t('owner.evaluationTitle')}>
      <table className="min-w-full divide-y divide-gray-200 text-sm">
        <thead className="bg-gray-50">
          <tr>
            <th scope="col" className={`${th} sticky left-0 bg-gray-50 shadow-[1px_0_0_#e5e7eb]`}>
              {t('owner.team')}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t('owner.price')}
            </th>
            <th scope="col" className={th}>
              {t('owner.status')}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t('owner.reviews')}
            </th>
            {summary.rubric.map((c) => (
              <th key={c.key} scope="col" className={`${th} text-right`}>
                {t('owner.criterion', { label: label(c), weight: c.weight })}
              </th>
            ))}
            <th scope="col" className={`${th} text-right`}>
              {t('owner.total')}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t('owner.credit')}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t('owner.match')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {ranked.map((b) => (
            <tr key={b.id} className="align-top">
              <th scope="row" className="sticky left-0 min-w-40 max-w-56 bg-white px-3 py-2 text-left font-normal shadow-[1px_0_0_#e5e7eb]">
                <Link href={`/needs/${needId}/bids/${b.id}`} className="font-medium text-primary-700 underline">
                  {b.team.name}
                </Link>
                {b.team.hostInstitution ? <span className="block text-xs text-gray-600">{b.team.hostInstitution}</span> : null}
                <span className="block text-xs text-gray-600">{t('revision', { number: b.revision ?? 1 })}</span>
              </th>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{t('amount', { amount: amount(b.price) })}</td>
              <td className="min-w-28 px-3 py-2">
                <BidStatusBadge status={b.status} label={t(`status.${b.status}`)} mark={t(`statusMark.${b.status}`)} />
                {b.feedback ? (
                  <span className="mt-1 block max-w-48 text-xs text-gray-700">{t('owner.feedbackShort', { code: t(`feedback.codes.${b.feedback.code}`), text: b.feedback.text })}</span>
                ) : null}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{b.reviewCount}</td>
              {summary.rubric.map((c) => (
                <td key={c.key} className="px-3 py-2 text-right">
                  {cell(b.criteria[c.key] ?? null)}
                </td>
              ))}
              <td className="px-3 py-2 text-right">{cell(b.total, true)}</td>
              <td className="px-3 py-2 text-right text-gray-600">{b.creditScore !== null ? `${b.creditGrade ?? ''} · ${b.creditScore}` : t('owner.notYet')}</td>
              <td className="px-3 py-2 text-right text-gray-600">{b.matchScore ?? t('owner.notYet')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
