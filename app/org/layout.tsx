import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { currentActor, serverApi } from '../_lib/api';
import { StatusBadge } from './_components/status-badge';
import { OrgTabs } from './_components/tabs';

/** My organisation: its name and verification status on every section, and the sections its kind has. */
export default async function OrgLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/org');
  // Without an organisation the page itself explains what to do next.
  if (!actor.org) return <main className="mx-auto max-w-4xl px-4 py-8">{children}</main>;

  const [t, org] = await Promise.all([getTranslations('org'), (await serverApi()).orgs.mine()]);
  const tabs = [{ href: '/org', label: t('tabs.profile') }];
  if (org.kind === 'research_team') {
    tabs.push({ href: '/org/disciplines', label: t('tabs.disciplines') }, { href: '/org/achievements', label: t('tabs.achievements') });
  }
  if (org.kind === 'incubator') tabs.push({ href: '/org/enclaves', label: t('tabs.enclaves') });
  tabs.push({ href: '/org/members', label: t('tabs.members') });

  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <div className="mb-6 border-b border-gray-200">
        <p className="text-sm text-gray-600">{t(`kinds.${org.kind}`)}</p>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold text-gray-900">{org.name}</h1>
          <StatusBadge status={org.status} />
          <Link href={`/orgs/${org.id}`} className="text-sm text-primary-700 hover:underline">
            {t('publicPageLink')}
          </Link>
        </div>
        <div className="mt-4">
          <OrgTabs tabs={tabs} label={t('tabs.label')} />
        </div>
      </div>
      {children}
    </main>
  );
}
