import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../_lib/api';
import { ymd } from '../../_components/contracts/format';
import { GateStatusBadge, gateStatusKey } from '../../_components/landing/badges';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('landing.review'))('title') };
}

/** 待审核: an incubator's submitted gates; the bureau's approved last gates waiting for its sign-off. */
export default async function LandingReviewPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/landing/review');
  if (actor.org?.kind !== 'incubator' && actor.org?.kind !== 'bureau') redirect('/landing');
  const [t, tl, queue] = await Promise.all([getTranslations('landing.review'), getTranslations('landing'), (await serverApi()).landing.reviewQueue()]);
  const bureau = actor.org.kind === 'bureau';
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link href="/landing" className="text-primary-700 hover:underline">
          ← {tl('title')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold text-gray-900">{t('title')}</h1>
      <p className="mt-1 mb-5 text-sm text-gray-600">{bureau ? t('leadBureau') : t('leadIncubator')}</p>
      {queue.length === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-700">{bureau ? t('emptyBureau') : t('emptyIncubator')}</div>
      ) : (
        <ul className="space-y-3">
          {queue.map((q) => (
            <li key={`${q.projectId}-${q.gate}`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start gap-2">
                <h2 className="min-w-0 flex-1 text-base font-semibold text-gray-900">
                  <Link href={`/landing/${q.projectId}#gate`} className="hover:text-primary-700 hover:underline">
                    {q.name}
                  </Link>
                </h2>
                <GateStatusBadge status={q.status} label={tl(gateStatusKey(q.gate, q.status))} />
              </div>
              <p className="mt-1 text-sm text-gray-700">
                {tl(`gates.${q.gate}`)} · {q.teamName} · {q.enclaveName}
              </p>
              <p className="mt-1 text-xs text-gray-600">
                {t('attempt', { attempt: q.attempt })} · {t('submitted', { date: ymd(q.submittedAt) })}
                {q.approvedAt ? ` · ${t('approved', { date: ymd(q.approvedAt) })}` : ''}
              </p>
              <Link href={`/landing/${q.projectId}#gate`} className="mt-2 inline-block rounded-md bg-primary-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-primary-700">
                {bureau ? t('openSignOff') : t('openReview')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
