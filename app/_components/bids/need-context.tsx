import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { amount, dateTime } from './format';
import type { NeedView } from './types';

/**
 * The need a bid or review page is about: its title (back to the need), mode, status, deadline and
 * budget or bounty, so the page never leaves its reader wondering which need they are working on.
 */
export async function NeedContext({ need, section }: { need: Pick<NeedView, 'id' | 'title' | 'mode' | 'status' | 'bidDeadline' | 'budgetMin' | 'budgetMax' | 'bounty' | 'owner'>; section: string }) {
  const [t, tNeeds] = await Promise.all([getTranslations('bids.needContext'), getTranslations('needs')]);
  return (
    <header className="mb-6 border-b border-gray-200 pb-4">
      <p className="text-sm">
        <Link href={`/needs/${need.id}`} className="text-primary-700 hover:underline">
          ← {t('backToNeed')}
        </Link>
      </p>
      <p className="mt-3 text-sm font-medium text-primary-700">{section}</p>
      <h1 className="mt-1 text-xl font-semibold text-gray-900 sm:text-2xl">{need.title}</h1>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-gray-700">
        <div className="flex gap-1">
          <dt className="sr-only">{tNeeds('fields.mode')}</dt>
          <dd className="rounded bg-primary-50 px-1.5 text-primary-800">{tNeeds(`modes.${need.mode}`)}</dd>
          <dt className="sr-only">{tNeeds('search.filters.status')}</dt>
          <dd className="rounded bg-gray-100 px-1.5 text-gray-800">{tNeeds(`statuses.${need.status}`)}</dd>
        </div>
        {need.bidDeadline ? (
          <div className="flex gap-1">
            <dt>{t('deadline')}</dt>
            <dd className="font-medium tabular-nums">{dateTime(need.bidDeadline)}</dd>
          </div>
        ) : null}
        {need.bounty ? (
          <div className="flex gap-1">
            <dt>{t('bounty')}</dt>
            <dd className="font-medium tabular-nums">{tNeeds('amount', { amount: amount(need.bounty) })}</dd>
          </div>
        ) : need.budgetMin || need.budgetMax ? (
          <div className="flex gap-1">
            <dt>{t('budget')}</dt>
            <dd className="font-medium tabular-nums">{t('budgetRange', { min: amount(need.budgetMin), max: amount(need.budgetMax) })}</dd>
          </div>
        ) : null}
        <div className="flex gap-1">
          <dt>{t('owner')}</dt>
          <dd>{need.owner?.name ?? t('anonymousOwner')}</dd>
        </div>
      </dl>
    </header>
  );
}
