import { getTranslations } from 'next-intl/server';
import { dateTime } from './format';
import { InviteReviewerForm } from './invite-reviewer';
import { RevokeReviewer } from './revoke-reviewer';
import { cardClass } from './styles';
import type { Outputs } from './types';

type Reviewer = Outputs['reviews']['reviewers'][number];

const COI_LOOK = {
  pending: 'border-amber-300 bg-amber-50 text-amber-900',
  none: 'border-green-300 bg-green-50 text-green-900',
  conflict: 'border-gray-300 bg-gray-50 text-gray-800',
} as const;
const COI_MARK = { pending: '◷', none: '✓', conflict: '⊘' } as const;

/**
 * The owner's reviewers of one need: invite by email, each reviewer's declaration (with what they stated),
 * how many bids they scored, and revoke (with a confirmation) until the award.
 */
export async function ReviewerList({ needId, reviewers, canManage, open }: { needId: string; reviewers: Reviewer[]; canManage: boolean; open: boolean }) {
  const t = await getTranslations('bids.reviewers');
  return (
    <section aria-labelledby="reviewers" className={`${cardClass} space-y-4`}>
      <div>
        <h2 id="reviewers" className="text-lg font-semibold text-gray-900">
          {t('title')}
        </h2>
        <p className="mt-1 text-sm text-gray-600">{t('lead')}</p>
      </div>
      {canManage && open ? <InviteReviewerForm needId={needId} /> : null}
      {!canManage ? <p className="text-sm text-gray-600">{t('readOnly')}</p> : null}
      {reviewers.length === 0 ? (
        <p className="rounded-md border border-dashed border-gray-300 p-4 text-center text-sm text-gray-600">{t('empty')}</p>
      ) : (
        <ul className="divide-y divide-gray-100">
          {reviewers.map((r) => {
            const coi = r.excludedAsBidder ? 'conflict' : r.coiStatus;
            return (
              <li key={r.id} className={`flex flex-wrap items-start justify-between gap-3 py-3 ${r.revokedAt ? 'opacity-70' : ''}`}>
                <div className="min-w-0 space-y-1">
                  <p className="font-medium text-gray-900">
                    {r.reviewer.name}
                    <span className="ml-2 text-sm font-normal break-all text-gray-600">{r.reviewer.email}</span>
                  </p>
                  {r.reviewer.orgName ? <p className="text-sm text-gray-700">{r.reviewer.orgName}</p> : null}
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    {r.revokedAt ? (
                      <span className="rounded-full border border-gray-300 px-2 py-0.5 text-xs text-gray-700">{t('revoked')}</span>
                    ) : (
                      <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${COI_LOOK[coi]}`}>
                        <span aria-hidden="true">{COI_MARK[coi]}</span>
                        {r.excludedAsBidder ? t('excludedAsBidder') : t(`coi.${r.coiStatus}`)}
                      </span>
                    )}
                    <span className="text-gray-700">{t('scored', { count: r.scored })}</span>
                    <span className="text-gray-600 tabular-nums">{t('invitedAt', { at: dateTime(r.invitedAt) })}</span>
                  </p>
                  {r.coiText ? <p className="text-sm text-gray-700">{t('coiText', { text: r.coiText })}</p> : null}
                </div>
                {canManage && open && !r.revokedAt ? <RevokeReviewer invitationId={r.id} name={r.reviewer.name} /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
