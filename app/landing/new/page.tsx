import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../_lib/api';
import { CreateProjectForm } from '../../_components/landing/create-project-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('landing.create'))('title') };
}

/** 新建落地项目: the incubator registers a project in one of its enclaves. */
export default async function NewLandingProjectPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/landing/new');
  if (actor.org?.kind !== 'incubator') redirect('/landing');
  const [t, enclaves] = await Promise.all([getTranslations('landing.create'), (await serverApi()).landing.enclaves()]);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <p className="text-sm">
        <Link href="/landing" className="text-primary-700 hover:underline">
          ← {t('back')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold text-gray-900">{t('title')}</h1>
      <p className="mt-1 mb-5 text-sm text-gray-600">{t('lead')}</p>
      {enclaves.length === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-700">
          <p>{t('noEnclave')}</p>
          <Link href="/org" className="mt-4 inline-block rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700">
            {t('manageEnclaves')}
          </Link>
        </div>
      ) : (
        <CreateProjectForm enclaves={enclaves} />
      )}
    </main>
  );
}
