import Link from 'next/link';
import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../_lib/api';
import { orNull } from './server-calls';
import { BidStatusBadge } from './status-badge';
import { cardClass } from './styles';
import type { NeedView } from './types';

const primary = 'inline-flex items-center justify-center rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700';
const secondary = 'inline-flex items-center justify-center rounded-md border border-gray-300 bg-white px-4 py-2 text-sm text-gray-800 hover:bg-gray-50';

/**
 * The bid and review entry points of a need, for the need's detail page to render beside its own
 * 我要揭榜 button: a team's bid and its status, the owner's and the bureau's proposals and review, an
 * invited reviewer's review. Renders nothing for a reader with nothing to do here.
 */
export async function NeedBidPanel({ need }: { need: Pick<NeedView, 'id' | 'status' | 'view'> }) {
  const [t, actor] = await Promise.all([getTranslations('bids'), currentActor()]);
  const links: ReactNode[] = [];
  let status: ReactNode = null;
  if (!actor) {
    // The need page itself invites visitors to sign in and bid.
  } else if (need.view === 'owner' || actor.org?.kind === 'bureau') {
    if (need.view === 'owner' || need.status !== 'draft') {
      links.push(
        <Link key="owner" href={`/needs/${need.id}/bids`} className={primary}>
          {t('panel.ownerCta')}
        </Link>,
      );
    }
  } else if (actor.org?.kind === 'research_team' && need.status !== 'draft') {
    const api = await serverApi();
    const mine = await orNull(api.bids.mineOnNeed({ needId: need.id }));
    if (mine?.bid) {
      status = (
        <p className="flex items-center gap-2 text-sm text-gray-700">
          {t('panel.myBidStatus')}
          <BidStatusBadge status={mine.bid.status} label={t(`status.${mine.bid.status}`)} mark={t(`statusMark.${mine.bid.status}`)} />
        </p>
      );
      links.push(
        <Link key="mine" href={`/needs/${need.id}/bid`} className={primary}>
          {t('panel.myBid')}
        </Link>,
      );
    } else if (mine?.biddingOpen) {
      // The need page's own 我要揭榜 button leads to the bid form; the panel only warns a pending team.
      if (actor.org.status !== 'verified') status = <p className="text-sm text-amber-900">{t('panel.pendingTeam')}</p>;
    } else if (mine) {
      status = <p className="text-sm text-gray-700">{t('panel.closed')}</p>;
    }
  }
  if (actor?.org) {
    const invitations = await orNull((await serverApi()).reviews.mine());
    if (invitations?.some((i) => i.need.id === need.id)) {
      links.push(
        <Link key="review" href={`/needs/${need.id}/review`} className={links.length ? secondary : primary}>
          {t('panel.reviewerCta')}
        </Link>,
      );
    }
  }
  if (links.length === 0 && !status) return null;
  return (
    <section aria-labelledby="need-bid-panel" className={cardClass}>
      <h2 id="need-bid-panel" className="mb-3 text-base font-semibold text-gray-900">
        {t('panel.title')}
      </h2>
      <div className="space-y-3">
        {status}
        {links.length ? <div className="flex flex-wrap gap-2">{links}</div> : null}
      </div>
    </section>
  );
}
