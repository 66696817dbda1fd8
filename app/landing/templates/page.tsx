import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../_lib/api';
import { TemplateEditor } from '../../_components/landing/template-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('landing.templates'))('title') };
}

/** 核查清单模板: the bureau edits each gate's checklist (a new version applies to gates not yet submitted). */
export default async function LandingTemplatesPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/landing/templates');
  if (actor.org?.kind !== 'bureau') redirect('/landing');
  const [t, tl, templates] = await Promise.all([getTranslations('landing.templates'), getTranslations('landing'), (await serverApi()).landing.templates()]);
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link href="/landing" className="text-primary-700 hover:underline">
          ← {tl('title')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold text-gray-900">{t('title')}</h1>
      <p className="mt-1 mb-5 text-sm text-gray-600">{t('lead')}</p>
      <div className="space-y-6">
        {templates.map((tpl) => (
          <TemplateEditor key={`${tpl.gate}-${tpl.version}`} gate={tpl.gate} version={tpl.version} items={tpl.items} />
        ))}
      </div>
    </main>
  );
}
