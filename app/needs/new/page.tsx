import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor } from '../../_lib/api';
import { EMPTY_DRAFT, formContext } from '../../_components/needs/form-page';
import { NeedForm } from '../../_components/needs/need-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('needs'))('form.newTitle') };
}

/** A new need draft (enterprises, incubators, the bureau; a pending organisation may draft but not publish). */
export default async function NewNeedPage() {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent('/needs/new')}`);
  const t = await getTranslations('needs');
  const org = actor.org;
  if (!org || org.kind === 'research_team') {
    return (
      <main className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="text-2xl font-semibold text-gray-900">{t('form.newTitle')}</h1>
        <p className="mt-4 rounded-md border border-gray-200 bg-white p-4 text-gray-800">{t('form.onlyPublishers')}</p>
      </main>
    );
  }
  const context = await formContext();
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:py-8">
      <h1 className="mb-4 text-2xl font-semibold text-gray-900">{t('form.newTitle')}</h1>
      <NeedForm
        needId={null}
        initial={{ ...EMPTY_DRAFT, mode: org.kind === 'bureau' ? 'jiebang' : 'open' }}
        files={[]}
        categories={context.categories}
        orgKind={org.kind}
        canPublish={org.status === 'verified' && org.role !== 'member'}
        pendingOrg={org.status !== 'verified'}
      />
    </main>
  );
}
