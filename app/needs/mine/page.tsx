import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { NEED_STATUSES, type NeedStatus } from '@/server/needs/inputs';
import { currentActor, serverApi } from '../../_lib/api';
import { date } from '../../_components/bids/format';
import { NeedCard } from '../../_components/needs/need-card';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('needs'))('mine.title') };
}

const PAGE = 20;

/** My organisation's needs, drafts included, filtered by status (links, no client JS). */
export default async function MyNeedsPage({ searchParams }: { searchParams: Promise<{ status?: string; n?: string }> }) {
  const sp = await searchParams;
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent('/needs/mine')}`);
  const t = await getTranslations('needs');
  if (!actor.org || actor.org.kind === 'research_team') {
    return (
      <main className="mx-auto max-w-4xl px-4 py-8">
        <h1 className="text-2xl font-semibold text-gray-900">{t('mine.title')}</h1>
        <p className="mt-4 rounded-md border border-gray-200 bg-white p-4 text-gray-800">{t('form.onlyPublishers')}</p>
      </main>
    );
  }
  const status = (NEED_STATUSES as readonly string[]).includes(sp.status ?? '') ? (sp.status as NeedStatus) : undefined;
  const shown = Math.min(100, Math.max(PAGE, Number(sp.n) || PAGE));
  const list = await (await serverApi()).needs.listMine({ status, limit: shown, offset: 0 });
  const href = (s?: string, n?: number) => {
    const q = new URLSearchParams();
    if (s) q.set('status', s);
    if (n) q.set('n', String(n));
    const str = q.toString();
    return str ? `/needs/mine?${str}` : '/needs/mine';
  };

  return (
    <main className="mx-auto max-w-4xl px-4 py-6 sm:py-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-gray-900">{t('mine.title')}</h1>
        <Link href="/needs/new" className="rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700">
          {t('mine.create')}
        </Link>
      </div>
      <nav aria-label={t('mine.filter')} className="mt-4 flex gap-2 overflow-x-auto pb-1 text-sm">
        {[undefined, ...NEED_STATUSES].map((s) => {
          const active = s === status;
          return (
            <Link
              key={s ?? 'all'}
              href={href(s)}
              aria-current={active ? 'page' : undefined}
              className={`rounded-full border px-3 py-1 whitespace-nowrap ${active ? 'border-primary-600 bg-primary-600 text-white' : 'border-gray-300 bg-white text-gray-800 hover:bg-gray-50'}`}
            >
              {s ? t(`statuses.${s}`) : t('mine.all')}
            </Link>
          );
        })}
      </nav>
      {list.items.length === 0 ? (
        <div className="mt-6 rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-700">
          <p>{t('mine.empty')}</p>
          <Link href="/needs/new" className="mt-3 inline-block font-medium text-primary-700 underline">
            {t('mine.create')}
          </Link>
        </div>
      ) : (
        <ul className="mt-4 grid grid-cols-1 gap-3 md:grid-cols-2">
          {list.items.map((n) => (
            <li key={n.id}>
              <NeedCard
                need={n}
                heading="h2"
                extra={
                  <p className="flex flex-wrap items-center gap-3 text-xs text-gray-600">
                    <span>{t('mine.updatedAt', { date: date(n.updatedAt) })}</span>
                    {n.status === 'draft' ? (
                      <Link href={`/needs/${n.id}/edit`} className="text-sm text-primary-700 underline">
                        {t('mine.edit')}
                      </Link>
                    ) : null}
                  </p>
                }
              />
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && shown < 100 ? (
        <div className="mt-6 text-center">
          <Link href={href(status, shown + PAGE)} className="rounded-md border border-gray-300 bg-white px-4 py-2 text-sm text-gray-800 hover:bg-gray-50">
            {t('mine.more')}
          </Link>
        </div>
      ) : null}
    </main>
  );
}
