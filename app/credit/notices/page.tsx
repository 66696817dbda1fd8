import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { noticesInput } from '@/server/credit/inputs';
import { serverApi } from '../../_lib/api';
import { ymd } from '../../_components/contracts/format';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('credit.notices'))('title') };
}

const PAGE = 30;

/** 通报: the bureau's published serious cases and negative-list entries (public). */
export default async function NoticesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const page = Math.max(1, Math.floor(Number((await searchParams).page)) || 1);
  const [t, ti, notices] = await Promise.all([
    getTranslations('credit.notices'),
    getTranslations('credit.integrity'),
    (await serverApi()).credit.notices(noticesInput.parse({ cursor: (page - 1) * PAGE, limit: PAGE })),
  ]);
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
      <p className="mt-1 mb-5 text-sm text-gray-600">{t('lead')}</p>
      {notices.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-700">{t('empty')}</p>
      ) : (
        <ul className="space-y-3">
          {notices.items.map((n) => (
            <li key={`${n.orgId}-${n.seq}`} className="rounded-lg border border-gray-200 bg-white p-4 text-sm shadow-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="rounded-full border border-red-300 bg-red-50 px-2.5 py-0.5 font-medium text-red-900">⚠ {n.negativeList ? ti('negativeList') : ti('serious')}</span>
                <span className="text-gray-600">{ymd(n.occurredAt)}</span>
              </div>
              <h2 className="mt-2 text-base font-semibold text-gray-900">
                <Link href={`/credit/${n.orgId}`} className="hover:text-primary-700 hover:underline">
                  {n.orgName}
                </Link>
              </h2>
              <p className="mt-1 whitespace-pre-line text-gray-900">{n.note}</p>
              <p className="mt-1 text-xs text-gray-600">
                {n.documentRef ? ti('document', { ref: n.documentRef }) : null}
                {n.until ? ` · ${t('until', { date: ymd(n.until) })}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      {page > 1 || notices.nextCursor !== null ? (
        <nav aria-label={t('title')} className="mt-6 flex justify-between text-sm">
          {page > 1 ? (
            <Link href={`/credit/notices?page=${page - 1}`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
              ←
            </Link>
          ) : (
            <span />
          )}
          {notices.nextCursor !== null ? (
            <Link href={`/credit/notices?page=${page + 1}`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
              →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </main>
  );
}
