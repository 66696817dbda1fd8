import { getTranslations } from 'next-intl/server';
import { serverApi } from '../../_lib/api';
import { NeedCard } from '../needs/need-card';

/**
 * 为你推荐 for a research team: the open needs its achievements and disciplines fit best — the need page's
 * ranking read from the team's side (server/matching/matches.ts `recommendedNeeds`), with the match score.
 */
export async function RecommendedNeeds({ limit = 4 }: { limit?: number }) {
  const [t, api] = await Promise.all([getTranslations('matching'), serverApi()]);
  const needs = await api.matching.recommendations({ limit });
  return (
    <section aria-labelledby="recommended-needs" className="mt-6">
      <h2 id="recommended-needs" className="text-base font-semibold text-gray-900">
        {t('recommendations')}
      </h2>
      <p className="mt-1 mb-3 text-xs text-gray-600">{t('recommendationsLead')}</p>
      {needs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-4 text-sm text-gray-700">{t('recommendationsEmpty')}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2">
          {needs.map((n) => (
            <li key={n.id}>
              <NeedCard need={n} extra={<span className="text-sm font-medium text-primary-800 tabular-nums">{t('score', { score: n.score })}</span>} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
