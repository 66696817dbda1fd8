import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { BID_STATUSES, type BidStatus } from '@/server/bids/inputs';
import { currentActor, serverApi } from '../_lib/api';
import { amount, dateTime } from '../_components/bids/format';
import { BidStatusBadge } from '../_components/bids/status-badge';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('bids.list'))('title') };
}

const PAGE = 20;

/** The research team's own bids, newest change first, filtered by status, with where each stands. */
export default async function MyBidsPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/bids');
  const [t, tNeeds, query] = await Promise.all([getTranslations('bids'), getTranslations('needs'), searchParams]);
  if (actor.org?.kind !== 'research_team') {
    return (
      <main className="mx-auto max-w-4xl px-4 py-8">
        <h1 className="mb-4 text-2xl font-semibold text-gray-900">{t('list.title')}</h1>
        <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">{t('list.onlyTeams')}</p>
      </main>
    );
  }
  const status = BID_STATUSES.includes(query.status as BidStatus) ? (query.status as BidStatus) : undefined;
  const page = Math.max(0, Math.min(500, Number.parseInt(query.page ?? '0', 10) || 0));
  const { items, hasMore } = await (await serverApi()).bids.listMine({ status, limit: PAGE, offset: page * PAGE });
  const href = (s: BidStatus | undefined, p = 0) => {
    const params = new URLSearchParams();
    if (s) params.set('status', s);
    if (p > 0) params.set('page', String(p));
    const q = params.toString();
    return q ? `/bids?${q}` : '/bids';
  };

  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">{t('list.title')}</h1>
      <p className="mt-1 mb-4 text-gray-600">{t('list.lead')}</p>
      <nav aria-label={t('list.filter')} className="mb-4 flex gap-2 overflow-x-auto pb-1 text-sm">
        {[undefined, ...BID_STATUSES].map((s) => (
          <Link
            key={s ?? 'all'}
            href={href(s)}
            aria-current={s === status ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 whitespace-nowrap ${s === status ? 'border-primary-600 bg-primary-600 text-white' : 'border-gray-300 bg-white text-gray-800 hover:bg-gray-50'}`}
          >
            {s ? t(`status.${s}`) : t('list.all')}
          </Link>
        ))}
      </nav>

      {items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-600">
          <p>{status || page > 0 ? t('list.emptyFiltered') : t('empty.mine')}</p>
          <Link href="/needs" className="mt-3 inline-block rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700">
            {t('list.browseNeeds')}
          </Link>
        </div>
      ) : (
        <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white shadow-sm">
          {items.map((b) => (
            <li key={b.id} className="grid gap-2 p-4 md:grid-cols-[1fr_8rem_9rem_10rem] md:items-center md:gap-4">
              <div className="min-w-0">
                <p className="text-sm text-gray-600">
                  <span className="rounded bg-primary-50 px-1.5 text-primary-800">{tNeeds(`modes.${b.need.mode}`)}</span>
                  <span className="ml-2">{tNeeds(`statuses.${b.need.status}`)}</span>
                </p>
                <Link href={`/needs/${b.need.id}/bid`} className="mt-1 block font-medium text-primary-700 underline">
                  {b.need.title}
                </Link>
              </div>
              <div>
                <BidStatusBadge status={b.status} label={t(`status.${b.status}`)} mark={t(`statusMark.${b.status}`)} />
                {b.revision ? <span className="ml-2 text-xs text-gray-600">{t('revision', { number: b.revision })}</span> : null}
              </div>
              <p className="text-sm text-gray-900 tabular-nums md:text-right">
                <span className="text-gray-600 md:sr-only">{t('list.price')} </span>
                {b.price !== null ? t('amount', { amount: amount(b.price) }) : '—'}
              </p>
              <p className="text-sm text-gray-700 tabular-nums">
                <span className="text-gray-600">{t('list.deadline')} </span>
                {dateTime(b.need.bidDeadline)}
              </p>
            </li>
          ))}
        </ul>
      )}

      {page > 0 || hasMore ? (
        <nav aria-label={t('list.pagination')} className="mt-4 flex justify-between text-sm">
          {page > 0 ? (
            <Link href={href(status, page - 1)} className="text-primary-700 underline">
              ← {t('list.newer')}
            </Link>
          ) : (
            <span />
          )}
          {hasMore ? (
            <Link href={href(status, page + 1)} className="text-primary-700 underline">
              {t('list.older')} →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </main>
  );
}
