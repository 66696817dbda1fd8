import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { MAX_ATTACHMENTS, MAX_MILESTONES } from '@/server/bids/inputs';
import { currentActor, serverApi } from '../../../_lib/api';
import { BidActions } from '../../../_components/bids/bid-actions';
import { BidForm } from '../../../_components/bids/bid-form';
import { amount, dateTime, localDatePlus } from '../../../_components/bids/format';
import { NeedContext } from '../../../_components/bids/need-context';
import { RevisionView } from '../../../_components/bids/revision-view';
import { orNotFound } from '../../../_components/bids/server-calls';
import { BidStatusBadge } from '../../../_components/bids/status-badge';
import { cardClass } from '../../../_components/bids/styles';
import { AskOwnerButton } from '../../../_components/needs/ask-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('bids.teamPage'))('title') };
}

const notice = (tone: 'info' | 'warn' | 'ok') =>
  `rounded-md border px-3 py-2 text-sm ${tone === 'warn' ? 'border-amber-200 bg-amber-50 text-amber-900' : tone === 'ok' ? 'border-green-200 bg-green-50 text-green-900' : 'border-blue-200 bg-blue-50 text-blue-900'}`;

/**
 * The research team's bid on one need: status and what it may do now, the bid form (new, draft, revision,
 * withdrawn bid entered again), withdraw/discard behind a confirmation, the owner's feedback once the
 * award is made, and every revision kept.
 */
