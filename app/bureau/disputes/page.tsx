import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { listDisputesInput } from '@/server/contracts/inputs';
import { currentActor, serverApi } from '../../_lib/api';
import { ContractStatusBadge } from '../../_components/contracts/badges';
import { RuleDispute } from '../../_components/contracts/contract-acts';
import { wan, ymd } from '../../_components/contracts/format';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('contracts.disputesPage'))('title') };
}

const PAGE = 20;

/** 争议裁决: the bureau's queue of disputes and escalations, open ones first; rule here or on the contract page. */
export default async function DisputesPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/bureau/disputes');
  if (actor.org?.kind !== 'bureau') redirect('/org');
  const params = await searchParams;
  const status = params.status === 'ruled' ? 'ruled' : params.status === 'all' ? undefined : 'open';
  const page = Math.max(1, Math.floor(Number(params.page)) || 1);
  const input = listDisputesInput.parse({ status, cursor: (page - 1) * PAGE, limit: PAGE });
  const [t, tc, tl, result] = await Promise.all([
    getTranslations('contracts.disputesPage'),
    getTranslations('contracts'),
    getTranslations('contracts.list'),
    (await serverApi()).contracts.disputes(input),
  ]);
  const mayRule = actor.org.role !== 'member' && actor.org.status === 'verified';
  const href = (s: string, p = 1) => `/bureau/disputes?status=${s}${p > 1 ? `&page=${p}` : ''}`;
  const current = status ?? 'all';
  const filters = [
    { value: 'open', label: tc('dispute.status.open') },
    { value: 'ruled', label: tc('dispute.status.ruled') },
    { value: 'all', label: tl('all') },
  ];

  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
      <p className="mt-1 mb-5 text-sm text-gray-600">{t('lead')}</p>
      <nav aria-label={t('filter')} className="mb-5 flex gap-2 text-sm">
        {filters.map((f) => (
          <Link
            key={f.value}
            href={href(f.value)}
            aria-current={current === f.value ? 'page' : undefined}
            className={`whitespace-nowrap rounded-full border px-3 py-1 ${current === f.value ? 'border-primary-600 bg-primary-600 text-white' : 'border-gray-300 bg-white text-gray-800 hover:border-primary-600'}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {result.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-700">{status === 'open' ? t('emptyOpen') : t('empty')}</p>
      ) : (
        <ul className="space-y-3">
          {result.items.map((d) => (
            <li key={d.id} className="rounded-lg border border-gray-200 bg-white p-4 text-sm shadow-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className={`rounded-full border px-2.5 py-0.5 font-medium ${d.kind === 'escalation' ? 'border-violet-300 bg-violet-50 text-violet-900' : 'border-amber-300 bg-amber-50 text-amber-900'}`}>
                  {tc(`dispute.kind.${d.kind}`)}
                </span>
                <span className={`rounded-full border px-2.5 py-0.5 ${d.status === 'open' ? 'border-red-300 bg-red-50 text-red-900' : 'border-gray-300 bg-gray-50 text-gray-800'}`}>
                  {d.status === 'open' ? '◷ ' : '✓ '}
                  {tc(`dispute.status.${d.status}`)}
                </span>
                <span className="text-gray-600">{t('raisedBy', { side: tc(`side.${d.raisedBySide}`) })}</span>
              </div>
              <h2 className="mt-2 text-base font-semibold text-gray-900">
                <Link href={`/contracts/${d.contract.id}#dispute-${d.id}`} className="hover:text-primary-700 hover:underline">
                  {d.contract.subject}
                </Link>
              </h2>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                <dt className="text-gray-600">{tc('side.client')}</dt>
                <dd className="text-gray-900">{d.client.name}</dd>
                <dt className="text-gray-600">{tc('side.provider')}</dt>
                <dd className="text-gray-900">{d.provider.name}</dd>
                <dt className="text-gray-600">{tl('value')}</dt>
                <dd className="flex flex-wrap items-center gap-2 text-gray-900">
                  {tc('amount', { amount: wan(d.contract.value) })}
                  <ContractStatusBadge status={d.contract.status} label={tc(`status.${d.contract.status}`)} />
                </dd>
                <dt className="text-gray-600">{t('opened')}</dt>
                <dd className="text-gray-900">{ymd(d.openedAt)}</dd>
                {d.ruledAt ? (
                  <>
                    <dt className="text-gray-600">{t('ruledAt')}</dt>
                    <dd className="text-gray-900">{ymd(d.ruledAt)}</dd>
                  </>
                ) : null}
              </dl>
              <p className="mt-2 whitespace-pre-line rounded-md bg-gray-50 p-2 text-gray-900">{d.reason}</p>
              <div className="mt-3 flex flex-wrap items-start gap-2">
                <Link href={`/contracts/${d.contract.id}#dispute-${d.id}`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
                  {t('viewContract')}
                </Link>
              </div>
              {d.status === 'open' && mayRule ? (
                <div className="mt-2">
                  <RuleDispute disputeId={d.id} escalation={d.kind === 'escalation'} aboutMilestone={!!d.milestoneId} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {page > 1 || result.nextCursor !== null ? (
        <nav aria-label={tl('pagination')} className="mt-6 flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link href={href(current, page - 1)} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
              {tl('previous')}
            </Link>
          ) : (
            <span />
          )}
          {result.nextCursor !== null ? (
            <Link href={href(current, page + 1)} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
              {tl('next')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </main>
  );
}
