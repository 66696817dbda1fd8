import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FEEDBACK_CODES } from '@/server/reviews/inputs';
import { currentActor, serverApi } from '../../../_lib/api';
import { AwardForm } from '../../../_components/bids/award-form';
import { EvaluationTable } from '../../../_components/bids/evaluation-table';
import { amount, dateTime } from '../../../_components/bids/format';
import { NeedContext } from '../../../_components/bids/need-context';
import { ReviewerList } from '../../../_components/bids/reviewer-list';
import { orNotFound, orNull } from '../../../_components/bids/server-calls';
import { StartEvaluationButton } from '../../../_components/bids/start-evaluation';
import { cardClass } from '../../../_components/bids/styles';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('bids.owner'))('title') };
}

/**
 * The owner's (and, once bidding is over, the bureau's) view of a need's bids: sealed until a 揭榜挂帅
 * deadline (not even a count), then the evaluation table with reviewers' averages and spread, the award
 * with coded feedback for every other bid, the award's result with its contracts, and the reviewers.
 */
export default async function NeedBidsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/needs/${id}/bids`)}`);
  const api = await serverApi();
  const [t, need] = await Promise.all([getTranslations('bids'), orNotFound(api.needs.get({ id }))]);
  const list = await orNotFound(api.bids.listForNeed({ needId: id }));
  const isOwner = need.view === 'owner';
  const [summary, reviewers, contracts] = await Promise.all([
    list.sealed ? null : api.reviews.summary({ needId: id }),
    isOwner ? orNull(api.reviews.reviewers({ needId: id })) : null,
    need.status === 'awarded' || need.status === 'completed' ? orNull(api.contracts.ofNeed({ needId: id })) : null,
  ]);
  const manager = isOwner && actor.org?.status === 'verified' && actor.org.role !== 'member';
  const items = summary && !summary.sealed ? summary.items : [];
  const deciding = need.status === 'closed' || need.status === 'evaluating';
  const reviewOpen = need.status === 'published' || deciding;

  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <NeedContext need={need} section={t('owner.title')} />
      <div className="space-y-6">
        {list.sealed ? (
          <section aria-labelledby="sealed" className="rounded-lg border border-amber-200 bg-amber-50 p-4 sm:p-6">
            <h2 id="sealed" className="flex items-center gap-2 font-semibold text-amber-900">
              <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
                <path d="M10 1a5 5 0 0 0-5 5v3H4a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-8a1 1 0 0 0-1-1h-1V6a5 5 0 0 0-5-5Zm-3 8V6a3 3 0 1 1 6 0v3H7Z" />
              </svg>
              {t('owner.sealedTitle')}
            </h2>
            <p className="mt-1 text-sm text-amber-900">
              {need.mode === 'jiebang' ? t('sealed', { deadline: dateTime(list.sealedUntil) }) : t('owner.sealedUntil', { deadline: dateTime(list.sealedUntil) })}
            </p>
          </section>
        ) : (
          <section aria-labelledby="evaluation" className="space-y-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="evaluation" className="text-lg font-semibold text-gray-900">
                {need.status === 'published' ? t('owner.receivedTitle') : t('owner.evaluationTitle')}
              </h2>
              <p className="text-sm text-gray-700">{t('owner.received', { count: items.length })}</p>
            </div>
            {need.status === 'published' ? <p className="text-sm text-gray-700">{t('owner.publishedHint', { deadline: dateTime(need.bidDeadline) })}</p> : null}
            {need.status === 'closed' ? (
              <div className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-blue-200 bg-blue-50 p-3">
                <p className="max-w-2xl text-sm text-blue-900">{t('owner.closedHint')}</p>
                {manager ? <StartEvaluationButton needId={id} /> : null}
              </div>
            ) : null}
            {items.length === 0 ? (
              <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-600">
                {need.status === 'published' ? t('owner.noBids') : t('owner.noBidsClosed')}
              </p>
            ) : summary && !summary.sealed ? (
              <>
                <p className="text-sm text-gray-600">{t('owner.evaluationLead', { invited: summary.reviewers.invited, counting: summary.reviewers.counting })}</p>
                <EvaluationTable summary={summary} needId={id} />
              </>
            ) : null}
          </section>
        )}

        {manager && deciding && items.length > 0 ? (
          <section aria-labelledby="award" className={`${cardClass} space-y-3`}>
            <h2 id="award" className="text-lg font-semibold text-gray-900">
              {t('owner.award.title')}
            </h2>
            <p className="text-sm text-gray-700">{t('owner.award.lead')}</p>
            <AwardForm
              needId={id}
              horseRace={need.mode === 'horse_race'}
              maxWinners={need.awardCount}
              codes={FEEDBACK_CODES}
              bids={[...items]
                .sort((a, b) => (b.total?.mean ?? -1) - (a.total?.mean ?? -1))
                .map((b) => ({ id: b.id, team: b.team.name, price: amount(b.price), total: b.total ? b.total.mean.toFixed(1) : null, feedback: b.feedback }))}
            />
          </section>
        ) : null}

        {contracts && contracts.length > 0 ? (
          <section aria-labelledby="result" className={cardClass}>
            <h2 id="result" className="mb-3 text-lg font-semibold text-gray-900">
              {t('owner.result.title')}
            </h2>
            <ul className="divide-y divide-gray-100">
              {contracts.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <span className="mr-2 rounded-full border border-green-300 bg-green-50 px-2 py-0.5 text-xs font-medium text-green-900">✓ {t('owner.result.awarded')}</span>
                    <span className="font-medium text-gray-900">{c.provider.name}</span>
                    <span className="ml-2 text-sm text-gray-700 tabular-nums">{t('amount', { amount: amount(c.value) })}</span>
                  </span>
                  <Link href={`/contracts/${c.id}`} className="text-sm text-primary-700 underline">
                    {t('owner.result.contract')}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {isOwner && reviewers ? <ReviewerList needId={id} reviewers={reviewers} canManage={manager} open={reviewOpen} /> : null}
      </div>
    </main>
  );
}
