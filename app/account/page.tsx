import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { serverApi } from '../_lib/api';
import { DeleteAccount } from './delete-account';
import { PasswordForm } from './password-form';
import { ProfileForm } from './profile-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('title') };
}

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 id={id} className="text-lg font-semibold text-gray-900">
        {title}
      </h2>
      {lead ? <p className="mt-1 text-sm text-gray-600">{lead}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** The person's own account: profile, organisation, password, and their data (copy and erasure). */
export default async function AccountPage() {
  const api = await serverApi();
  const me = await api.account.me().catch(() => null);
  if (!me) redirect('/login?callbackUrl=/account');
  const [t, format] = await Promise.all([getTranslations('account'), getFormatter()]);
  const consentDate = me.privacyConsentAt ? format.dateTime(me.privacyConsentAt, { dateStyle: 'long' }) : null;
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <div>
        <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-gray-600">{t('signedInAs', { email: me.email ?? '' })}</p>
      </div>

      <Section id="account-org" title={t('org.title')}>
        {me.org ? (
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Link href="/org" className="font-medium text-primary-700 hover:underline">
              {me.org.name}
            </Link>
            <span className="text-sm text-gray-700">{t(`org.roles.${me.org.role}`)}</span>
            <span
              className={`rounded px-2 py-0.5 text-xs font-medium ${
                me.org.status === 'verified'
                  ? 'bg-green-100 text-green-800'
                  : me.org.status === 'pending'
                    ? 'bg-amber-100 text-amber-900'
                    : 'bg-red-100 text-red-800'
              }`}
            >
              {t(`org.statuses.${me.org.status}`)}
            </span>
          </div>
        ) : (
          <p className="text-sm text-gray-700">{t('org.none')}</p>
        )}
      </Section>

      <Section id="account-profile" title={t('profile.title')} lead={t('profile.lead')}>
        <ProfileForm
          initial={{ name: me.name, phone: me.phone ?? '', title: me.title ?? '', bio: me.bio ?? '', locale: me.locale }}
        />
      </Section>

      <Section id="account-password" title={t('password.title')} lead={t('password.lead')}>
        <PasswordForm />
      </Section>

      <Section id="account-privacy" title={t('privacy.title')} lead={t('privacy.lead')}>
        <div className="space-y-6">
          <div>
            <h3 className="font-medium text-gray-900">{t('privacy.exportTitle')}</h3>
            <p className="mt-1 text-sm text-gray-700">{t('privacy.exportBody')}</p>
            <a
              href="/api/account/export"
              download
              className="mt-3 inline-block rounded-md border border-primary-600 px-4 py-2 font-medium text-primary-700 hover:bg-primary-50"
            >
              {t('privacy.exportLink')}
            </a>
          </div>
          <div>
            <h3 className="font-medium text-gray-900">{t('privacy.noticeTitle')}</h3>
            <p className="mt-1 text-sm text-gray-700">
              {consentDate && me.privacyConsentVersion
                ? t('privacy.consentRecord', { date: consentDate, version: me.privacyConsentVersion })
                : t('privacy.noConsentRecord')}{' '}
              <Link href="/privacy" className="text-primary-700 underline">
                {t('privacy.noticeLink')}
              </Link>
            </p>
          </div>
          <div>
            <h3 className="font-medium text-gray-900">{t('privacy.deleteTitle')}</h3>
            <p className="mt-1 mb-3 text-sm text-gray-700">{t('privacy.deleteBody')}</p>
            <DeleteAccount />
          </div>
        </div>
      </Section>
    </main>
  );
}
