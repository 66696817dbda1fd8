import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../_lib/api';
import { DisciplinesForm } from './disciplines-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('disciplines'))('title') };
}

/** A research team's 一级学科 from the national catalogue (names in the reader's language). */
export default async function DisciplinesPage() {
  const actor = await currentActor();
  if (actor?.org?.kind !== 'research_team') redirect('/org');
  const api = await serverApi();
  const [t, locale, catalogue, org] = await Promise.all([getTranslations('disciplines'), getLocale(), api.orgs.disciplineCatalogue(), api.orgs.mine()]);
  const en = locale === 'en';
  const categories = catalogue.map((c) => ({
    code: c.code,
    name: en ? c.nameEn : c.name,
    disciplines: c.disciplines.map((d) => ({ code: d.code, name: en ? d.nameEn : d.name })),
  }));
  const manager = actor.org.role !== 'member';
  const names = new Map(categories.flatMap((c) => c.disciplines.map((d) => [d.code, d.name] as const)));

  return (
    <section aria-labelledby="disciplines-heading" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h2 id="disciplines-heading" className="text-lg font-semibold text-gray-900">
        {t('title')}
      </h2>
      <p className="mt-1 mb-4 text-sm text-gray-600">{t('lead')}</p>
      {manager ? (
        <DisciplinesForm categories={categories} selected={org.disciplineCodes} />
      ) : org.disciplineCodes.length > 0 ? (
        <ul className="flex flex-wrap gap-2">
          {org.disciplineCodes.map((code) => (
            <li key={code} className="rounded-full bg-primary-50 px-3 py-1 text-sm text-primary-800">
              {code} {names.get(code)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-gray-600">{t('emptyMember')}</p>
      )}
    </section>
  );
}
