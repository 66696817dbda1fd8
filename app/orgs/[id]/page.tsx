import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { INDUSTRY_FIELDS } from '@/server/accounts/inputs';
import { serverApi } from '../../_lib/api';
import { StatusBadge } from '../../org/_components/status-badge';
import { FlagBadge, GradeBadge } from '../../_components/credit/grade-badge';
import Link from 'next/link';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The profile, or null when it does not exist or is not public (one answer for both). */
const loadProfile = cache(async (id: string) => {
  if (!UUID.test(id)) return null;
  const api = await serverApi();
  try {
    return await api.orgs.publicProfile({ id });
  } catch (error) {
    if ((error as { code?: string }).code === 'NOT_FOUND') return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const profile = await loadProfile((await params).id);
  return { title: profile?.name ?? (await getTranslations('org.public'))('notFound') };
}

/** Public organisation profile: what anyone may know — never credit code, people or review notes. */
export default async function PublicOrgPage({ params }: { params: Promise<{ id: string }> }) {
  const profile = await loadProfile((await params).id);
  if (!profile) notFound();
  const api = await serverApi();
  const [t, tf, locale, catalogue, tc, credit] = await Promise.all([
    getTranslations('org'),
    getTranslations('auth.industryFields'),
    getLocale(),
    profile.disciplineCodes.length > 0 ? api.orgs.disciplineCatalogue() : Promise.resolve([]),
    getTranslations('credit'),
    profile.kind === 'bureau' ? Promise.resolve(null) : api.credit.grades({ orgIds: [profile.id] }).then((g) => g[0] ?? null),
  ]);
  const en = locale === 'en';
  const disciplineName = new Map(catalogue.flatMap((c) => c.disciplines.map((d) => [d.code, en ? d.nameEn : d.name] as const)));
  const field = profile.industryField && (INDUSTRY_FIELDS as readonly string[]).includes(profile.industryField) ? tf(profile.industryField) : null;

  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <article className="space-y-6">
        <header className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
          <p className="text-sm text-gray-600">{t(`kinds.${profile.kind}`)}</p>
          <div className="mt-1 flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold text-gray-900">{profile.name}</h1>
            <StatusBadge status={profile.status} />
          </div>
          {credit ? (
            <p className="mt-3 flex flex-wrap items-center gap-2 text-sm">
              <Link href={`/credit/${profile.id}`} className="inline-flex items-center gap-2 text-primary-700 hover:underline">
                <GradeBadge grade={credit.grade} label={tc(`grades.${credit.grade}`)} />
                {tc('title')}
              </Link>
              {credit.excluded ? <FlagBadge tone="danger" label={tc('flags.excluded')} hint={tc('flags.excludedHint')} /> : null}
            </p>
          ) : null}
          <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
            {profile.hostInstitution ? (
              <>
                <dt className="text-gray-600">{t('profile.hostInstitution')}</dt>
                <dd className="text-gray-900">{profile.hostInstitution}</dd>
              </>
            ) : null}
            {profile.city ? (
              <>
                <dt className="text-gray-600">{t('profile.city')}</dt>
                <dd className="text-gray-900">{profile.city}</dd>
              </>
            ) : null}
            {field ? (
              <>
                <dt className="text-gray-600">{t('profile.industryField')}</dt>
                <dd className="text-gray-900">{field}</dd>
              </>
            ) : null}
            {profile.website ? (
              <>
                <dt className="text-gray-600">{t('profile.website')}</dt>
                <dd className="break-all">
                  <a href={profile.website} rel="noopener noreferrer nofollow" target="_blank" className="text-primary-700 hover:underline">
                    {profile.website}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
          {profile.description ? <p className="mt-4 whitespace-pre-line text-gray-800">{profile.description}</p> : null}
          {profile.keywords.length > 0 ? (
            <ul aria-label={t('profile.keywords')} className="mt-4 flex flex-wrap gap-2">
              {profile.keywords.map((k) => (
                <li key={k} className="rounded-full bg-gray-100 px-3 py-1 text-sm text-gray-800">
                  {k}
                </li>
              ))}
            </ul>
          ) : null}
        </header>

        {profile.kind === 'research_team' ? (
          <>
            <section aria-labelledby="pub-disciplines" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
              <h2 id="pub-disciplines" className="mb-3 text-lg font-semibold text-gray-900">
                {t('public.disciplines')}
              </h2>
              {profile.disciplineCodes.length === 0 ? (
                <p className="text-gray-600">{t('public.noDisciplines')}</p>
              ) : (
                <ul className="flex flex-wrap gap-2">
                  {profile.disciplineCodes.map((code) => (
                    <li key={code} className="rounded-full bg-primary-50 px-3 py-1 text-sm text-primary-800">
                      {disciplineName.get(code) ?? code}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="pub-achievements" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
              <h2 id="pub-achievements" className="mb-3 text-lg font-semibold text-gray-900">
                {t('public.achievements', { count: profile.achievements.length })}
              </h2>
              {profile.achievements.length === 0 ? (
                <p className="text-gray-600">{t('public.noAchievements')}</p>
              ) : (
                <ul className="divide-y divide-gray-200">
                  {profile.achievements.map((a) => (
                    <li key={a.id} className="py-3">
                      <p className="text-sm text-gray-600">
                        <span className="rounded bg-gray-100 px-1.5 py-0.5 text-gray-800">{t(`achievements.kinds.${a.kind}`)}</span>
                        {a.year ? <span className="ml-2">{a.year}</span> : null}
                      </p>
                      <h3 className="mt-1 font-medium text-gray-900">{a.title}</h3>
                      {a.abstract ? <p className="mt-1 text-sm leading-relaxed text-gray-700">{a.abstract}</p> : null}
                      {a.keywords.length > 0 ? <p className="mt-1 text-sm text-gray-600">{t('achievements.keywordsLine', { keywords: a.keywords.join(t('listSeparator')) })}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        ) : null}

        {profile.kind === 'incubator' ? (
          <section aria-labelledby="pub-enclaves" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
            <h2 id="pub-enclaves" className="mb-3 text-lg font-semibold text-gray-900">
              {t('public.enclaves')}
            </h2>
            {profile.enclaves.length === 0 ? (
              <p className="text-gray-600">{t('public.noEnclaves')}</p>
            ) : (
              <ul className="grid gap-2 sm:grid-cols-2">
                {profile.enclaves.map((e) => (
                  <li key={e.id} className="rounded-md border border-gray-200 px-3 py-2">
                    <span className="font-medium text-gray-900">{e.name}</span>
                    <span className="ml-2 text-sm text-gray-600">{e.city}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
      </article>
    </main>
  );
}
