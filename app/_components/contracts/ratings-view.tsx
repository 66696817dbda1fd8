import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { RatingSlot } from '@/server/contracts/ratings';
import { ymd } from './format';

type Side = 'client' | 'provider';

/**
 * The two rating slots as the server returned them (server/contracts/ratings.ts decides what this viewer may
 * see): the viewer's own rating (with its private score), the form while it may still rate, the other side's
 * rating once revealed, otherwise only when it will be.
 */
export async function RatingsView(props: {
  ratings: { revealsAt: Date | null; client: RatingSlot; provider: RatingSlot };
  viewerSide: Side | null;
  labels: Record<Side, string>;
  form: ReactNode;
  /** The viewer's role may rate (owner/admin): a slot it cannot rate is then closed, not someone else's job. */
  mayRate: boolean;
}) {
  const [t, tr] = await Promise.all([getTranslations('contracts.page'), getTranslations('contracts.acts')]);
  const order: Side[] = props.viewerSide === 'provider' ? ['provider', 'client'] : ['client', 'provider'];
  return (
    <div className="mt-3 grid gap-3 md:grid-cols-2">
      {order.map((side) => {
        const slot = props.ratings[side];
        const title = side === props.viewerSide ? t('yourRating') : t('ratingOf', { side: props.labels[side] });
        return (
          <div key={side} className="rounded-md border border-gray-200 p-3 text-sm">
            <h3 className="font-medium text-gray-900">{title}</h3>
            <div className="mt-2">
              {slot.state === 'mine' || slot.state === 'revealed' ? (
                <div className="space-y-1">
                  {(['quality', 'timeliness', 'communication'] as const).map((c) => (
                    <p key={c} className="flex items-center gap-2">
                      <span className="w-20 shrink-0 text-gray-600">{tr(c === 'quality' ? 'rateQuality' : c === 'timeliness' ? 'rateTimeliness' : 'rateCommunication')}</span>
                      <span aria-hidden="true" className="text-amber-500">
                        {'★'.repeat(slot.rating[c])}
                        <span className="text-gray-300">{'★'.repeat(5 - slot.rating[c])}</span>
                      </span>
                      <span className="text-gray-900">{t('stars', { score: slot.rating[c] })}</span>
                    </p>
                  ))}
                  {slot.rating.comment ? <p className="whitespace-pre-line text-gray-900">{slot.rating.comment}</p> : null}
                  {slot.state === 'mine' ? (
                    <p className="mt-1 inline-block rounded border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs text-amber-900">{t('wouldAgainValue', { score: slot.rating.wouldContractAgain })}</p>
                  ) : null}
                  <p className="text-xs text-gray-600">{ymd(slot.rating.createdAt)}</p>
                </div>
              ) : slot.state === 'notRated' ? (
                slot.canRate ? (
                  <div className="space-y-2">
                    {slot.closesAt ? <p className="text-gray-700">{t('rateBy', { date: ymd(slot.closesAt) })}</p> : null}
                    {props.form}
                  </div>
                ) : (
                  <p className="text-gray-700">{props.mayRate ? t('ratingClosed') : t('ratingCannot')}</p>
                )
              ) : slot.state === 'hidden' ? (
                <p className="text-gray-700">
                  {t('hidden')}
                  {slot.revealsAt ? <span className="block text-xs text-gray-600">{t('hiddenUntil', { date: ymd(slot.revealsAt) })}</span> : null}
                </p>
              ) : (
                <p className="text-gray-700">{t('none')}</p>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
