import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { INDUSTRY_FIELDS } from '@/server/accounts/inputs';
import { listOrganisationsInput, ORG_KINDS, ORG_STATUSES } from '@/server/orgs/inputs';
import { currentActor, serverApi } from '../../_lib/api';
import { buttonClass, inputClass, secondaryButtonClass } from '../../org/_components/styles';
import { ActionNotice } from '../../org/_components/notice';
import { StatusBadge } from '../../org/_components/status-badge';
import { verifyAction } from './actions';
import { RejectButton } from './reject-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('bureau'))('title') };
}

type Search = { status?: string; kind?: string; q?: string; page?: string; ok?: string; error?: string };

/** 资质审核: the bureau's queue of organisations, pending first; verify, or reject with a reason. */
export default async function VerificationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/bureau/verifications');
  if (actor.org?.kind !== 'bureau') redirect('/org');
  const params = await searchParams;
  const parsed = listOrganisationsInput.safeParse({ status: params.status || undefined, kind: params.kind || undefined, q: params.q || undefined, page: params.page || undefined });
  const input = parsed.success ? parsed.data : listOrganisationsInput.parse({});
  const [t, tOrg, tf, format, result] = await Promise.all([
    getTranslations('bureau'),
    getTranslations('org'),
    getTranslations('auth.industryFields'),
    getFormatter(),
    (await serverApi()).bureau.organisations(input),
  ]);
  const query = new URLSearchParams(
    Object.entries({ status: input.status, kind: input.kind ?? '', q: input.q ?? '', page: String(input.page) }).filter(([, v]) => v !== ''),
  ).toString();
  const pageLink = (page: number) => {
    const p = new URLSearchParams(query);
    p.set('page', String(page));
    return `/bureau/verifications?${p.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));

  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
      <p className="mt-1 mb-6 text-sm text-gray-600">{t('lead')}</p>
      <ActionNotice ok={params.ok} error={params.error} />

      <form method="get" className="mb-6 grid gap-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:grid-cols-[10rem_10rem_1fr_auto] sm:items-end">
        <div>
          <label htmlFor="f-status" className="block text-sm font-medium text-gray-800">
            {t('filters.status')}
          </label>
          <select id="f-status" name="status" defaultValue={input.status} className={inputClass}>
            {ORG_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tOrg(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-kind" className="block text-sm font-medium text-gray-800">
            {t('filters.kind')}
          </label>
          <select id="f-kind" name="kind" defaultValue={input.kind ?? ''} className={inputClass}>
            <option value="">{t('filters.allKinds')}</option>
            {ORG_KINDS.filter((k) => k !== 'bureau').map((k) => (
              <option key={k} value={k}>
                {tOrg(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-q" className="block text-sm font-medium text-gray-800">
            {t('filters.q')}
          </label>
          <input id="f-q" name="q" type="search" defaultValue={input.q ?? ''} placeholder={t('filters.qPlaceholder')} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass}>
          {t('filters.apply')}
        </button>
      </form>

      <p className="mb-3 text-sm text-gray-700" aria-live="polite">
        {t('count', { count: result.total, status: tOrg(`status.${input.status}`) })}
      </p>
      {result.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-600">
          {input.status === 'pending' && !input.q && !input.kind ? t('emptyPending') : t('empty')}
        </p>
      ) : (
        <ul className="space-y-3">
          {result.rows.map((org) => (
            <li key={org.id} aria-labelledby={`org-${org.id}`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-5">
              <div className="flex flex-wrap items-center gap-2">
                <h2 id={`org-${org.id}`} className="text-lg font-semibold text-gray-900">
                  {org.name}
                </h2>
                <span className="rounded bg-gray-100 px-2 py-0.5 text-sm text-gray-800">{tOrg(`kinds.${org.kind}`)}</span>
                <StatusBadge status={org.status} />
              </div>
              <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
                <dt className="text-gray-600">{org.kind === 'research_team' ? tOrg('profile.hostCreditCode') : tOrg('profile.creditCode')}</dt>
                <dd className="font-mono text-gray-900">{org.creditCode}</dd>
                {org.hostInstitution ? (
                  <>
                    <dt className="text-gray-600">{tOrg('profile.hostInstitution')}</dt>
                    <dd className="text-gray-900">{org.hostInstitution}</dd>
                  </>
                ) : null}
                {org.industryField && (INDUSTRY_FIELDS as readonly string[]).includes(org.industryField) ? (
                  <>
                    <dt className="text-gray-600">{tOrg('profile.industryField')}</dt>
                    <dd className="text-gray-900">{tf(org.industryField)}</dd>
                  </>
                ) : null}
                {org.city ? (
                  <>
                    <dt className="text-gray-600">{tOrg('profile.city')}</dt>
                    <dd className="text-gray-900">{org.city}</dd>
                  </>
                ) : null}
                <dt className="text-gray-600">{t('contact')}</dt>
                <dd className="break-all text-gray-900">{org.contact ?? '—'}</dd>
                <dt className="text-gray-600">{t('submitted')}</dt>
                <dd className="text-gray-900">{format.dateTime(org.createdAt, { dateStyle: 'medium' })}</dd>
                {org.reviewedAt && org.status !== 'pending' ? (
                  <>
                    <dt className="text-gray-600">{t('reviewed')}</dt>
                    <dd className="text-gray-900">{format.dateTime(org.reviewedAt, { dateStyle: 'medium' })}</dd>
                  </>
                ) : null}
                {org.rejectionReason && org.status === 'rejected' ? (
                  <>
                    <dt className="text-gray-600">{t('reason')}</dt>
                    <dd className="text-gray-900">{org.rejectionReason}</dd>
                  </>
                ) : null}
              </dl>
              <div className="mt-4 flex flex-wrap items-start gap-2">
                {org.status === 'pending' ? (
                  <>
                    <form action={verifyAction}>
                      <input type="hidden" name="orgId" value={org.id} />
                      <input type="hidden" name="returnQuery" value={query} />
                      <button type="submit" className={buttonClass}>
                        {t('verify')}
                      </button>
                    </form>
                    <RejectButton orgId={org.id} orgName={org.name} returnQuery={query} />
                  </>
                ) : null}
                {org.status !== 'rejected' ? (
                  <Link href={`/orgs/${org.id}`} className={secondaryButtonClass}>
                    {t('viewProfile')}
                  </Link>
                ) : null}
                <Link href={`/audit?entityId=${org.id}`} className={secondaryButtonClass}>
                  {t('viewAudit')}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label={t('pagination')} className="mt-6 flex items-center justify-between text-sm">
          {input.page > 1 ? (
            <Link href={pageLink(input.page - 1)} className={secondaryButtonClass}>
              {t('previous')}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-gray-700">{t('pageOf', { page: input.page, pages })}</span>
          {input.page < pages ? (
            <Link href={pageLink(input.page + 1)} className={secondaryButtonClass}>
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
