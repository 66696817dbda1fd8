import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../../../_lib/api';
import { criterionLabel } from '../../../../_components/bids/criterion-label';
import { amount, dateTime } from '../../../../_components/bids/format';
import { NeedContext } from '../../../../_components/bids/need-context';
import { RevisionView } from '../../../../_components/bids/revision-view';
import { orNotFound, orNull } from '../../../../_components/bids/server-calls';
import { BidStatusBadge } from '../../../../_components/bids/status-badge';
import { cardClass } from '../../../../_components/bids/styles';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('bids.detail'))('title') };
}

/**
 * One bid for its evaluators — the owner, invited reviewers who declared no conflict, the bureau after
 * bidding — at its current or an earlier submitted revision; for the owner with this bid's score summary.
 * Everyone else gets the 404 page (access.ts decides); the team itself reads its bid on its own page.
 */
export default async function BidDetailPage({ params, searchParams }: { params: Promise<{ id: string; bidId: string }>; searchParams: Promise<{ revision?: string }> }) {
  const [{ id, bidId }, query] = await Promise.all([params, searchParams]);
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/needs/${id}/bids/${bidId}`)}`);
  const api = await serverApi();
  const wanted = Number(query.revision);
  const revision = Number.isInteger(wanted) && wanted > 0 ? wanted : undefined;
  const bid = await orNotFound(api.bids.get({ bidId, revision }));
  if (bid.need.id !== id) notFound();
  if (bid.reader === 'team') redirect(revision ? `/needs/${id}/bid?revision=${revision}` : `/needs/${id}/bid`);
  const [t, need] = await Promise.all([getTranslations('bids'), orNotFound(api.needs.get({ id }))]);
  const summary = bid.reader === 'owner' || bid.reader === 'bureau' ? await orNull(api.reviews.summary({ needId: id })) : null;
  const scores = summary && !summary.sealed ? summary.items.find((b) => b.id === bid.id) : undefined;
  const back = bid.reader === 'reviewer' ? { href: `/needs/${id}/review`, label: t('detail.backReview') } : { href: `/needs/${id}/bids`, label: t('detail.back') };
  const label = (c: { key: string; label?: string; weight: number }) => criterionLabel(c, (k) => t(k), (k) => t.has(k));

  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <NeedContext need={need} section={t('detail.title')} />
      <p className="mb-4 text-sm">
        <Link href={back.href} className="text-primary-700 underline">
          ← {back.label}
        </Link>
      </p>

      <section aria-labelledby="bid-head" className={`${cardClass} mb-4 space-y-2`}>
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="bid-head" className="text-lg font-semibold text-gray-900">
            {bid.team.name}
          </h2>
          <BidStatusBadge status={bid.status} label={t(`status.${bid.status}`)} mark={t(`statusMark.${bid.status}`)} />
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm text-gray-700 sm:grid-cols-2">
          {bid.team.hostInstitution ? (
            <div className="flex gap-2">
              <dt>{t('detail.host')}</dt>
              <dd className="text-gray-900">{bid.team.hostInstitution}</dd>
            </div>
          ) : null}
          <div className="flex gap-2">
            <dt>{t('fields.price')}</dt>
            <dd className="font-medium text-gray-900 tabular-nums">{t('amount', { amount: amount(bid.revision.price) })}</dd>
          </div>
          <div className="flex gap-2">
            <dt>{t('detail.submittedAt')}</dt>
            <dd className="tabular-nums">{dateTime(bid.revision.submittedAt ?? bid.submittedAt)}</dd>
          </div>
          <div className="flex gap-2">
            <dt>{t('revisions')}</dt>
            <dd className="flex flex-wrap gap-2">
              {bid.revisions.map((r) => (
                <Link
                  key={r.number}
                  href={r.current ? `/needs/${id}/bids/${bidId}` : `/needs/${id}/bids/${bidId}?revision=${r.number}`}
                  aria-current={r.number === bid.revision.number ? 'page' : undefined}
                  className={r.number === bid.revision.number ? 'font-medium text-gray-900' : 'text-primary-700 underline'}
                >
                  {t('revision', { number: r.number })}
                </Link>
              ))}
            </dd>
          </div>
        </dl>
        {bid.feedback ? (
          <p className="text-sm text-gray-700">{t('owner.feedbackShort', { code: t(`feedback.codes.${bid.feedback.code}`), text: bid.feedback.text })}</p>
        ) : null}
      </section>

      {scores && summary && !summary.sealed ? (
        <section aria-labelledby="bid-scores" className={`${cardClass} mb-4`}>
          <h2 id="bid-scores" className="mb-2 text-lg font-semibold text-gray-900">
            {t('detail.scoresTitle')}
          </h2>
          <p className="mb-2 text-sm text-gray-600">{t('review.reviewCount', { count: scores.reviewCount })}</p>
          <dl className="grid gap-2 sm:grid-cols-3">
            {summary.rubric.map((c) => {
              const s = scores.criteria[c.key] ?? null;
              return (
                <div key={c.key} className="rounded-md bg-gray-50 p-2">
                  <dt className="text-xs text-gray-700">{t('owner.criterion', { label: label(c), weight: c.weight })}</dt>
                  <dd className="tabular-nums">
                    {s ? (
                      <>
                        <span className="font-semibold text-gray-900">{s.mean.toFixed(1)}</span>{' '}
                        <span className="text-xs text-gray-600">{t('owner.spread', { min: s.min, max: s.max, stddev: s.stddev.toFixed(1) })}</span>
                      </>
                    ) : (
                      <span className="text-xs text-gray-600">{t('owner.noScores')}</span>
                    )}
                  </dd>
                </div>
              );
            })}
            <div className="rounded-md bg-primary-50 p-2">
              <dt className="text-xs text-gray-700">{t('owner.total')}</dt>
              <dd className="tabular-nums">
                {scores.total ? (
                  <>
                    <span className="font-semibold text-gray-900">{scores.total.mean.toFixed(1)}</span>{' '}
                    <span className="text-xs text-gray-600">
                      {t('owner.spread', { min: scores.total.min, max: scores.total.max, stddev: scores.total.stddev.toFixed(1) })}
                    </span>
                  </>
                ) : (
                  <span className="text-xs text-gray-600">{t('owner.noScores')}</span>
                )}
              </dd>
            </div>
          </dl>
        </section>
      ) : null}

      <RevisionView revision={bid.revision} />
    </main>
  );
}