export default async function TeamBidPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ revision?: string }> }) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/needs/${id}/bid`)}`);
  const api = await serverApi();
  const [t, tNeeds, tErrors, need] = await Promise.all([getTranslations('bids'), getTranslations('needs'), getTranslations('errors'), orNotFound(api.needs.get({ id }))]);

  if (actor.org?.kind !== 'research_team' || need.view === 'owner') {
    return (
      <main className="mx-auto max-w-4xl px-4 py-8">
        <NeedContext need={need} section={t('teamPage.title')} />
        <p className={notice('info')}>{t('teamPage.onlyTeams')}</p>
      </main>
    );
  }

  const [mine, achievements] = await Promise.all([orNotFound(api.bids.mineOnNeed({ needId: id })), api.orgs.achievements.list()]);
  const bid = mine.bid;
  const wanted = Number(query.revision);
  const viewing =
    bid && Number.isInteger(wanted) && wanted > 0 && wanted !== bid.revision.number ? await orNotFound(api.bids.get({ bidId: bid.id, revision: wanted })) : null;

  const events = mine.events;
  const can = {
    submit: events.includes('submit'),
    revise: events.includes('revise'),
    // Editing a draft in place is the same right as starting one (the table has no draft → draft event).
    draft: events.includes('draft') || (bid?.status === 'draft' && mine.biddingOpen),
  };
  // A team that may not bid is told why (above) instead of being shown a form it cannot send.
  const eligible = !mine.eligibility.excluded && mine.eligibility.failed.length === 0;
  const showForm = eligible && (can.submit || can.revise || can.draft);
  const status = bid?.status ?? 'none';
  const formTitle = status === 'none' ? 'new' : status === 'draft' ? 'draft' : status === 'withdrawn' ? 'resubmit' : 'revise';
  const isManager = actor.org.role !== 'member';
  const contract =
    bid?.status === 'awarded' ? ((await api.contracts.list({ limit: 100 })).items.find((c) => c.needId === id) ?? null) : null;

  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <NeedContext need={need} section={t('teamPage.title')} />

      {bid ? (
        <section aria-labelledby="bid-status" className={`${cardClass} mb-6 space-y-3`}>
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="bid-status" className="text-lg font-semibold text-gray-900">
              {t('teamPage.statusTitle')}
            </h2>
            <BidStatusBadge status={bid.status} label={t(`status.${bid.status}`)} mark={t(`statusMark.${bid.status}`)} />
            <span className="text-sm text-gray-700">
              {t('teamPage.statusLine', { number: bid.revision.number, at: dateTime(bid.updatedAt) })} · {t('fields.price')} {t('amount', { amount: amount(bid.revision.price) })}
            </span>
          </div>
          {bid.status === 'submitted' || bid.status === 'revised' ? (
            <p className="text-sm text-gray-700">{mine.biddingOpen ? t('teamPage.submittedHint') : t('teamPage.biddingClosedHint')}</p>
          ) : null}
          {bid.status === 'withdrawn' ? <p className="text-sm text-gray-700">{t('teamPage.withdrawn')}</p> : null}
          {bid.status === 'need_cancelled' ? <p className="text-sm text-gray-700">{t('teamPage.needCancelled')}</p> : null}
          {bid.status === 'awarded' ? (
            <p className={notice('ok')}>
              {t('teamPage.awarded')}{' '}
              <Link href={contract ? `/contracts/${contract.id}` : '/contracts'} className="font-medium underline">
                {t('teamPage.contractLink')}
              </Link>
            </p>
          ) : null}
          {bid.status === 'not_awarded' ? (
            <div className={notice('warn')}>
              <p>{t('teamPage.notAwarded')}</p>
              {bid.feedback ? (
                <dl className="mt-2 space-y-1">
                  <div className="flex gap-2">
                    <dt className="font-medium">{t('owner.award.reason')}</dt>
                    <dd>{t(`feedback.codes.${bid.feedback.code}`)}</dd>
                  </div>
                  <div className="flex gap-2">
                    <dt className="shrink-0 font-medium">{t('owner.award.sentence')}</dt>
                    <dd>{bid.feedback.text}</dd>
                  </div>
                </dl>
              ) : null}
            </div>
          ) : null}
          <BidActions bidId={bid.id} withdraw={events.includes('withdraw')} discard={events.includes('discard')} />
          {/* 答疑 from the bid too: the team's private thread with the need's owner (never seen by other bidders). */}
          <AskOwnerButton needId={id} />
        </section>
      ) : null}

      {!bid && !mine.biddingOpen ? <p className={`${notice('info')} mb-6`}>{t('teamPage.closedNoBid')}</p> : null}
      {mine.biddingOpen && mine.eligibility.excluded ? (
        <p role="alert" className={`${notice('warn')} mb-6`}>
          {tErrors('credit.excluded')}
        </p>
      ) : mine.biddingOpen && mine.eligibility.failed.length > 0 ? (
        <div role="alert" className={`${notice('warn')} mb-6`}>
          <p>{t('teamPage.notEligible')}</p>
          <ul className="mt-1 list-disc pl-5">
            {mine.eligibility.failed.map((r, i) => (
              <li key={`${r.kind}-${i}`}>
                {tNeeds.has(`eligibility.${r.kind}`)
                  ? tNeeds(`eligibility.${r.kind}`, { grade: typeof r.grade === 'string' ? r.grade : '', name: typeof r.name === 'string' ? r.name : '' })
                  : r.kind}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {viewing ? (
        <section aria-labelledby="viewing" className="mb-6 space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="viewing" className="text-lg font-semibold text-gray-900">
              {t('teamPage.viewing', { number: viewing.revision.number, at: dateTime(viewing.revision.submittedAt ?? viewing.revision.createdAt) })}
            </h2>
            <Link href={`/needs/${id}/bid`} className="text-sm text-primary-700 underline">
              {t('teamPage.viewCurrent')}
            </Link>
          </div>
          <RevisionView revision={viewing.revision} />
        </section>
      ) : showForm ? (
        <section aria-labelledby="bid-form" className="mb-6">
          <h2 id="bid-form" className="mb-3 text-lg font-semibold text-gray-900">
            {t(`teamPage.formTitle.${formTitle}`)}
          </h2>
          {actor.org.status !== 'verified' ? <p className={`${notice('warn')} mb-3`}>{t('teamPage.pendingOrg')}</p> : null}
          {actor.org.status === 'verified' && !isManager ? <p className={`${notice('info')} mb-3`}>{t('teamPage.memberOnly')}</p> : null}
          {need.mode === 'jiebang' && need.bounty ? <p className="mb-3 text-sm text-gray-700">{t('bountyHint', { bounty: amount(need.bounty) })}</p> : null}
          <BidForm
            needId={id}
            bidId={bid?.id ?? null}
            can={can}
            bounty={need.mode === 'jiebang' ? need.bounty : null}
            initial={{
              approach: bid?.revision.approach ?? '',
              milestones: bid?.revision.milestones ?? [],
              teamMembers: bid?.revision.teamMembers ?? [],
              achievementIds: bid?.revision.achievements.map((a) => a.id) ?? [],
              attachments: bid?.revision.attachments.map((f) => ({ id: f.id, name: f.name, size: f.size })) ?? [],
            }}
            achievements={achievements.map((a) => ({ id: a.id, title: a.title, kind: a.kind, year: a.year }))}
            minDate={localDatePlus(1)}
            maxAttachments={MAX_ATTACHMENTS}
            maxMilestones={MAX_MILESTONES}
          />
        </section>
      ) : bid ? (
        <div className="mb-6">
          <RevisionView revision={bid.revision} />
        </div>
      ) : null}

      {bid ? (
        <section aria-labelledby="revisions" className={cardClass}>
          <h2 id="revisions" className="mb-3 text-lg font-semibold text-gray-900">
            {t('revisions')}
          </h2>
          {bid.revisions.length === 0 ? (
            <p className="text-sm text-gray-600">{t('teamPage.revisionsEmpty')}</p>
          ) : (
            <ol className="divide-y divide-gray-100">
              {[...bid.revisions].reverse().map((r) => (
                <li key={r.number} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium text-gray-900">{t('revision', { number: r.number })}</span>
                    <span className="ml-2 text-sm text-gray-600 tabular-nums">{dateTime(r.submittedAt ?? r.createdAt)}</span>
                    {!r.submittedAt ? <span className="ml-2 rounded bg-gray-100 px-1.5 text-xs text-gray-800">{t('teamPage.draftRevision')}</span> : null}
                    {r.current ? <span className="ml-2 rounded bg-primary-50 px-1.5 text-xs text-primary-800">{t('teamPage.current')}</span> : null}
                  </span>
                  <Link
                    href={r.current ? `/needs/${id}/bid` : `/needs/${id}/bid?revision=${r.number}`}
                    aria-current={(viewing ? viewing.revision.number : bid.revision.number) === r.number ? 'page' : undefined}
                    className="text-sm text-primary-700 underline"
                  >
                    {t('teamPage.view')}
                    <span className="sr-only"> {t('revision', { number: r.number })}</span>
                  </Link>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </main>
  );
}
