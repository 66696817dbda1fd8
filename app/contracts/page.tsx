import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CONTRACT_STATUSES, listContractsInput } from '@/server/contracts/inputs';
import { currentActor, serverApi } from '../_lib/api';
import { ContractStatusBadge } from '../_components/contracts/badges';
import { wan, ymd } from '../_components/contracts/format';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('contracts.list'))('title') };
}

const PAGE = 20;

/** 我的合同: the organisation's contracts on either side (the bureau: all), filtered by status; cards on phones. */
export default async function ContractsPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/contracts');
  if (!actor.org) redirect('/org');
  const params = await searchParams;
  const page = Math.max(1, Math.floor(Number(params.page)) || 1);
  const parsed = listContractsInput.safeParse({ status: params.status || undefined, cursor: (page - 1) * PAGE, limit: PAGE });
  const input = parsed.success ? parsed.data : listContractsInput.parse({ limit: PAGE });
  const [t, tc, result] = await Promise.all([getTranslations('contracts.list'), getTranslations('contracts'), (await serverApi()).contracts.list(input)]);
  const bureau = actor.org.kind === 'bureau';
  const href = (status: string | undefined, p = 1) => {
    const q = new URLSearchParams();
    if (status) q.set('status', status);
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return s ? `/contracts?${s}` : '/contracts';
  };
  const filters: Array<{ status?: string; label: string }> = [{ label: t('all') }, ...CONTRACT_STATUSES.map((s) => ({ status: s, label: tc(`status.${s}`) }))];

  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">{bureau ? t('titleBureau') : t('title')}</h1>
      <p className="mt-1 mb-5 text-sm text-gray-600">{bureau ? t('leadBureau') : t('lead')}</p>

      <nav aria-label={t('filter')} className="mb-5 flex gap-2 overflow-x-auto pb-1 text-sm">
        {filters.map((f) => {
          const current = (f.status ?? '') === (input.status ?? '');
          return (
            <Link
              key={f.status ?? 'all'}
              href={href(f.status)}
              aria-current={current ? 'page' : undefined}
              className={`whitespace-nowrap rounded-full border px-3 py-1 ${current ? 'border-primary-600 bg-primary-600 text-white' : 'border-gray-300 bg-white text-gray-800 hover:border-primary-600'}`}
            >
              {f.label}
            </Link>
          );
        })}
      </nav>

      {result.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-700">
          <p>{input.status ? t('emptyFiltered') : t('empty')}</p>
          {!input.status ? (
            <Link href="/needs" className="mt-4 inline-block rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700">
              {t('browseNeeds')}
            </Link>
          ) : null}
        </div>
      ) : (
        <ul className="space-y-3">
          {result.items.map((c) => {
            const counterpart = c.side === 'client' ? c.provider : c.side === 'provider' ? c.client : null;
            return (
              <li key={c.id} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-start gap-2">
                  <h2 className="min-w-0 flex-1 text-base font-semibold text-gray-900">
                    <Link href={`/contracts/${c.id}`} className="hover:text-primary-700 hover:underline">
                      {c.subject}
                    </Link>
                  </h2>
                  <ContractStatusBadge status={c.status} label={tc(`status.${c.status}`)} />
                </div>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr_auto_1fr]">
                  {counterpart ? (
                    <>
                      <dt className="text-gray-600">{t('counterpart')}</dt>
                      <dd className="text-gray-900">
                        {counterpart.name}
                        <span className="text-gray-600"> · {tc(`side.${c.side === 'client' ? 'provider' : 'client'}`)}</span>
                      </dd>
                    </>
                  ) : (
                    <>
                      <dt className="text-gray-600">{t('parties')}</dt>
                      <dd className="text-gray-900">
                        {c.client.name} / {c.provider.name}
                      </dd>
                    </>
                  )}
                  <dt className="text-gray-600">{t('value')}</dt>
                  <dd className="text-gray-900">
                    {tc('amount', { amount: wan(c.value) })} · {tc(`fundingShort.${c.fundingMode}`)}
                  </dd>
                  <dt className="text-gray-600">{t('signed')}</dt>
                  <dd className="text-gray-900">{ymd(c.signedAt)}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}

      {page > 1 || result.nextCursor !== null ? (
        <nav aria-label={t('pagination')} className="mt-6 flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link href={href(input.status, page - 1)} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
              {t('previous')}
            </Link>
          ) : (
            <span />
          )}
          {result.nextCursor !== null ? (
            <Link href={href(input.status, page + 1)} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
              {t('next')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </main>
  );
}
