import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../../_lib/api';
import { CoiForm } from '../../../_components/bids/coi-form';
import { criterionLabel } from '../../../_components/bids/criterion-label';
import { amount, dateTime } from '../../../_components/bids/format';
import { NeedContext } from '../../../_components/bids/need-context';
import { ScoreForm } from '../../../_components/bids/score-form';
import { orNotFound, orNull } from '../../../_components/bids/server-calls';
import { BidStatusBadge } from '../../../_components/bids/status-badge';
import { cardClass } from '../../../_components/bids/styles';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('bids.reviewer'))('title') };
}

const notice = 'rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900';

/**
 * An invited reviewer's page for one need: the conflict-of-interest declaration first (no bid is shown
 * before it), then every bid in review with the reviewer's own score on the need's rubric. A reviewer
 * excluded by a conflict or by their organisation's bid sees why, and nothing of the bids.
 */
export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/needs/${id}/review`)}`);
  const api = await serverApi();
  const [t, invitations] = await Promise.all([getTranslations('bids'), orNull(api.reviews.mine())]);
  const invitation = invitations?.find((i) => i.need.id === id);
  if (!invitation) notFound();
  const need = await orNotFound(api.needs.get({ id }));
  const deadline = dateTime(invitation.need.bidDeadline);

  let body;
  if (invitation.standing === 'coiPending') {
    body = (
      <section aria-labelledby="coi" className={`${cardClass} space-y-3`}>
        <h2 id="coi" className="text-lg font-semibold text-gray-900">
          {t('reviewer.coiTitle')}
        </h2>
        <p className="text-gray-700">{t('reviewer.coiLead')}</p>
        <CoiForm invitationId={invitation.id} mode="first" />
      </section>
    );
  } else if (invitation.standing === 'conflict' || invitation.standing === 'bidder') {
    const reason = t(`reviewer.reasons.${invitation.standing}`);
    body = <p className={notice}>{t('reviewer.excluded', { reason })}</p>;
  } else if (invitation.standing === 'sealed') {
    body = (
      <div className="space-y-4">
        <p className={notice}>{t('reviewer.sealed', { deadline })}</p>
        <CoiForm invitationId={invitation.id} mode="later" />
      </div>
    );
  } else {
    const review = await orNotFound(api.reviews.bids({ needId: id }));
    const criteria = review.rubric.map((c) => ({ key: c.key, weight: c.weight, label: criterionLabel(c, (k) => t(k), (k) => t.has(k)) }));
    const items = review.sealed ? [] : review.items;
    const canScore = !review.sealed && review.canScore;
    body = (
      <div className="space-y-4">
        <p className="text-sm text-green-800">✓ {t('reviewer.declared')}</p>
        {canScore ? <p className="text-sm text-gray-700">{t('reviewer.rubricHint')}</p> : null}
        {!canScore && need.status === 'published' ? <p className={notice}>{t('reviewer.biddingOpen', { deadline })}</p> : null}
        {!canScore && need.status !== 'published' ? <p className={notice}>{t('reviewer.scoringClosed')}</p> : null}
        {items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-600">{t('reviewer.noBids')}</p>
        ) : (
          items.map((b) => (
            <article key={b.id} aria-labelledby={`bid-${b.id}`} className={`${cardClass} space-y-3`}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h2 id={`bid-${b.id}`} className="text-lg font-semibold text-gray-900">
                    {b.team.name}
                  </h2>
                  {b.team.hostInstitution ? <p className="text-sm text-gray-600">{b.team.hostInstitution}</p> : null}
                </div>
                <BidStatusBadge status={b.status} label={t(`status.${b.status}`)} mark={t(`statusMark.${b.status}`)} />
              </div>
              <p className="flex flex-wrap gap-x-4 text-sm text-gray-700">
                <span>
                  {t('fields.price')} <span className="font-medium text-gray-900 tabular-nums">{t('amount', { amount: amount(b.price) })}</span>
                </span>
                <span>{t('revision', { number: b.revision ?? 1 })}</span>
                <span>{b.myScore ? t('reviewer.myScore', { total: Number(b.myScore.total).toFixed(1) }) : t('reviewer.notScored')}</span>
                <span>{b.creditGrade !== null ? t('reviewer.credit', { grade: b.creditGrade, score: b.creditScore ?? 0 }) : t('reviewer.creditNone')}</span>
                <span>{b.matchScore !== null ? t('reviewer.match', { score: b.matchScore }) : t('reviewer.matchNone')}</span>
              </p>
              <Link href={`/needs/${id}/bids/${b.id}`} className="inline-block text-sm text-primary-700 underline">
                {t('reviewer.viewBid')}
                <span className="sr-only">：{b.team.name}</span>
              </Link>
              <ScoreForm
                bidId={b.id}
                criteria={criteria}
                initial={b.myScore ? { scores: b.myScore.scores, comment: b.myScore.comment } : null}
                disabled={!canScore || (b.status !== 'submitted' && b.status !== 'revised')}
              />
            </article>
          ))
        )}
        {canScore ? <CoiForm invitationId={invitation.id} mode="later" /> : null}
      </div>
    );
  }

  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <NeedContext need={need} section={t('reviewer.title')} />
      {body}
    </main>
  );
}
