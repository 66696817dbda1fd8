import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { INDUSTRY_FIELDS } from '@/server/accounts/inputs';
import { currentActor, serverApi } from '../_lib/api';
import { buttonClass } from './_components/styles';
import { ActionNotice } from './_components/notice';
import { resubmitAction } from './actions';
import { ProfileForm } from './profile-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('org'))('title') };
}

export default async function OrgPage({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const [t, tf, format, actor, params] = await Promise.all([
    getTranslations('org'),
    getTranslations('auth.industryFields'),
    getFormatter(),
    currentActor(),
    searchParams,
  ]);
  if (!actor?.org) {
    return (
      <>
        <ActionNotice ok={params.ok} error={params.error} />
        <section className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold text-gray-900">{t('none.title')}</h1>
          <p className="mt-2 text-gray-700">{t('none.body')}</p>
        </section>
      </>
    );
  }
  const org = await (await serverApi()).orgs.mine();
  const manager = actor.org.role !== 'member';

  return (
    <div className="space-y-6">
      <ActionNotice ok={params.ok} error={params.error} />

      {org.status === 'pending' ? (
        <section aria-labelledby="status-heading" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-950">
          <h2 id="status-heading" className="font-semibold">{t('pending.title')}</h2>
          <p className="mt-1 text-sm">{t('pending.body')}</p>
        </section>
      ) : null}
      {org.status === 'rejected' ? (
        <section aria-labelledby="status-heading" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-950">
          <h2 id="status-heading" className="font-semibold">{t('rejected.title')}</h2>
          <p className="mt-1 text-sm">
            {t('rejected.reason')}
            <span className="font-medium">{org.rejectionReason}</span>
          </p>
          <p className="mt-1 text-sm">{t('rejected.next')}</p>
          {manager ? (
            <form action={resubmitAction} className="mt-3">
              <button type="submit" className={buttonClass}>
                {t('rejected.resubmit')}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
      {org.status === 'verified' && org.reviewedAt ? (
        <p className="text-sm text-gray-600">{t('verified.since', { date: format.dateTime(org.reviewedAt, { dateStyle: 'long' }) })}</p>
      ) : null}

      <section aria-labelledby="profile-heading" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        <h2 id="profile-heading" className="mb-4 text-lg font-semibold text-gray-900">
          {t('profile.title')}
        </h2>
        {manager ? (
          <ProfileForm
            kind={org.kind}
            verified={org.status === 'verified'}
            industryFields={[...INDUSTRY_FIELDS]}
            initial={{
              name: org.name,
              creditCode: org.creditCode,
              hostInstitution: org.hostInstitution ?? '',
              industryField: org.industryField ?? '',
              city: org.city ?? '',
              website: org.website ?? '',
              description: org.description ?? '',
              keywords: org.keywords.join(t('inputSeparator')),
            }}
          />
        ) : (
          <>
            <p className="mb-4 text-sm text-gray-600">{t('profile.readOnly')}</p>
            <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[10rem_1fr]">
              <dt className="text-sm text-gray-600">{org.kind === 'research_team' ? t('profile.hostCreditCode') : t('profile.creditCode')}</dt>
              <dd className="font-mono">{org.creditCode}</dd>
              {org.kind === 'research_team' ? (
                <>
                  <dt className="text-sm text-gray-600">{t('profile.hostInstitution')}</dt>
                  <dd>{org.hostInstitution}</dd>
                </>
              ) : null}
              <dt className="text-sm text-gray-600">{t('profile.industryField')}</dt>
              <dd>{org.industryField && (INDUSTRY_FIELDS as readonly string[]).includes(org.industryField) ? tf(org.industryField) : t('profile.empty')}</dd>
              <dt className="text-sm text-gray-600">{t('profile.city')}</dt>
              <dd>{org.city ?? t('profile.empty')}</dd>
              <dt className="text-sm text-gray-600">{t('profile.website')}</dt>
              <dd className="break-all">{org.website ?? t('profile.empty')}</dd>
              <dt className="text-sm text-gray-600">{t('profile.keywords')}</dt>
              <dd>{org.keywords.length > 0 ? org.keywords.join(t('listSeparator')) : t('profile.empty')}</dd>
              <dt className="text-sm text-gray-600">{t('profile.description')}</dt>
              <dd className="whitespace-pre-line">{org.description ?? t('profile.empty')}</dd>
            </dl>
          </>
        )}
      </section>
    </div>
  );
}
