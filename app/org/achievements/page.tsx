import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ACHIEVEMENT_KINDS } from '@/server/orgs/inputs';
import { currentActor, serverApi } from '../../_lib/api';
import { ConfirmAction } from '../_components/confirm';
import { ActionNotice } from '../_components/notice';
import { deleteAchievementAction } from '../actions';
import { AchievementForm } from './achievement-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('org.achievements'))('title') };
}

/** 成果 of the research team: any member adds and edits them (matching reads them). */
export default async function AchievementsPage({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const actor = await currentActor();
  if (actor?.org?.kind !== 'research_team') redirect('/org');
  const [t, tOrg, params, list] = await Promise.all([
    getTranslations('org.achievements'),
    getTranslations('org'),
    searchParams,
    (await serverApi()).orgs.achievements.list(),
  ]);
  const kinds = [...ACHIEVEMENT_KINDS];

  return (
    <div className="space-y-6">
      <ActionNotice ok={params.ok} error={params.error} />
      <section aria-labelledby="new-achievement" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        <h2 id="new-achievement" className="text-lg font-semibold text-gray-900">
          {t('add')}
        </h2>
        <p className="mt-1 mb-4 text-sm text-gray-600">{t('lead')}</p>
        <AchievementForm kinds={kinds} />
      </section>

      <section aria-labelledby="achievement-list">
        <h2 id="achievement-list" className="mb-3 text-lg font-semibold text-gray-900">
          {t('listTitle', { count: list.length })}
        </h2>
        {list.length === 0 ? (
          <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-600">{t('empty')}</p>
        ) : (
          <ul className="space-y-3">
            {list.map((a) => (
              <li key={a.id} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="text-sm text-gray-600">
                      <span className="rounded bg-gray-100 px-1.5 py-0.5 text-gray-800">{t(`kinds.${a.kind}`)}</span>
                      {a.year ? <span className="ml-2">{a.year}</span> : null}
                    </p>
                    <h3 className="mt-1 font-medium text-gray-900">{a.title}</h3>
                    {a.abstract ? <p className="mt-1 line-clamp-3 text-sm text-gray-700">{a.abstract}</p> : null}
                    {a.keywords.length > 0 ? <p className="mt-1 text-sm text-gray-600">{t('keywordsLine', { keywords: a.keywords.join(tOrg('listSeparator')) })}</p> : null}
                  </div>
                  <ConfirmAction
                    label={t('delete')}
                    warning={t('deleteWarning', { title: a.title })}
                    confirmLabel={t('deleteConfirm')}
                    action={deleteAchievementAction}
                    hidden={{ id: a.id }}
                  />
                </div>
                <details className="mt-3">
                  <summary className="cursor-pointer text-sm text-primary-700">{t('edit')}</summary>
                  <div className="mt-3">
                    <AchievementForm
                      kinds={kinds}
                      initial={{ id: a.id, kind: a.kind, title: a.title, abstract: a.abstract, keywords: a.keywords.join(tOrg('inputSeparator')), year: a.year ? String(a.year) : '' }}
                    />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
