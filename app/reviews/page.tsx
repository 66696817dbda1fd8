import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../_lib/api';
import { dateTime } from '../_components/bids/format';
import { orNull } from '../_components/bids/server-calls';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('bids.reviewer.invitations'))('title') };
}

const STANDING_LOOK = {
  active: 'border-green-300 bg-green-50 text-green-900',
  coiPending: 'border-amber-300 bg-amber-50 text-amber-900',
  conflict: 'border-gray-300 bg-gray-50 text-gray-800',
  bidder: 'border-gray-300 bg-gray-50 text-gray-800',
  sealed: 'border-blue-300 bg-blue-50 text-blue-900',
} as const;

/** The signed-in user's review invitations: where each stands (declare first, sealed, active, excluded). */
export default async function ReviewsPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/reviews');
  const [t, tNeeds, invitations] = await Promise.all([getTranslations('bids'), getTranslations('needs'), orNull((await serverApi()).reviews.mine())]);
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">{t('reviewer.invitations.title')}</h1>
      <p className="mt-1 mb-6 text-gray-600">{t('reviewer.invitations.lead')}</p>
      {invitations === null ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('reviewer.invitations.notVerified')}</p>
      ) : invitations.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-600">{t('empty.invitations')}</p>
      ) : (
        <ul className="space-y-3">
          {invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
              <div className="min-w-0 space-y-1">
                <p className="text-sm text-gray-600">
                  <span className="rounded bg-primary-50 px-1.5 text-primary-800">{tNeeds(`modes.${i.need.mode}`)}</span>
                  <span className="ml-2">{tNeeds(`statuses.${i.need.status}`)}</span>
                </p>
                <h2 className="font-medium text-gray-900">{i.need.title}</h2>
                <p className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
                  <span className={`rounded-full border px-2 py-0.5 text-xs font-medium ${STANDING_LOOK[i.standing]}`}>{t(`review.standing.${i.standing}`)}</span>
                  <span>{t('reviewer.invitations.scored', { count: i.scored })}</span>
                  <span className="tabular-nums">{t('reviewer.invitations.invitedAt', { at: dateTime(i.invitedAt) })}</span>
                </p>
              </div>
              <Link href={`/needs/${i.need.id}/review`} className="rounded-md bg-primary-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-primary-700">
                {t('reviewer.invitations.open')}
                <span className="sr-only">：{i.need.title}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
