import { getTranslations } from 'next-intl/server';
import { amount, fileSize } from './format';
import { Markdown } from '../markdown/markdown';
import type { BidView } from './types';

/**
 * One revision of a bid as its readers see it (team, owner, reviewers, bureau): approach, milestones with
 * their amounts adding up to the price, team members, cited achievements and attachments.
 */
export async function RevisionView({ revision }: { revision: BidView['revision'] }) {
  const [t, tDetail, tBids] = await Promise.all([getTranslations('bids.fields'), getTranslations('bids.detail'), getTranslations('bids')]);
  const section = 'rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6';
  return (
    <div className="space-y-4">
      <section aria-labelledby="rv-approach" className={section}>
        <h2 id="rv-approach" className="mb-3 text-lg font-semibold text-gray-900">
          {t('approach')}
        </h2>
        <Markdown source={revision.approach} />
      </section>

      <section aria-labelledby="rv-milestones" className={section}>
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="rv-milestones" className="text-lg font-semibold text-gray-900">
            {t('milestones')}
          </h2>
          <p className="text-sm text-gray-700">
            {t('price')} <span className="text-base font-semibold text-gray-900 tabular-nums">{tBids('amount', { amount: amount(revision.price) })}</span>
          </p>
        </div>
        {revision.milestones.length === 0 ? (
          <p className="text-sm text-gray-600">{tDetail('noMilestones')}</p>
        ) : (
          <ol className="divide-y divide-gray-100">
            {revision.milestones.map((m, i) => (
              <li key={i} className="grid gap-1 py-2 sm:grid-cols-[2.5rem_1fr_7rem_8rem] sm:items-baseline sm:gap-3">
                <span className="text-sm text-gray-500">{i + 1}.</span>
                <span className="text-gray-900">{m.deliverable}</span>
                <span className="text-sm text-gray-700 tabular-nums">
                  <span className="sr-only">{t('dueDate')} </span>
                  {m.dueDate}
                </span>
                <span className="font-medium text-gray-900 tabular-nums sm:text-right">{tBids('amount', { amount: amount(m.amount) })}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="rv-team" className={section}>
          <h2 id="rv-team" className="mb-3 text-lg font-semibold text-gray-900">
            {t('teamMembers')}
          </h2>
          {revision.teamMembers.length === 0 ? (
            <p className="text-sm text-gray-600">{tDetail('noMembers')}</p>
          ) : (
            <ul className="space-y-1">
              {revision.teamMembers.map((m, i) => (
                <li key={i}>
                  <span className="font-medium text-gray-900">{m.name}</span>
                  {m.role ? <span className="text-gray-600"> · {m.role}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="rv-achievements" className={section}>
          <h2 id="rv-achievements" className="mb-3 text-lg font-semibold text-gray-900">
            {t('achievements')}
          </h2>
          {revision.achievements.length === 0 ? (
            <p className="text-sm text-gray-600">{tDetail('noAchievements')}</p>
          ) : (
            <ul className="space-y-1">
              {revision.achievements.map((a) => (
                <li key={a.id}>
                  <span className="mr-1 rounded bg-gray-100 px-1.5 text-sm text-gray-800">{tDetail(`achievementKinds.${a.kind}`)}</span>
                  {a.title}
                  {a.year ? <span className="text-gray-600"> · {a.year}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="rv-files" className={section}>
        <h2 id="rv-files" className="mb-3 text-lg font-semibold text-gray-900">
          {t('attachments')}
        </h2>
        {revision.attachments.length === 0 ? (
          <p className="text-sm text-gray-600">{tDetail('noAttachments')}</p>
        ) : (
          <ul className="space-y-1">
            {revision.attachments.map((f) => (
              <li key={f.id} className="flex flex-wrap gap-x-2">
                <a href={`/api/files/${f.id}`} className="break-all text-primary-700 underline" aria-label={tDetail('download', { name: f.name })}>
                  {f.name}
                </a>
                <span className="text-sm text-gray-600">{fileSize(f.size)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
