import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../../_lib/api';
import { orNotFound } from '../../../_components/bids/server-calls';
import { draftValues, formContext } from '../../../_components/needs/form-page';
import { NeedForm } from '../../../_components/needs/need-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('needs'))('form.editTitle') };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Editing one of the organisation's drafts; anyone else's need (or a published one's content) is not editable here. */
export default async function EditNeedPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/needs/${id}/edit`)}`);
  if (!UUID.test(id)) notFound();
  const need = await orNotFound((await serverApi()).needs.get({ id }));
  if (need.view !== 'owner' || !actor.org) notFound();
  const t = await getTranslations('needs');
  if (need.status !== 'draft') {
    return (
      <main className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="text-2xl font-semibold text-gray-900">{need.title}</h1>
        <p className="mt-4 rounded-md border border-gray-200 bg-white p-4 text-gray-800">{t('form.notDraft')}</p>
        <Link href={`/needs/${id}`} className="mt-3 inline-block text-primary-700 underline">
          {t('form.view')}
        </Link>
      </main>
    );
  }
  const context = await formContext();
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:py-8">
      <h1 className="mb-4 text-2xl font-semibold text-gray-900">{t('form.editTitle')}</h1>
      <NeedForm
        needId={need.id}
        initial={draftValues(need)}
        files={need.attachments.map((a) => ({ id: a.id, name: a.name, size: a.size, confidential: a.confidential }))}
        categories={context.categories}
        orgKind={actor.org.kind}
        canPublish={actor.org.status === 'verified' && actor.org.role !== 'member'}
        pendingOrg={actor.org.status !== 'verified'}
        justSaved={saved === '1'}
      />
    </main>
  );
}
