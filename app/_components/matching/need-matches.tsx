import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '../../_lib/api';
import { Marked } from '../needs/marked';
import { InviteButton } from './invite-button';

/** How many ranked teams the need page lists. */
const LISTED = 10;

/**
 * 智能匹配 on a need's page, for its owner (and the bureau): the ranked research teams with their match
 * score and 匹配理由 — the need's words found in the team's work (marked), its most similar achievements
 * or past projects, its disciplines, credit grade and current load — and 邀请投标 for each while the need
 * takes bids. Negative-listed and unverified teams are never listed (server/matching).
 */
export async function NeedMatches({ needId, canInvite, disciplineNames }: { needId: string; canInvite: boolean; disciplineNames: ReadonlyMap<string, string> }) {
  const [t, api] = await Promise.all([getTranslations('matching'), serverApi()]);
  const result = await api.matching.forNeed({ needId, limit: LISTED });
  const invited = new Set(result.invited);
  const percent = (p: number) => `${Math.round(p * 100)}%`;
  return (
    <section aria-labelledby="need-matches" className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="need-matches" className="text-base font-semibold text-gray-900">
        {t('title')}
      </h2>
      <p className="mt-1 text-xs text-gray-600">{t('intro')}</p>
      {result.disciplines.length > 0 ? (
        <p className="mt-2 text-sm text-gray-800">
          {t('inferredLine', { list: result.disciplines.map((d) => `${disciplineNames.get(d.code) ?? d.code} ${percent(d.probability)}`).join(t('separator')) })}
        </p>
      ) : null}
      {result.teams.length === 0 ? (
        <p className="mt-3 text-sm text-gray-600">{t('empty')}</p>
      ) : (
        <ol className="mt-3 divide-y divide-gray-100">
          {result.teams.map((team, i) => {
            const r = team.reasons;
            return (
              <li key={team.orgId} className="py-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="font-medium break-words text-gray-900">
                      <span className="mr-1 text-gray-600 tabular-nums">{i + 1}.</span>
                      <Link href={`/orgs/${team.orgId}`} className="text-primary-700 underline">
                        {team.name}
                      </Link>
                    </h3>
                    {team.hostInstitution ? <p className="text-xs text-gray-600">{team.hostInstitution}</p> : null}
                  </div>
                  <div className="flex shrink-0 items-center gap-2" aria-label={t('score', { score: team.score })}>
                    <span className="h-2 w-20 overflow-hidden rounded-full bg-gray-100" aria-hidden="true">
                      <span className="block h-full rounded-full bg-primary-600" style={{ width: `${team.score}%` }} />
                    </span>
                    <span className="text-sm font-semibold text-gray-900 tabular-nums">{t('score', { score: team.score })}</span>
                  </div>
                </div>
                {r ? (
                  <div className="mt-2 rounded-md bg-gray-50 p-3 text-sm">
                    <p className="mb-1 text-xs font-semibold text-gray-700">{t('reasons')}</p>
                    <dl className="space-y-1.5">
                      {r.sharedTerms.length > 0 ? (
                        <div className="flex flex-wrap gap-x-2 gap-y-1">
                          <dt className="text-gray-600">{t('sharedTerms')}</dt>
                          <dd className="flex flex-wrap gap-1">
                            {r.sharedTerms.map((term) => (
                              <mark key={term} className="rounded-sm bg-amber-100 px-1 text-gray-900">
                                {term}
                              </mark>
                            ))}
                          </dd>
                        </div>
                      ) : null}
                      {r.similarWork.length > 0 ? (
                        <div>
                          <dt className="text-gray-600">{t('similarWork')}</dt>
                          <dd>
                            <ul className="list-disc pl-5 text-gray-900">
                              {r.similarWork.map((w) => (
                                <li key={w.id} className="break-words">
                                  {w.kind === 'contract' ? <span className="mr-1 text-xs text-gray-600">{t('similarContract')}</span> : null}
                                  <Marked segments={w.marks} />
                                </li>
                              ))}
                            </ul>
                          </dd>
                        </div>
                      ) : null}
                    </dl>
                    <p className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-gray-800">
                      {r.disciplines.length > 0 ? (
                        <span>{t('disciplineLine', { list: r.disciplines.map((d) => disciplineNames.get(d.code) ?? d.code).join(t('separator')) })}</span>
                      ) : null}
                      <Link href={`/credit/${team.orgId}`} className="text-primary-700 underline">
                        {r.creditGrade ? t('creditGrade', { grade: r.creditGrade }) : t('creditNone')}
                      </Link>
                      <span>{t('load', { count: r.activeContracts })}</span>
                      {r.sameCity ? <span>{t('sameCity')}</span> : null}
                    </p>
                  </div>
                ) : null}
                {canInvite ? (
                  <div className="mt-2">
                    <InviteButton needId={needId} teamOrgId={team.orgId} teamName={team.name} invited={invited.has(team.orgId)} />
                  </div>
                ) : invited.has(team.orgId) ? (
                  <span className="mt-2 inline-flex rounded-md bg-green-50 px-2.5 py-1 text-sm text-green-800">{t('invited')}</span>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
